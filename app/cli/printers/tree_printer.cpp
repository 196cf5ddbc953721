#include "app/cli/printers/tree_printer.hpp"

#include <algorithm>

namespace ms::cli {

namespace {
void print_node(std::string& out, const ProtoTree& t, uint32_t i, int depth, bool expand) {
    const Node& n = t.node(i);
    if (n.flags & kHidden) return;
    out.append(std::size_t(depth) * 4, ' ');
    bool gen = n.flags & kGenerated;
    if (gen) out += '[';
    out += t.label(i);
    if (gen) out += ']';
    out += '\n';
    if (!expand) return;
    for (uint32_t c = n.first_child; c; c = t.node(c).next_sibling) print_node(out, t, c, depth + 1, true);
}
}  // namespace

void append_tree_text(std::string& out, const ProtoTree& tree) {
    for (uint32_t c = tree.node(0).first_child; c; c = tree.node(c).next_sibling) print_node(out, tree, c, 0, true);
}

void append_tree_text(std::string& out, const ProtoTree& tree, std::span<const FieldId> detail_protocols) {
    for (uint32_t c = tree.node(0).first_child; c; c = tree.node(c).next_sibling) {
        bool expand = std::find(detail_protocols.begin(), detail_protocols.end(), tree.node(c).field) != detail_protocols.end();
        print_node(out, tree, c, 0, expand);
    }
}

}  // namespace ms::cli
