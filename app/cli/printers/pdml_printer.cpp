#include "app/cli/printers/pdml_printer.hpp"

#include <cinttypes>
#include <cstdio>
#include <ctime>

#include "app/cli/printers/markup_escape.hpp"
#include "dissectors/core/value_format.hpp"

namespace ms::cli {

namespace {
constexpr unsigned kMaxDepth = 256;  // bounds the recursion on hostile nesting

void indent(std::string& out, unsigned depth) { out.append(std::size_t(depth) * 2, ' '); }

void attr(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_xml_escaped(out, value);
    out += '"';
}

void attr_num(std::string& out, std::string_view name, uint64_t v) {
    out += ' ';
    out += name;
    out += "=\"";
    out += std::to_string(v);
    out += '"';
}

std::string hex_of(uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%" PRIx64, v);
    return buf;
}
}  // namespace

void PdmlPrinter::begin(std::string& out, int) {
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "<?xml-stylesheet type=\"text/xsl\" href=\"pdml2html.xsl\"?>\n"
           "<pdml version=\"0\" creator=\"mailscope/0.1.0\"";
    time_t now = time(nullptr);
    struct tm tm;
    localtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    attr(out, "time", buf);
    attr(out, "capture_file", opt_.capture_file);
    out += ">\n";
}

void PdmlPrinter::end(std::string& out) { out += "</pdml>\n"; }

void PdmlPrinter::write_children(std::string& out, const FrameContext& ctx, uint32_t i, unsigned depth, bool filtering,
                                 std::string_view key) {
    const ProtoTree& t = ctx.tree;
    if (filtering && !opt_.filter.keeps(key)) {
        indent(out, depth + 1);
        out += "<field name=\"filtered\" value=\"";
        append_xml_escaped(out, key);
        out += "\" />\n";
        return;
    }
    bool next_filtering = filtering && !opt_.filter.include_children;
    for (uint32_t c = t.node(i).first_child; c; c = t.node(c).next_sibling)
        write_node(out, ctx, c, depth + 1, next_filtering);
}

void PdmlPrinter::write_node(std::string& out, const FrameContext& ctx, uint32_t i, unsigned depth, bool filtering) {
    const ProtoTree& t = ctx.tree;
    const Node& n = t.node(i);
    const FieldDef& d = FieldRegistry::global().def(n.field);
    const bool children = n.first_child != 0 && depth < kMaxDepth;
    indent(out, depth);
    if (d.type == FieldType::Protocol) {
        out += "<proto";
        attr(out, "name", d.abbrev);
        attr(out, "showname", t.label(i));
        attr_num(out, "size", n.range.length);
        attr_num(out, "pos", n.range.offset);
        out += ">\n";
        if (children) write_children(out, ctx, i, depth, filtering, d.abbrev);
        indent(out, depth);
        out += "</proto>\n";
        return;
    }
    const bool text_item = is_text_item(t, i);
    out += "<field";
    if (text_item) {
        attr(out, "name", "");
        attr(out, "show", t.label(i));
        attr_num(out, "size", n.range.length);
        attr_num(out, "pos", n.range.offset);
        if (n.range.length > 0) {
            out += " value=\"";
            append_hex(out, node_bytes(ctx, n));
            out += '"';
        }
    } else {
        attr(out, "name", d.abbrev);
        attr(out, "showname", t.label(i));
        if (n.flags & kHidden) out += " hide=\"yes\"";
        attr_num(out, "size", n.range.length);
        attr_num(out, "pos", n.range.offset);
        if (!has_value(t, i)) {
            out += " show=\"\" value=\"\"";
        } else {
            scratch_.clear();
            append_display_value(scratch_, t, i, ValueStyle::Json);
            attr(out, "show", scratch_);
            if (n.range.length > 0) {
                if (d.bitmask) {
                    attr(out, "value", hex_of(d.type == FieldType::Boolean ? (n.value.u ? 1 : 0) : n.value.u));
                    out += " unmaskedvalue=\"";
                } else {
                    out += " value=\"";
                }
                append_hex(out, node_bytes(ctx, n));
                out += '"';
            }
        }
    }
    if (!children) {
        out += "/>\n";
        return;
    }
    out += ">\n";
    write_children(out, ctx, i, depth, filtering, text_item ? std::string_view(t.label(i)) : std::string_view(d.abbrev));
    indent(out, depth);
    out += "</field>\n";
}

void PdmlPrinter::packet(std::string& out, const FrameContext& ctx) {
    const PacketInfo& pi = ctx.pinfo;
    out += "<packet>\n  <proto name=\"geninfo\" pos=\"0\" showname=\"General information\"";
    attr_num(out, "size", pi.caplen);
    out += ">\n";
    auto gen = [&](const char* name, const std::string& show, const char* showname, const std::string& value) {
        out += "    <field";
        attr(out, "name", name);
        out += " pos=\"0\"";
        attr(out, "show", show);
        attr(out, "showname", showname);
        attr(out, "value", value);
        attr_num(out, "size", pi.caplen);
        out += "/>\n";
    };
    gen("num", std::to_string(pi.number), "Number", hex_of(pi.number));
    gen("len", std::to_string(pi.wirelen), "Frame Length", hex_of(pi.wirelen));
    gen("caplen", std::to_string(pi.caplen), "Captured Length", hex_of(pi.caplen));
    std::string abs, epoch;
    append_abs_time(abs, pi.ts_ns);
    append_epoch_time(epoch, pi.ts_ns);
    gen("timestamp", abs, "Captured Time", epoch);
    out += "  </proto>\n";
    if (fields_.empty()) {
        const ProtoTree& t = ctx.tree;
        for (uint32_t c = t.node(0).first_child; c; c = t.node(c).next_sibling)
            write_node(out, ctx, c, 1, opt_.filter.active());
    } else {
        const auto& hits = fields_.collect(ctx.tree);
        for (std::size_t col = 0; col < hits.size(); ++col)
            for (uint32_t i : hits[col]) {
                scratch_.clear();
                ctx.tree.append_value_text(i, scratch_);
                out += "  <field";
                attr(out, "name", fields_.name(col));
                attr(out, "value", scratch_);
                out += "/>\n";
            }
    }
    out += "</packet>\n\n\n";
}

}  // namespace ms::cli
