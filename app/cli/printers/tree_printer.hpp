// -V: the protocol tree as indented text, as tshark -V prints it.
#pragma once

#include <string>

#include "dissectors/core/tree.hpp"

namespace ms::cli {

void append_tree_text(std::string& out, const ProtoTree& tree);

}  // namespace ms::cli
