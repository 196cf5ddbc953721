// -G fields / protocols / decodes: the field registry and the dissector
// table in tshark's glossary formats.
#pragma once

#include <string>

namespace ms::cli {

// Returns false when the report name is unknown.
bool print_glossary(const std::string& which);

}  // namespace ms::cli
