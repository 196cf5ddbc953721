#include "app/cli/printers/json_printer.hpp"

#include <ctime>

#include "app/cli/printers/json_writer.hpp"
#include "dissectors/core/value_format.hpp"

namespace ms::cli {

void append_index_name(std::string& out, int64_t ts_ns) {
    int64_t sec = ts_ns / 1'000'000'000;
    if (ts_ns % 1'000'000'000 < 0) --sec;
    time_t t = static_cast<time_t>(sec);
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "packets-%Y-%m-%d", &tm);
    out += buf;
}

void IndexName::append(std::string& out, int64_t ts_ns) {
    int64_t sec = ts_ns / 1'000'000'000;
    if (ts_ns % 1'000'000'000 < 0) --sec;
    if (sec < lo_ || sec >= hi_) {
        name_.clear();
        append_index_name(name_, ts_ns);
        time_t t = static_cast<time_t>(sec);
        struct tm tm;
        localtime_r(&t, &tm);
        // Local midnight, to within the hour a DST change may shift it; the
        // window keeps an hour clear of either end of the day.
        int64_t midnight = sec - (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec);
        lo_ = midnight + 3600;
        hi_ = midnight + 23 * 3600;
        if (sec < lo_ || sec >= hi_) {  // near midnight: this second only
            lo_ = sec;
            hi_ = sec + 1;
        }
    }
    out += name_;
}

void JsonPrinter::begin(std::string& out, int) { out += '['; }

void JsonPrinter::end(std::string& out) {
    out += packets_ ? "\n]\n" : "]\n";
}

void JsonPrinter::write_raw(JsonWriter& w, const FrameContext& ctx, uint32_t i) {
    const Node& n = ctx.tree.node(i);
    const FieldDef& d = FieldRegistry::global().def(n.field);
    w.begin_array();
    w.value_start();
    w.out() += '"';
    append_raw_hex(w.out(), ctx, i);
    w.out() += '"';
    w.literal(std::to_string(n.range.offset));
    w.literal(std::to_string(n.range.length));
    w.literal(std::to_string(d.bitmask));
    w.literal(std::to_string(ftenum_number(d.type)));
    w.end_array();
}

namespace {
// Deeper subtrees are cut (written as {}): the recursion stays bounded
// whatever nesting the preferences let a hostile capture build.
constexpr unsigned kMaxDepth = 256;
}  // namespace

void JsonPrinter::write_children(JsonWriter& w, const FrameContext& ctx, uint32_t parent, bool filtering, unsigned depth) {
    const ProtoTree& t = ctx.tree;
    const bool text = !opt_.raw_only;
    w.begin_object();
    if (depth >= kMaxDepth) {
        w.end_object();
        return;
    }
    std::string key;
    for (uint32_t c = t.node(parent).first_child; c; c = t.node(c).next_sibling) {
        const Node& n = t.node(c);
        key = json_key(t, c);
        bool text_item = is_text_item(t, c);
        bool value = has_value(t, c);
        bool children = n.first_child != 0;
        bool filtered = filtering && !opt_.filter.keeps(key);
        if ((opt_.hex || opt_.raw_only) && !text_item && (opt_.raw_only || n.range.length > 0)) {
            w.key(key, "_raw");
            write_raw(w, ctx, c);
        }
        if (text && value) {
            w.key(key);
            w.value_start();
            w.out() += '"';
            std::string v;
            append_display_value(v, t, c, ValueStyle::Json);
            append_json_escaped(w.out(), v);
            w.out() += '"';
        }
        if (children) {
            w.key(key, value ? "_tree" : "");
            if (filtered) {
                w.begin_object();
                w.key("filtered");
                w.string(key);
                w.end_object();
            } else {
                write_children(w, ctx, c, filtering && !opt_.filter.include_children, depth + 1);
            }
        } else if (!value && text) {
            w.key(key);
            // tshark writes a childless protocol's label, any other item "".
            if (FieldRegistry::global().def(n.field).type == FieldType::Protocol) w.string(t.label(c));
            else w.string("");
        }
    }
    w.end_object();
}

void JsonPrinter::packet(std::string& out, const FrameContext& ctx) {
    out += packets_++ ? ",\n" : "\n";
    JsonWriter w(out, true, 1);
    out += "  ";
    w.begin_object();
    w.key("_index");
    w.value_start();
    out += '"';
    index_name_.append(out, ctx.pinfo.ts_ns);
    out += '"';
    w.key("_type");
    w.string("doc");
    w.key("_score");
    w.literal("null");
    w.key("_source");
    w.begin_object();
    w.key("layers");
    if (fields_.empty()) {
        write_children(w, ctx, 0, opt_.filter.active(), 0);
    } else {
        // -e: each field with its values as an array, in -e order.
        w.begin_object();
        const auto& hits = fields_.collect(ctx.tree);
        std::string v;
        for (std::size_t col = 0; col < hits.size(); ++col) {
            if (hits[col].empty()) continue;
            w.key(fields_.name(col));
            w.begin_array();
            for (uint32_t i : hits[col]) {
                v.clear();
                ctx.tree.append_value_text(i, v);
                w.string(v);
            }
            w.end_array();
        }
        w.end_object();
    }
    w.end_object();
    w.end_object();
}

}  // namespace ms::cli
