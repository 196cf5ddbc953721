// -V: the protocol tree as indented text, as tshark -V prints it.
#pragma once

#include <span>
#include <string>

#include "dissectors/core/tree.hpp"

namespace ms::cli {

void append_tree_text(std::string& out, const ProtoTree& tree);
// -O: full detail only for the listed protocols; every other layer is
// printed as its one-line header, as tshark does.
void append_tree_text(std::string& out, const ProtoTree& tree, std::span<const FieldId> detail_protocols);

}  // namespace ms::cli
