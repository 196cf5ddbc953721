// Semantic pass: resolves names against the field registry, checks that
// operators fit the types (with tshark's messages), and converts each
// literal to the type of the field it meets ("25" is a port, "00:e0:1c" a
// byte string, "10.0.0.0/8" a subnet, "Unverified" a value name).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <strings.h>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/filter/filter_literal.hpp"
#include "dissectors/filter/filter_program.hpp"

namespace ms::filter {

namespace {

bool is_int_type(FieldType t) {
    switch (t) {
        case FieldType::U8: case FieldType::U16: case FieldType::U24: case FieldType::U32: case FieldType::U64:
        case FieldType::I8: case FieldType::I16: case FieldType::I32: case FieldType::I64: case FieldType::FrameNum:
            return true;
        default: return false;
    }
}

bool is_signed_type(FieldType t) {
    return t == FieldType::I8 || t == FieldType::I16 || t == FieldType::I32 || t == FieldType::I64;
}

unsigned int_bits(FieldType t) {
    switch (t) {
        case FieldType::U8: case FieldType::I8: return 8;
        case FieldType::U16: case FieldType::I16: return 16;
        case FieldType::U24: return 24;
        case FieldType::U32: case FieldType::I32: case FieldType::FrameNum: return 32;
        default: return 64;
    }
}

VClass class_of(FieldType t) {
    switch (t) {
        case FieldType::Double: return VClass::Double;
        case FieldType::IPv4: return VClass::IPv4;
        case FieldType::IPv6: return VClass::IPv6;
        case FieldType::String: case FieldType::Bytes: case FieldType::Protocol: case FieldType::Ether:
            return VClass::Bytes;
        default: return VClass::Int;
    }
}

bool is_bytes_like(FieldType t) { return class_of(t) == VClass::Bytes; }

// Types that compare with each other: all integers together, others alike.
int family(FieldType t) { return is_int_type(t) ? -1 : static_cast<int>(t); }

bool is_literal(const Syntax& s, const FieldRegistry& reg) {
    switch (s.kind) {
        case Syntax::Kind::String: case Syntax::Kind::Char: return true;
        case Syntax::Kind::Word: return reg.find(s.text) == kNoField;
        default: return false;
    }
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string to_string_i128(__int128 v) {
    bool neg = v < 0;
    unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string s;
    do {
        s += static_cast<char>('0' + static_cast<int>(u % 10));
        u /= 10;
    } while (u);
    if (neg) s += '-';
    std::reverse(s.begin(), s.end());
    return s;
}

const ValueName* find_value_name(const FieldDef* def, std::string_view name) {
    if (!def) return nullptr;
    for (const auto& vn : def->values) {
        std::string_view n = vn.name;
        if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return &vn;
    }
    return nullptr;
}

class Compiler {
public:
    Compiler(std::string_view text, FilterError& err) : text_(text), err_(err), reg_(FieldRegistry::global()) {}

    std::unique_ptr<Program> run(const Syntax* syntax) {
        auto p = std::make_unique<Program>();
        p->text = std::string(text_);
        if (!syntax) {
            p->root = std::make_unique<Test>();
            return p;
        }
        p->root = test(*syntax);
        if (!p->root) return nullptr;
        p->fields = std::move(fields_);
        return p;
    }

private:
    bool fail(std::string msg, std::size_t start, std::size_t length) {
        err_ = FilterError{std::move(msg), start, length};
        return false;
    }
    bool fail_at(std::string msg, const Syntax& s) { return fail(std::move(msg), s.start, s.length); }

    void use_field(FieldId f) {
        if (std::find(fields_.begin(), fields_.end(), f) == fields_.end()) fields_.push_back(f);
    }

    std::unique_ptr<Test> test(const Syntax& s) {
        auto t = std::make_unique<Test>();
        switch (s.kind) {
            case Syntax::Kind::And: case Syntax::Kind::Or: case Syntax::Kind::Xor:
                t->kind = s.kind == Syntax::Kind::And ? Test::Kind::And
                          : s.kind == Syntax::Kind::Or ? Test::Kind::Or : Test::Kind::Xor;
                t->l = test(*s.kids[0]);
                if (!t->l) return nullptr;
                t->r = test(*s.kids[1]);
                if (!t->r) return nullptr;
                return t;
            case Syntax::Kind::Not:
                t->kind = Test::Kind::Not;
                t->l = test(*s.kids[0]);
                if (!t->l) return nullptr;
                return t;
            case Syntax::Kind::Test: return bare_test(*s.kids[0]);
            case Syntax::Kind::Relation: return relation(s);
            default: break;
        }
        fail_at("Unexpected expression.", s);
        return nullptr;
    }

    std::unique_ptr<Test> bare_test(const Syntax& s) {
        auto t = std::make_unique<Test>();
        if (is_literal(s, reg_)) {
            fail_at(s.source + " is neither a field nor a protocol name.", s);
            return nullptr;
        }
        if (s.kind == Syntax::Kind::Call) {
            // Report a bad call first (unknown function, wrong argument).
            if (!typed(s)) return nullptr;
            fail(std::string("You cannot test whether a function is present."), s.start, s.text.size());
            return nullptr;
        }
        if (s.kind == Syntax::Kind::Word) {
            t->kind = Test::Kind::Exists;
            t->field = reg_.find(s.text);
            use_field(t->field);
            return t;
        }
        t->lhs = typed(s);
        if (!t->lhs) return nullptr;
        t->kind = s.kind == Syntax::Kind::Slice ? Test::Kind::NonEmpty : Test::Kind::Truthy;
        return t;
    }

    static std::string op_for_message(const Syntax& rel) {
        bool word = !rel.op_text.empty() && std::isalpha(static_cast<unsigned char>(rel.op_text[0]));
        return word ? rel.op_text : quoted(rel.op_text);
    }

    std::unique_ptr<Test> relation(const Syntax& s) {
        const Syntax& ls = *s.kids[0];
        auto t = std::make_unique<Test>();
        t->op = s.op;
        t->quant = s.quant;
        t->negated_in = s.negated_in;

        if (s.op == RelOp::In) {
            if (ls.kind != Syntax::Kind::Word || reg_.find(ls.text) == kNoField) {
                fail_at("Only a field may be tested for membership in a set.", ls);
                return nullptr;
            }
            t->kind = Test::Kind::In;
            t->lhs = typed(ls);
            if (!t->lhs) return nullptr;
            if (!comparable(*t->lhs, s)) return nullptr;
            t->cls = t->lhs->cls;
            for (const auto& item : s.set) {
                Test::SetItem it;
                it.lo = other_side(*item.lo, *t->lhs, t->lhs->type);
                if (!it.lo) return nullptr;
                if (item.hi) {
                    it.hi = other_side(*item.hi, *t->lhs, t->lhs->type);
                    if (!it.hi) return nullptr;
                }
                t->set.push_back(std::move(it));
            }
            return t;
        }

        if (is_literal(ls, reg_)) {
            std::string what = s.op == RelOp::Contains || s.op == RelOp::Matches ? s.op_text : op_for_message(s);
            fail_at("Left side of " + what + " expression must be a field or function, not " + ls.source + ".", ls);
            return nullptr;
        }
        t->kind = Test::Kind::Compare;
        t->lhs = typed(ls);
        if (!t->lhs) return nullptr;
        const Syntax& rs = *s.kids[1];
        FieldType lt = t->lhs->type;

        if (s.op == RelOp::Contains || s.op == RelOp::Matches) {
            const char* name = s.op == RelOp::Contains ? "contains" : "matches";
            bool ok = lt == FieldType::String || lt == FieldType::Bytes || lt == FieldType::Protocol ||
                      (s.op == RelOp::Contains && lt == FieldType::Ether);
            if (!ok) {
                fail_at(ls.source + " (type=" + std::string(type_pretty_name(lt)) + ") cannot participate in " + name +
                            " comparison.",
                        ls);
                return nullptr;
            }
            t->cls = VClass::Bytes;
            if (s.op == RelOp::Matches) {
                if (rs.kind != Syntax::Kind::String) {
                    fail_at("Matches requires a double quoted string on the right side.", rs);
                    return nullptr;
                }
                std::string msg;
                t->regex = Regex::compile(rs.text, msg);
                if (!t->regex) {
                    fail("Regex compilation error: " + msg + ".", 0, 0);
                    return nullptr;
                }
                return t;
            }
            // A MAC address is searched as bytes ("eth.src contains 00").
            FieldType target = lt == FieldType::String ? FieldType::String : FieldType::Bytes;
            t->rhs = other_side(rs, *t->lhs, target, /*any_bytes=*/true);
            if (!t->rhs) return nullptr;
            return t;
        }

        if (!comparable(*t->lhs, s)) return nullptr;
        t->cls = t->lhs->cls;
        t->rhs = other_side(rs, *t->lhs, lt);
        if (!t->rhs) return nullptr;
        return t;
    }

    bool comparable(const Operand& lhs, const Syntax& rel) {
        if (lhs.type == FieldType::None || lhs.type == FieldType::Expert)
            return fail(lhs.source + " (type=" + std::string(type_pretty_name(lhs.type)) + ") cannot participate in " +
                            op_for_message(rel) + " comparison.",
                        lhs.start, lhs.length);
        return true;
    }

    // The right side (or a set item): another typed operand of a compatible
    // type, or a literal converted to `target`.
    std::unique_ptr<Operand> other_side(const Syntax& s, const Operand& lhs, FieldType target, bool any_bytes = false) {
        if (!is_literal(s, reg_)) {
            auto op = typed(s);
            if (!op) return nullptr;
            bool ok = family(op->type) == family(lhs.type) || (any_bytes && op->cls == VClass::Bytes);
            if (!ok) {
                fail_at(lhs.source + " and " + op->source + " are not of compatible types.", s);
                return nullptr;
            }
            return op;
        }
        const FieldDef* def = lhs.kind == Operand::Kind::Field ? &reg_.def(lhs.field) : nullptr;
        return literal(s, target, def);
    }

    std::unique_ptr<Operand> typed(const Syntax& s) {
        auto op = std::make_unique<Operand>();
        op->start = s.start;
        op->length = s.length;
        op->source = s.source;
        switch (s.kind) {
            case Syntax::Kind::Word: {
                FieldId f = reg_.find(s.text);
                if (f == kNoField) {
                    fail_at(s.source + " is neither a field nor a protocol name.", s);
                    return nullptr;
                }
                use_field(f);
                op->kind = Operand::Kind::Field;
                op->field = f;
                op->field_type = op->type = reg_.def(f).type;
                op->cls = class_of(op->type);
                return op;
            }
            case Syntax::Kind::Slice: {
                const Syntax& inner = *s.kids[0];
                op->a = typed(inner);
                if (!op->a) return nullptr;
                FieldType it = op->a->type;
                bool sliceable = is_bytes_like(it) || it == FieldType::IPv6 || it == FieldType::IPv4;
                if (!sliceable) {
                    fail_at(quoted(inner.source) + " is a " + std::string(type_pretty_name(it)) +
                                " and cannot be sliced into a sequence of bytes.",
                            inner);
                    return nullptr;
                }
                if (op->a->kind == Operand::Kind::Field) op->a->bytes_mode = true;
                else if (it == FieldType::IPv4 || it == FieldType::IPv6) {
                    fail_at(quoted(inner.source) + " is a " + std::string(type_pretty_name(it)) +
                                " and cannot be sliced into a sequence of bytes.",
                            inner);
                    return nullptr;
                }
                op->kind = Operand::Kind::Slice;
                op->ranges = s.ranges;
                op->type = FieldType::Bytes;
                op->cls = VClass::Bytes;
                return op;
            }
            case Syntax::Kind::BitAnd: {
                op->a = typed(*s.kids[0]);
                if (!op->a) return nullptr;
                FieldType lt = op->a->type;
                bool ok = is_int_type(lt) || lt == FieldType::IPv4 || lt == FieldType::Bytes || lt == FieldType::Ether;
                if (!ok) {
                    fail_at(std::string(field_type_name(lt)) + " cannot &.", *s.kids[0]);
                    return nullptr;
                }
                op->b = other_side(*s.kids[1], *op->a, lt == FieldType::Ether ? FieldType::Bytes : lt, true);
                if (!op->b) return nullptr;
                op->kind = Operand::Kind::BitAnd;
                op->type = lt;
                op->cls = op->a->cls;
                return op;
            }
            case Syntax::Kind::Call: return call(s, std::move(op));
            default: break;
        }
        fail_at(s.source + " is neither a field nor a protocol name.", s);
        return nullptr;
    }

    std::unique_ptr<Operand> call(const Syntax& s, std::unique_ptr<Operand> op) {
        struct Fn { std::string_view name; Operand::Kind kind; };
        static const Fn kFns[] = {{"len", Operand::Kind::Len},
                                  {"count", Operand::Kind::Count},
                                  {"lower", Operand::Kind::Lower},
                                  {"upper", Operand::Kind::Upper},
                                  {"string", Operand::Kind::ToString}};
        const Fn* fn = nullptr;
        for (const auto& f : kFns)
            if (s.text == f.name) fn = &f;
        std::size_t name_len = s.text.size();
        if (!fn) {
            fail("Function '" + s.text + "' does not exist", s.start, name_len);
            return nullptr;
        }
        if (s.kids.empty()) {
            fail("Function " + s.text + " needs at least 1 arguments.", s.start, name_len);
            return nullptr;
        }
        if (s.kids.size() > 1) {
            fail("Function " + s.text + " can only accept 1 arguments.", s.start, name_len);
            return nullptr;
        }
        const Syntax& arg = *s.kids[0];
        FieldId f = arg.kind == Syntax::Kind::Word ? reg_.find(arg.text) : kNoField;
        if (f == kNoField) {
            fail_at("Only fields can be used as parameter for " + s.text + "()", arg);
            return nullptr;
        }
        FieldType ft = reg_.def(f).type;
        op->kind = fn->kind;
        op->field = f;
        op->field_type = ft;
        switch (fn->kind) {
            case Operand::Kind::Len: case Operand::Kind::Count:
                op->type = FieldType::U32;
                op->cls = VClass::Int;
                break;
            case Operand::Kind::Lower: case Operand::Kind::Upper:
                if (ft != FieldType::String) {
                    fail_at("Only string type fields can be used as parameter for " + s.text + "()", arg);
                    return nullptr;
                }
                op->type = FieldType::String;
                op->cls = VClass::Bytes;
                break;
            default:
                if (ft == FieldType::String || ft == FieldType::Bytes || ft == FieldType::Protocol ||
                    ft == FieldType::None || ft == FieldType::Expert) {
                    fail_at("String conversion for field \"" + arg.text + "\" is not supported", arg);
                    return nullptr;
                }
                op->type = FieldType::String;
                op->cls = VClass::Bytes;
                break;
        }
        use_field(f);
        return op;
    }

    // ---- literals ----

    std::unique_ptr<Operand> literal(const Syntax& s, FieldType target, const FieldDef* def) {
        auto op = std::make_unique<Operand>();
        op->kind = Operand::Kind::Literal;
        op->type = target;
        op->cls = class_of(target);
        op->start = s.start;
        op->length = s.length;
        op->source = s.source;
        Value v;
        std::string bytes;
        bool has_bytes = false;
        if (!convert(s, target, def, v, bytes, has_bytes)) return nullptr;
        if (has_bytes) {
            op->literal_bytes = std::make_unique<std::string>(std::move(bytes));
            v.b = *op->literal_bytes;
        }
        op->literal.push_back(v);
        return op;
    }

    bool cannot_convert(FieldType target, const Syntax& s, const char* from) {
        return fail_at(std::string(type_pretty_name(target)) + " cannot be converted from " + from + " (" + s.source +
                           ").",
                       s);
    }

    bool convert(const Syntax& s, FieldType target, const FieldDef* def, Value& v, std::string& bytes, bool& has_bytes) {
        const std::string& text = s.text;
        const bool word = s.kind == Syntax::Kind::Word;
        const bool str = s.kind == Syntax::Kind::String;
        const bool chr = s.kind == Syntax::Kind::Char;
        auto not_found = [&] {
            return fail_at(quoted(text) + " cannot be found among the possible values for " + def->abbrev + ".", s);
        };
        switch (target) {
            case FieldType::String:
                bytes = text, has_bytes = true;
                return true;
            case FieldType::Bytes: case FieldType::Protocol:
                if (!word) {
                    bytes = text, has_bytes = true;
                    return true;
                }
                if (!parse_byte_string(text, bytes)) return fail_at(quoted(text) + " is not a valid byte string.", s);
                has_bytes = true;
                return true;
            case FieldType::Boolean: {
                if (chr) return v.n = static_cast<unsigned char>(text[0]) != 0, true;
                if (word && (text == "True" || text == "TRUE")) return v.n = 1, true;
                if (word && (text == "False" || text == "FALSE")) return v.n = 0, true;
                __int128 n = 0;
                if (word && parse_integer(text, n)) return v.n = n != 0, true;
                if (const ValueName* vn = find_value_name(def, text)) return v.n = vn->value != 0, true;
                if (def && !def->values.empty()) return not_found();
                if (str) return cannot_convert(target, s, "a string");
                return fail_at(quoted(text) + " is not a valid boolean.", s);
            }
            case FieldType::Double: {
                if (chr) return v.d = static_cast<unsigned char>(text[0]), true;
                if (str) return cannot_convert(target, s, "a string");
                char* end = nullptr;
                errno = 0;
                double d = std::strtod(text.c_str(), &end);
                if (text.empty() || *end != '\0') return fail_at(quoted(text) + " is not a valid number.", s);
                v.d = d;
                return true;
            }
            case FieldType::AbsTime: {
                if (chr) return cannot_convert(target, s, "a character constant");
                int64_t ns = 0;
                std::string msg;
                if (!parse_abs_time(text, ns, msg)) return fail_at(msg, s);
                v.n = ns;
                return true;
            }
            case FieldType::RelTime: {
                if (!word) return cannot_convert(target, s, str ? "a string" : "a character constant");
                int64_t ns = 0;
                if (!parse_rel_time(text, ns)) return fail_at(quoted(text) + " is not a valid time.", s);
                v.n = ns;
                return true;
            }
            case FieldType::IPv4: {
                if (!word) return cannot_convert(target, s, str ? "a string" : "a character constant");
                uint32_t a = 0;
                int prefix = -1;
                std::string msg;
                if (!parse_ipv4(text, a, prefix, msg)) return fail_at(msg, s);
                v.n = a;
                v.prefix = static_cast<int16_t>(prefix);
                return true;
            }
            case FieldType::IPv6: {
                if (!word) return cannot_convert(target, s, str ? "a string" : "a character constant");
                uint8_t a[16];
                int prefix = -1;
                std::string msg;
                if (!parse_ipv6(text, a, prefix, msg)) return fail_at(msg, s);
                bytes.assign(reinterpret_cast<const char*>(a), 16);
                has_bytes = true;
                v.prefix = static_cast<int16_t>(prefix);
                return true;
            }
            case FieldType::Ether: {
                if (!word) return cannot_convert(target, s, str ? "a string" : "a character constant");
                std::string msg;
                if (!parse_ether(text, bytes, msg)) return fail_at(msg, s);
                has_bytes = true;
                return true;
            }
            case FieldType::None: case FieldType::Expert:
                return fail_at(quoted(text) + " cannot be compared with a field that has no value.", s);
            default: break;
        }
        // Integers.
        if (chr) return v.n = static_cast<unsigned char>(text[0]), true;
        __int128 n = 0;
        if (word && parse_integer(text, n)) {
            unsigned bits = int_bits(target);
            if (is_signed_type(target)) {
                __int128 max = (static_cast<__int128>(1) << (bits - 1)) - 1;
                __int128 min = -max - 1;
                if (n > max)
                    return fail_at(quoted(text) + " too big for this field, maximum " + to_string_i128(max) + ".", s);
                if (n < min)
                    return fail_at(quoted(text) + " too small for this field, minimum " + to_string_i128(min) + ".", s);
            } else {
                __int128 max = (static_cast<__int128>(1) << bits) - 1;
                if (n > max)
                    return fail_at(quoted(text) + " too big for this field, maximum " + to_string_i128(max) + ".", s);
                // A negative number wraps as strtoull does: it matches nothing.
                if (n < 0) n = static_cast<__int128>(static_cast<uint64_t>(static_cast<int64_t>(n)));
            }
            v.n = n;
            return true;
        }
        if (const ValueName* vn = find_value_name(def, text)) {
            v.n = is_signed_type(target) ? static_cast<__int128>(static_cast<int64_t>(vn->value))
                                         : static_cast<__int128>(vn->value);
            return true;
        }
        if (def && !def->values.empty()) return not_found();
        if (str) return cannot_convert(target, s, "a string");
        return fail_at(quoted(text) + " is not a valid number.", s);
    }

    std::string_view text_;
    FilterError& err_;
    const FieldRegistry& reg_;
    std::vector<FieldId> fields_;
};

}  // namespace

std::unique_ptr<Program> compile_program(std::string_view text, const Syntax* syntax, FilterError& error) {
    return Compiler(text, error).run(syntax);
}

}  // namespace ms::filter
