#include "app/cli/printers/tree_export.hpp"

#include <cinttypes>
#include <cstdio>
#include <ctime>

#include "dissectors/core/value_format.hpp"

namespace ms::cli {

bool ProtocolFilter::keeps(std::string_view key) const {
    for (const auto& n : names)
        if (n == key) return true;
    return false;
}

void ProtocolFilter::add(std::string_view arg, bool children) {
    std::size_t i = 0;
    while (i < arg.size()) {
        while (i < arg.size() && (arg[i] == ' ' || arg[i] == ',')) ++i;
        std::size_t start = i;
        while (i < arg.size() && arg[i] != ' ' && arg[i] != ',') ++i;
        if (i > start) names.emplace_back(arg.substr(start, i - start));
    }
    if (children) include_children = true;
}

bool is_text_item(const ProtoTree& tree, uint32_t i) {
    // Subtrees Wireshark adds with proto_tree_add_subtree (no hf): mailscope
    // gives them a name, tshark's outputs show only their text.
    static const FieldId ids[] = {
        FieldRegistry::global().find("tcp.timestamps"),
        FieldRegistry::global().find("ip.options"),
    };
    FieldId f = tree.node(i).field;
    for (FieldId t : ids)
        if (t != kNoField && t == f) return true;
    return false;
}

std::string json_key(const ProtoTree& tree, uint32_t i) {
    if (is_text_item(tree, i)) return tree.label(i);
    return FieldRegistry::global().def(tree.node(i).field).abbrev;
}

bool has_value(const ProtoTree& tree, uint32_t i) {
    switch (FieldRegistry::global().def(tree.node(i).field).type) {
        case FieldType::None: case FieldType::Protocol: case FieldType::Expert: return false;
        default: return true;
    }
}

void append_iso_utc(std::string& out, int64_t ns) {
    int64_t sec = ns / 1'000'000'000;
    int64_t frac = ns % 1'000'000'000;
    if (frac < 0) frac += 1'000'000'000, --sec;
    time_t t = static_cast<time_t>(sec);
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%09" PRId64 "Z", frac);
    out += buf;
}

void append_display_value(std::string& out, const ProtoTree& tree, uint32_t i, ValueStyle style) {
    const Node& n = tree.node(i);
    const FieldDef& d = FieldRegistry::global().def(n.field);
    if (d.type == FieldType::Bytes) {
        static const char* hex = "0123456789abcdef";
        bool first = true;
        for (unsigned char c : tree.blob(n)) {
            if (!first) out += ':';
            first = false;
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        return;
    }
    if (style == ValueStyle::Ek && d.type == FieldType::AbsTime) {
        append_iso_utc(out, n.value.i);
        return;
    }
    tree.append_value_text(i, out);
}

std::string_view node_bytes(const FrameContext& ctx, const Node& n) {
    if (n.range.source >= ctx.sources.size()) return {};
    const auto& b = ctx.sources[n.range.source].bytes;
    if (n.range.offset > b.size() || b.size() - n.range.offset < n.range.length) return {};
    return {reinterpret_cast<const char*>(b.data()) + n.range.offset, n.range.length};
}

void append_raw_hex(std::string& out, const FrameContext& ctx, uint32_t i) {
    const Node& n = ctx.tree.node(i);
    const FieldDef& d = FieldRegistry::global().def(n.field);
    if (d.bitmask) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%" PRIx64, d.type == FieldType::Boolean ? uint64_t(n.value.u != 0) : n.value.u);
        out += buf;
        return;
    }
    append_hex(out, node_bytes(ctx, n));
}

int ftenum_number(FieldType t) {
    // Wireshark 4.0's enum ftenum.
    switch (t) {
        case FieldType::None: case FieldType::Expert: return 0;
        case FieldType::Protocol: return 1;
        case FieldType::Boolean: return 2;
        case FieldType::U8: return 4;
        case FieldType::U16: return 5;
        case FieldType::U24: return 6;
        case FieldType::U32: return 7;
        case FieldType::U64: return 11;
        case FieldType::I8: return 12;
        case FieldType::I16: return 13;
        case FieldType::I32: return 15;
        case FieldType::I64: return 19;
        case FieldType::Double: return 23;
        case FieldType::AbsTime: return 24;
        case FieldType::RelTime: return 25;
        case FieldType::String: return 26;
        case FieldType::Ether: return 29;
        case FieldType::Bytes: return 30;
        case FieldType::IPv4: return 32;
        case FieldType::IPv6: return 33;
        case FieldType::FrameNum: return 35;
    }
    return 0;
}

}  // namespace ms::cli
