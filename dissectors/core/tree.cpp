#include "tree.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "packet_info.hpp"
#include "value_format.hpp"

namespace ms {

namespace {
const FieldRegistry& reg() { return FieldRegistry::global(); }

FieldId builtin(std::string_view name) { return reg().find(name); }

struct ExpertFields {
    FieldId expert, message, severity, group;
};
const ExpertFields& expert_fields() {
    static const ExpertFields f{builtin("_ws.expert"), builtin("_ws.expert.message"),
                                builtin("_ws.expert.severity"), builtin("_ws.expert.group")};
    return f;
}

unsigned mask_width(const FieldDef& d) {
    if (d.bit_width) return d.bit_width;
    if (d.type != FieldType::Boolean) return type_bits(d.type);
    unsigned hi = 0;
    for (unsigned i = 0; i < 64; ++i)
        if ((d.bitmask >> i) & 1) hi = i + 1;
    return std::max(8u, (hi + 7) / 8 * 8);
}
}  // namespace

ProtoTree::ProtoTree() { clear(); }

void ProtoTree::keep_all() {
    all_ = true;
    wanted_.clear();
    wanted_protocols_.clear();
}

void ProtoTree::keep_only(std::span<const FieldId> fields) {
    all_ = false;
    wanted_.assign(reg().size(), 0);
    wanted_protocols_.assign(reg().size(), 0);
    for (FieldId f : fields) {
        if (f >= wanted_.size()) continue;
        wanted_[f] = 1;
        FieldId p = reg().protocol_of(f);
        if (p != kNoField) wanted_protocols_[p] = 1;
    }
}

void ProtoTree::clear() {
    nodes_.clear();
    pool_.clear();
    experts_.clear();
    nodes_.push_back(Node{});  // root
}

uint32_t ProtoTree::pool_put(std::string_view s) {
    uint32_t off = static_cast<uint32_t>(pool_.size());
    pool_.append(s);
    return off;
}

NodeRef ProtoTree::attach(NodeRef parent, FieldId f, ByteRange r) {
    if (!wants(f)) return NodeRef{parent.index, false};
    uint32_t idx = static_cast<uint32_t>(nodes_.size());
    Node n;
    n.field = f;
    n.parent = parent.index;
    n.range = r;
    nodes_.push_back(n);
    Node& p = nodes_[parent.index];
    if (p.last_child) nodes_[p.last_child].next_sibling = idx;
    else p.first_child = idx;
    p.last_child = idx;
    return NodeRef{idx, true};
}

NodeRef ProtoTree::store_uint(NodeRef parent, FieldId f, ByteRange r, uint64_t v) {
    NodeRef n = attach(parent, f, r);
    if (n) nodes_[n.index].value.u = v;
    return n;
}

NodeRef ProtoTree::store_int(NodeRef parent, FieldId f, ByteRange r, int64_t v) {
    NodeRef n = attach(parent, f, r);
    if (n) nodes_[n.index].value.i = v;
    return n;
}

NodeRef ProtoTree::add_double(NodeRef parent, FieldId f, ByteRange r, double v) {
    NodeRef n = attach(parent, f, r);
    if (n) nodes_[n.index].value.d = v;
    return n;
}

NodeRef ProtoTree::store_string(NodeRef parent, FieldId f, ByteRange r, std::string_view v) {
    NodeRef n = attach(parent, f, r);
    if (n) {
        nodes_[n.index].blob_off = pool_put(v);
        nodes_[n.index].blob_len = static_cast<uint32_t>(v.size());
    }
    return n;
}

NodeRef ProtoTree::add_expert(NodeRef parent, FieldId expert, ByteRange r, std::string_view text) {
    const ExpertDef* def = reg().expert(expert);
    if (!def) return NodeRef{parent.index, false};
    if (text.empty()) text = def->summary;
    uint32_t text_off = pool_put(text);
    experts_.push_back({expert, def->severity, text_off, static_cast<uint32_t>(text.size())});
    const auto& ef = expert_fields();
    NodeRef top = attach(parent, ef.expert, r);
    if (top && all_) {
        std::string label = "Expert Info (";
        label += severity_name(def->severity);
        label += '/';
        label += group_name(def->group);
        label += "): ";
        label += text;
        set_label(top, label);
    }
    set_generated(top);
    NodeRef e = attach(top, expert, r);
    if (e) {
        set_label(e, text);
        set_generated(e);
    }
    NodeRef m = add_string(top, ef.message, r, text);
    set_hidden(m);
    NodeRef s = add_uint(top, ef.severity, r, uint64_t(def->severity));
    set_generated(s);
    NodeRef g = add_uint(top, ef.group, r, uint64_t(def->group));
    set_generated(g);
    if (all_) {
        set_label(s, std::string("Severity level: ") + std::string(severity_name(def->severity)));
        set_label(g, std::string("Group: ") + std::string(group_name(def->group)));
    }
    return e.stored ? e : top;
}

void ProtoTree::set_label(NodeRef n, std::string_view text) {
    if (!n.stored) return;
    Node& node = nodes_[n.index];
    node.label_off = pool_put(text);
    node.label_len = static_cast<uint32_t>(text.size());
    node.flags |= kHasLabel;
}

void ProtoTree::append_label(NodeRef n, std::string_view text) {
    if (!n.stored) return;
    std::string cur = label(n.index);
    cur += text;
    set_label(n, cur);
}

Severity ProtoTree::max_severity() const {
    Severity s = Severity::Comment;
    for (auto& e : experts_) s = std::max(s, e.severity);
    return s;
}

void ProtoTree::append_value_text(uint32_t i, std::string& out) const {
    const Node& n = nodes_[i];
    const FieldDef& d = reg().def(n.field);
    switch (d.type) {
        case FieldType::None: break;
        case FieldType::Protocol: out += label(i); break;
        case FieldType::Expert: out += custom_label(n); break;
        case FieldType::Boolean: out += n.value.u ? '1' : '0'; break;
        case FieldType::U8: case FieldType::U16: case FieldType::U24: case FieldType::U32: case FieldType::U64:
            append_uint(out, n.value.u, d.type, d.base == Base::Hex || d.base == Base::HexDec ? Base::Hex : Base::Dec);
            break;
        case FieldType::FrameNum: append_uint(out, n.value.u, d.type, Base::Dec); break;
        case FieldType::I8: case FieldType::I16: case FieldType::I32: case FieldType::I64:
            out += std::to_string(n.value.i);
            break;
        case FieldType::Double: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%g", n.value.d);
            out += buf;
            break;
        }
        case FieldType::String: out += blob(n); break;
        case FieldType::Bytes: append_hex(out, blob(n)); break;
        case FieldType::IPv4: {
            char buf[20];
            uint32_t v = static_cast<uint32_t>(n.value.u);
            std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
            out += buf;
            break;
        }
        case FieldType::IPv6: case FieldType::Ether: {
            Address a;
            a.kind = d.type == FieldType::IPv6 ? Address::IPv6 : Address::Ether;
            auto b = blob(n);
            std::copy_n(b.data(), std::min<std::size_t>(b.size(), 16), a.bytes);
            out += a.to_string();
            break;
        }
        case FieldType::AbsTime: append_abs_time(out, n.value.i); break;
        case FieldType::RelTime: append_rel_time(out, n.value.i); break;
    }
}

