// Evaluates a compiled filter on one frame. Each operand yields the list of
// its values (one per field occurrence); a relation holds when any pair (or,
// for all-quantified operators such as "!=", every pair) satisfies it. A
// field that is absent makes the relation false, as in Wireshark, where
// every comparison carries an implicit existence test.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <span>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/filter/filter_program.hpp"

namespace ms::filter {

namespace {

using Values = std::span<const Value>;

std::string_view node_bytes(const FrameContext& ctx, const Node& n) {
    if (n.range.source >= ctx.sources.size()) return {};
    auto src = ctx.sources[n.range.source].bytes;
    uint64_t off = std::min<uint64_t>(n.range.offset, src.size());
    uint64_t len = std::min<uint64_t>(n.range.length, src.size() - off);
    return {reinterpret_cast<const char*>(src.data()) + off, static_cast<std::size_t>(len)};
}

bool is_signed_value(FieldType t) {
    switch (t) {
        case FieldType::I8: case FieldType::I16: case FieldType::I32: case FieldType::I64:
        case FieldType::AbsTime: case FieldType::RelTime:
            return true;
        default: return false;
    }
}

Value node_value(const FrameContext& ctx, const Node& n, FieldType t, bool bytes_mode) {
    Value v;
    const ProtoTree& tree = ctx.tree;
    switch (t) {
        case FieldType::String: case FieldType::Bytes: case FieldType::Ether: case FieldType::IPv6:
            v.b = tree.blob(n);
            return v;
        case FieldType::Protocol: case FieldType::None: case FieldType::Expert:
            v.b = node_bytes(ctx, n);
            return v;
        case FieldType::Double: v.d = n.value.d; break;
        default:
            v.n = is_signed_value(t) ? static_cast<__int128>(n.value.i) : static_cast<__int128>(n.value.u);
            break;
    }
    if (bytes_mode) v.b = node_bytes(ctx, n);
    return v;
}

// Derived byte values are first written to op.buf with their (offset,
// length) parked in n, then turned into views once buf stops growing.
void park(Value& v, std::size_t off, std::size_t len) { v.n = (static_cast<__int128>(off) << 64) | len; }
void unpark(const Operand& op) {
    for (auto& v : op.out) {
        auto off = static_cast<std::size_t>(static_cast<unsigned __int128>(v.n) >> 64);
        auto len = static_cast<std::size_t>(static_cast<uint64_t>(v.n));
        v.b = std::string_view(op.buf.data() + off, len);
        v.n = 0;
    }
}

// The bytes of one slice range of s, or false when it does not fit.
bool slice_range(std::string_view s, const SliceRange& r, std::string_view& out) {
    const int64_t size = static_cast<int64_t>(s.size());
    int64_t start = r.start < 0 ? size + r.start : r.start;
    if (start < 0 || start >= size) return false;
    int64_t len = 0;
    switch (r.kind) {
        case SliceRange::Length: len = r.arg; break;
        case SliceRange::ToEnd: len = size - start; break;
        case SliceRange::End: {
            int64_t end = r.arg < 0 ? size + r.arg : r.arg;
            if (end < start) return false;
            len = end - start + 1;
            break;
        }
    }
    if (len < 0 || len > size - start) return false;
    out = s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(len));
    return true;
}

void append_decimal(std::string& out, __int128 v) {
    char tmp[48];
    bool neg = v < 0;
    unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    int i = sizeof tmp;
    do {
        tmp[--i] = static_cast<char>('0' + static_cast<int>(u % 10));
        u /= 10;
    } while (u && i > 1);
    if (neg) tmp[--i] = '-';
    out.append(tmp + i, sizeof tmp - i);
}

bool load(const Operand& op, const FrameContext& ctx, Values& vals);

bool load_field(const Operand& op, const FrameContext& ctx) {
    op.out.clear();
    const ProtoTree& tree = ctx.tree;
    for (uint32_t i = 1; i < tree.size(); ++i) {
        const Node& n = tree.node(i);
        if (n.field == op.field) op.out.push_back(node_value(ctx, n, op.field_type, op.bytes_mode));
    }
    return !op.out.empty();
}

bool load_slice(const Operand& op, const FrameContext& ctx) {
    Values in;
    if (!load(*op.a, ctx, in)) return false;
    op.out.clear();
    if (op.ranges.size() == 1) {
        for (const Value& v : in) {
            Value r;
            if (slice_range(v.b, op.ranges[0], r.b)) op.out.push_back(r);
        }
        return true;
    }
    op.buf.clear();
    for (const Value& v : in) {
        std::size_t off = op.buf.size();
        bool ok = true;
        for (const auto& range : op.ranges) {
            std::string_view part;
            if (!slice_range(v.b, range, part)) {
                ok = false;
                break;
            }
            op.buf.append(part);
        }
        if (!ok) {
            op.buf.resize(off);
            continue;
        }
        Value r;
        park(r, off, op.buf.size() - off);
        op.out.push_back(r);
    }
    unpark(op);
    return true;
}

bool load_bitand(const Operand& op, const FrameContext& ctx) {
    Values a, b;
    if (!load(*op.a, ctx, a) || !load(*op.b, ctx, b)) return false;
    op.out.clear();
    if (op.cls != VClass::Bytes) {
        for (const Value& x : a)
            for (const Value& y : b) {
                Value r;
                r.n = static_cast<__int128>(static_cast<uint64_t>(x.n) & static_cast<uint64_t>(y.n));
                op.out.push_back(r);
            }
        return true;
    }
    op.buf.clear();
    for (const Value& x : a)
        for (const Value& y : b) {
            std::size_t off = op.buf.size();
            std::size_t len = std::min(x.b.size(), y.b.size());
            for (std::size_t i = 0; i < len; ++i) op.buf += static_cast<char>(x.b[i] & y.b[i]);
            Value r;
            park(r, off, len);
            op.out.push_back(r);
        }
    unpark(op);
    return true;
}

bool load_function(const Operand& op, const FrameContext& ctx) {
    op.out.clear();
    op.buf.clear();
    const ProtoTree& tree = ctx.tree;
    uint64_t count = 0;
    for (uint32_t i = 1; i < tree.size(); ++i) {
        const Node& n = tree.node(i);
        if (n.field != op.field) continue;
        ++count;
        Value r;
        switch (op.kind) {
            case Operand::Kind::Len: {
                FieldType t = op.field_type;
                bool blob = t == FieldType::String || t == FieldType::Bytes || t == FieldType::Ether ||
                            t == FieldType::IPv6;
                r.n = blob ? n.blob_len : n.range.length;
                op.out.push_back(r);
                break;
            }
            case Operand::Kind::Lower: case Operand::Kind::Upper: {
                std::size_t off = op.buf.size();
                for (char c : tree.blob(n)) {
                    if (op.kind == Operand::Kind::Lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
                    if (op.kind == Operand::Kind::Upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
                    op.buf += c;
                }
                park(r, off, op.buf.size() - off);
                op.out.push_back(r);
                break;
            }
            case Operand::Kind::ToString: {
                std::size_t off = op.buf.size();
                switch (op.field_type) {
                    case FieldType::Boolean:
                    case FieldType::U8: case FieldType::U16: case FieldType::U24: case FieldType::U32:
                    case FieldType::U64: case FieldType::FrameNum:
                        append_decimal(op.buf, static_cast<__int128>(n.value.u));
                        break;
                    case FieldType::I8: case FieldType::I16: case FieldType::I32: case FieldType::I64:
                        append_decimal(op.buf, n.value.i);
                        break;
                    default: tree.append_value_text(i, op.buf); break;
                }
                park(r, off, op.buf.size() - off);
                op.out.push_back(r);
                break;
            }
            default: break;
        }
    }
    if (count == 0) return false;
    if (op.kind == Operand::Kind::Count) {
        Value r;
        r.n = count;
        op.out.push_back(r);
    } else if (op.kind == Operand::Kind::Lower || op.kind == Operand::Kind::Upper ||
               op.kind == Operand::Kind::ToString) {
        unpark(op);
    }
    return true;
}

// Fills vals with the operand's values; false when a field it needs is absent.
bool load(const Operand& op, const FrameContext& ctx, Values& vals) {
    bool ok = false;
    switch (op.kind) {
        case Operand::Kind::Literal: vals = op.literal; return true;
        case Operand::Kind::Field: ok = load_field(op, ctx); break;
        case Operand::Kind::Slice: ok = load_slice(op, ctx); break;
        case Operand::Kind::BitAnd: ok = load_bitand(op, ctx); break;
        default: ok = load_function(op, ctx); break;
    }
    vals = op.out;
    return ok;
}

bool prefix_equal(const Value& a, const Value& b, unsigned width_bits) {
    int bits = static_cast<int>(width_bits);
    if (a.prefix >= 0) bits = std::min<int>(bits, a.prefix);
    if (b.prefix >= 0) bits = std::min<int>(bits, b.prefix);
    if (width_bits == 32) {
        uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
        return ((static_cast<uint32_t>(a.n) ^ static_cast<uint32_t>(b.n)) & mask) == 0;
    }
    if (a.b.size() != 16 || b.b.size() != 16) return false;
    int full = bits / 8, rest = bits % 8;
    if (std::memcmp(a.b.data(), b.b.data(), static_cast<std::size_t>(full)) != 0) return false;
    if (rest == 0) return true;
    auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
    return ((static_cast<uint8_t>(a.b[full]) ^ static_cast<uint8_t>(b.b[full])) & mask) == 0;
}

bool equal(VClass cls, const Value& a, const Value& b) {
    switch (cls) {
        case VClass::Int: return a.n == b.n;
        case VClass::Double: return a.d == b.d;
        case VClass::IPv4: return prefix_equal(a, b, 32);
        case VClass::IPv6: return prefix_equal(a, b, 128);
        case VClass::Bytes: return a.b == b.b;
    }
    return false;
}

// <0, 0, >0 like memcmp.
int order(VClass cls, const Value& a, const Value& b) {
    switch (cls) {
        case VClass::Int: case VClass::IPv4: return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
        case VClass::Double: return a.d < b.d ? -1 : a.d > b.d ? 1 : 0;
        case VClass::IPv6: case VClass::Bytes: return a.b.compare(b.b);
    }
    return 0;
}

bool relate(const Test& t, const Value& a, const Value& b) {
    switch (t.op) {
        case RelOp::Eq: return equal(t.cls, a, b);
        case RelOp::Ne: return !equal(t.cls, a, b);
        case RelOp::Lt: return order(t.cls, a, b) < 0;
        case RelOp::Le: return order(t.cls, a, b) <= 0;
        case RelOp::Gt: return order(t.cls, a, b) > 0;
        case RelOp::Ge: return order(t.cls, a, b) >= 0;
        case RelOp::Contains: return a.b.find(b.b) != std::string_view::npos;
        default: return false;
    }
}

bool compare(const Test& t, const FrameContext& ctx) {
    Values a, b;
    if (!load(*t.lhs, ctx, a)) return false;
    if (t.op == RelOp::Matches) {
        for (const Value& v : a) {
            bool m = t.regex->search(v.b);
            if (t.quant == Quant::All && !m) return false;
            if (t.quant != Quant::All && m) return true;
        }
        return t.quant == Quant::All;
    }
    if (!load(*t.rhs, ctx, b)) return false;
    for (const Value& x : a)
        for (const Value& y : b) {
            bool r = relate(t, x, y);
            if (t.quant == Quant::All && !r) return false;
            if (t.quant != Quant::All && r) return true;
        }
    return t.quant == Quant::All;
}

bool in_set(const Test& t, const FrameContext& ctx, const Value& v) {
    for (const auto& item : t.set) {
        Values lo;
        if (!load(*item.lo, ctx, lo)) continue;
        if (!item.hi) {
            for (const Value& x : lo)
                if (equal(t.cls, v, x)) return true;
            continue;
        }
        Values hi;
        if (!load(*item.hi, ctx, hi)) continue;
        for (const Value& x : lo)
            for (const Value& y : hi)
                if (order(t.cls, v, x) >= 0 && order(t.cls, v, y) <= 0) return true;
    }
    return false;
}

bool membership(const Test& t, const FrameContext& ctx) {
    Values a;
    bool result = false;
    if (load(*t.lhs, ctx, a)) {
        if (t.quant == Quant::All) {
            result = true;
            for (const Value& v : a)
                if (!in_set(t, ctx, v)) {
                    result = false;
                    break;
                }
        } else {
            for (const Value& v : a)
                if (in_set(t, ctx, v)) {
                    result = true;
                    break;
                }
        }
    }
    return t.negated_in ? !result : result;
}

bool truthy(const Test& t, const FrameContext& ctx) {
    Values a;
    if (!load(*t.lhs, ctx, a)) return false;
    for (const Value& v : a) {
        if (t.lhs->cls == VClass::Bytes) {
            for (char c : v.b)
                if (c) return true;
        } else if (v.n != 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool evaluate(const Test& t, const FrameContext& ctx) {
    switch (t.kind) {
        case Test::Kind::True: return true;
        case Test::Kind::And: return evaluate(*t.l, ctx) && evaluate(*t.r, ctx);
        case Test::Kind::Or: return evaluate(*t.l, ctx) || evaluate(*t.r, ctx);
        case Test::Kind::Xor: return evaluate(*t.l, ctx) != evaluate(*t.r, ctx);
        case Test::Kind::Not: return !evaluate(*t.l, ctx);
        case Test::Kind::Exists: {
            const ProtoTree& tree = ctx.tree;
            for (uint32_t i = 1; i < tree.size(); ++i)
                if (tree.node(i).field == t.field) return true;
            return false;
        }
        case Test::Kind::NonEmpty: {
            Values a;
            return load(*t.lhs, ctx, a) && !a.empty();
        }
        case Test::Kind::Truthy: return truthy(t, ctx);
        case Test::Kind::Compare: return compare(t, ctx);
        case Test::Kind::In: return membership(t, ctx);
    }
    return false;
}

}  // namespace ms::filter
