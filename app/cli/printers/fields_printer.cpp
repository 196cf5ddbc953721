#include "app/cli/printers/fields_printer.hpp"

namespace ms::cli {

namespace {
// A value as tshark's -T fields prints it: strings with control characters
// and backslashes escaped (so a value never breaks the line or the columns).
void append_field_value(const ProtoTree& tree, uint32_t i, std::string& out) {
    const FieldDef& d = FieldRegistry::global().def(tree.node(i).field);
    if (d.type != FieldType::String) {
        tree.append_value_text(i, out);
        return;
    }
    const std::string_view v = tree.blob(tree.node(i));
    std::size_t run = 0;  // start of the plain characters not yet copied
    for (std::size_t k = 0; k < v.size(); ++k) {
        const unsigned char c = static_cast<unsigned char>(v[k]);
        if (c >= 0x20 && c != 0x7f && c != '\\') continue;  // plain: copied as a run
        out.append(v.data() + run, k - run);
        run = k + 1;
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\x";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                }
        }
    }
    out.append(v.data() + run, v.size() - run);
}
}  // namespace

bool FieldsPrinter::init(const std::vector<std::string>& names, const FieldsOptions& opts, std::string& bad_name) {
    opts_ = opts;
    return fields_.init(names, bad_name);
}

void FieldsPrinter::append_header(std::string& out) const {
    for (std::size_t i = 0; i < fields_.ids().size(); ++i) {
        if (i) out += opts_.separator;
        if (opts_.quote) out += opts_.quote;
        out += fields_.name(i);
        if (opts_.quote) out += opts_.quote;
    }
    out += '\n';
}

void FieldsPrinter::append_line(std::string& out, const ProtoTree& tree) {
    const auto& hits = fields_.collect(tree);
    for (std::size_t c = 0; c < hits.size(); ++c) {
        if (c) out += opts_.separator;
        const auto& h = hits[c];
        if (h.empty()) continue;
        if (opts_.quote) out += opts_.quote;
        if (opts_.occurrence == 'f') {
            append_field_value(tree, h.front(), out);
        } else if (opts_.occurrence == 'l') {
            append_field_value(tree, h.back(), out);
        } else {
            for (std::size_t k = 0; k < h.size(); ++k) {
                if (k) out += opts_.aggregator;
                append_field_value(tree, h[k], out);
            }
        }
        if (opts_.quote) out += opts_.quote;
    }
    out += '\n';
}

}  // namespace ms::cli
