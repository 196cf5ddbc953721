// -G fields / -G protocols: the field registry in tshark's glossary format.
#pragma once

#include <string>

namespace ms::cli {

// Returns false when the report name is unknown.
bool print_glossary(const std::string& which);

}  // namespace ms::cli
