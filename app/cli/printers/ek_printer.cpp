#include "app/cli/printers/ek_printer.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <unordered_map>

#include "app/cli/printers/json_printer.hpp"
#include "app/cli/printers/json_writer.hpp"
#include "dissectors/core/value_format.hpp"

namespace ms::cli {

namespace {
// Deeper trees than this are written as their text only: the recursion is
// bounded whatever a hostile capture makes the dissectors nest.
constexpr unsigned kMaxDepth = 256;

void append_underscored(std::string& out, std::string_view s) {
    for (char c : s) out += c == '.' ? '_' : c;
}

// Siblings with the same member name are written together: text items all
// share "text", every other node is grouped by its field.
uint64_t group_key(const ProtoTree& t, uint32_t i) { return is_text_item(t, i) ? ~uint64_t(0) : t.node(i).field; }
}  // namespace

void append_ek_name(std::string& out, FieldId f) {
    const FieldRegistry& reg = FieldRegistry::global();
    const FieldDef& d = reg.def(f);
    FieldId p = reg.protocol_of(f);
    if (d.type != FieldType::Protocol && p != kNoField && p != f) {
        append_underscored(out, reg.def(p).abbrev);
        out += '_';
    }
    append_underscored(out, d.abbrev);
}

void EkPrinter::write_protocol(JsonWriter& w, const FrameContext& ctx, uint32_t i, bool filtering, unsigned depth) {
    const ProtoTree& t = ctx.tree;
    if (filtering && !opt_.filter.keeps(FieldRegistry::global().def(t.node(i).field).abbrev)) {
        w.begin_object();
        w.key("filtered");
        w.string(FieldRegistry::global().def(t.node(i).field).abbrev);
        w.end_object();
        return;
    }
    std::vector<uint32_t> kids;
    for (uint32_t c = t.node(i).first_child; c; c = t.node(c).next_sibling) kids.push_back(c);
    w.begin_object();
    write_siblings(w, ctx, kids, filtering && !opt_.filter.include_children, depth + 1);
    w.end_object();
}

void EkPrinter::write_siblings(JsonWriter& w, const FrameContext& ctx, const std::vector<uint32_t>& nodes, bool filtering,
                               unsigned depth) {
    const ProtoTree& t = ctx.tree;
    const FieldRegistry& reg = FieldRegistry::global();
    // Groups in order of first appearance (a map, not a rescan: a layer may
    // hold thousands of siblings).
    std::unordered_map<uint64_t, std::size_t> slot;
    std::vector<std::vector<uint32_t>> groups;
    for (uint32_t n : nodes) {
        auto [it, added] = slot.try_emplace(group_key(t, n), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(n);
    }
    std::vector<uint32_t> kids;
    std::string v;
    for (const auto& group : groups) {
        const uint32_t first = group.front();
        const FieldDef& d = reg.def(t.node(first).field);
        const bool text_item = is_text_item(t, first);
        const bool many = group.size() > 1;
        name_.clear();
        if (text_item) name_ = "text";
        else append_ek_name(name_, t.node(first).field);
        std::string name = name_;
        if (opt_.hex && !text_item && t.node(first).range.length > 0) {
            w.key(name, "_raw");
            if (many) w.begin_array();
            for (uint32_t i : group) {
                w.value_start();
                w.out() += '"';
                append_raw_hex(w.out(), ctx, i);
                w.out() += '"';
            }
            if (many) w.end_array();
        }
        if (d.type == FieldType::Protocol && !text_item) {
            w.key(name);
            if (many) w.begin_array();
            for (uint32_t i : group) {
                if (depth < kMaxDepth) write_protocol(w, ctx, i, filtering, depth);
                else w.string(t.label(i));
            }
            if (many) w.end_array();
            continue;
        }
        const bool filtered = filtering && !text_item && !opt_.filter.keeps(d.abbrev);
        w.key(name);
        if (many) w.begin_array();
        for (uint32_t i : group) {
            if (filtered) {
                w.begin_object();
                w.key("filtered");
                w.string(d.abbrev);
                w.end_object();
            } else if (text_item) {
                w.string(t.label(i));
            } else if (!has_value(t, i)) {
                w.literal("null");
            } else if (d.type == FieldType::Boolean) {
                w.literal(t.node(i).value.u ? "true" : "false");
            } else {
                v.clear();
                append_display_value(v, t, i, ValueStyle::Ek);
                w.string(v);
            }
        }
        if (many) w.end_array();
        if (filtered || depth >= kMaxDepth) continue;
        // The children of every node of the group, flattened into this object.
        kids.clear();
        for (uint32_t i : group)
            for (uint32_t c = t.node(i).first_child; c; c = t.node(c).next_sibling) kids.push_back(c);
        if (!kids.empty()) write_siblings(w, ctx, kids, filtering, depth + 1);
    }
}

void EkPrinter::packet(std::string& out, const FrameContext& ctx) {
    out += "{\"index\":{\"_index\":\"";
    index_name_.append(out, ctx.pinfo.ts_ns);
    out += "\",\"_type\":\"doc\"}}\n";
    // tshark's ek timestamp: the seconds, then the milliseconds as three
    // digits ("0000" at the epoch, not "0").
    int64_t ns = ctx.pinfo.ts_ns;
    int64_t sec = ns / 1'000'000'000, frac = ns % 1'000'000'000;
    if (frac < 0) frac += 1'000'000'000, --sec;
    const int milli = int(frac / 1'000'000);
    char ts[32];
    char* end = std::to_chars(ts, ts + 24, sec).ptr;
    *end++ = char('0' + milli / 100);
    *end++ = char('0' + milli / 10 % 10);
    *end++ = char('0' + milli % 10);
    out += "{\"timestamp\":\"";
    out.append(ts, end);
    out += "\",\"layers\":";
    if (fields_.empty()) {
        JsonWriter w(out, false);
        std::vector<uint32_t> layers;
        for (uint32_t c = ctx.tree.node(0).first_child; c; c = ctx.tree.node(c).next_sibling) layers.push_back(c);
        w.begin_object();
        write_siblings(w, ctx, layers, opt_.filter.active(), 0);
        w.end_object();
    } else {
        // -e: a flat object of string arrays, one member per field present.
        // Written directly (one record per frame, the hot path of -T ek -e).
        if (column_keys_.empty())
            for (std::size_t col = 0; col < fields_.ids().size(); ++col) {
                std::string name;
                append_underscored(name, fields_.name(col));
                std::string key;
                append_json_string(key, name);
                column_keys_.push_back(std::move(key) + ":[");
            }
        out += '{';
        bool first = true;
        const auto& hits = fields_.collect(ctx.tree);
        for (std::size_t col = 0; col < hits.size(); ++col) {
            if (hits[col].empty()) continue;
            if (!first) out += ',';
            first = false;
            out += column_keys_[col];
            bool first_value = true;
            for (uint32_t i : hits[col]) {
                if (!first_value) out += ',';
                first_value = false;
                out += '"';
                name_.clear();
                ctx.tree.append_value_text(i, name_);
                append_json_escaped(out, name_);
                out += '"';
            }
            out += ']';
        }
        out += '}';
    }
    out += "}\n";
}

}  // namespace ms::cli
