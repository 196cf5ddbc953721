// -x: hex and ASCII of each data source, as tshark -x prints them.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "dissectors/core/tree.hpp"

namespace ms::cli {

void append_hex_dump(std::string& out, std::span<const uint8_t> bytes);
void append_sources_hex(std::string& out, const std::vector<DataSource>& sources);

}  // namespace ms::cli