std::string ProtoTree::value_text(uint32_t i) const {
    std::string s;
    append_value_text(i, s);
    return s;
}

std::string ProtoTree::label(uint32_t i) const {
    const Node& n = nodes_[i];
    if (n.flags & kHasLabel) return std::string(custom_label(n));
    const FieldDef& d = reg().def(n.field);
    std::string out;
    if (d.bitmask && (d.type == FieldType::Boolean || type_bits(d.type) < 64 || d.bit_width))
        append_bit_pattern(out, d.bitmask, n.value.u, mask_width(d));
    out += d.name;
    switch (d.type) {
        case FieldType::None: case FieldType::Protocol: case FieldType::Expert: return out;
        default: break;
    }
    out += ": ";
    switch (d.type) {
        case FieldType::Boolean: {
            const char* vn = value_name(d, n.value.u);
            out += vn ? vn : (n.value.u ? "True" : "False");
            break;
        }
        case FieldType::U8: case FieldType::U16: case FieldType::U24: case FieldType::U32: case FieldType::U64: {
            const char* vn = value_name(d, n.value.u);
            if (vn) {
                out += vn;
                out += " (";
                append_uint(out, n.value.u, d.type, d.base == Base::Hex || d.base == Base::HexDec ? Base::Hex : Base::Dec);
                out += ')';
            } else {
                append_uint(out, n.value.u, d.type, d.base);
            }
            break;
        }
        case FieldType::RelTime:
            append_rel_time(out, n.value.i);
            out += " seconds";
            break;
        case FieldType::Bytes: {
            auto b = blob(n);
            if (b.size() > 36) {
                append_hex(out, b.substr(0, 36));
                out += "\xE2\x80\xA6";  // the ellipsis tshark prints
            } else {
                append_hex(out, b);
            }
            break;
        }
        default: append_value_text(i, out); break;
    }
    return out;
}

}  // namespace ms
