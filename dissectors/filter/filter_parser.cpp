// Recursive descent over the token list. Precedence, loosest first:
//   or (||)  <  xor (^^)  <  and (&&)  <  not (!)  <  relation  <  & (bitwise)
// as in Wireshark ("A and B or not C" is "(A and B) or (not C)").
#include <cerrno>
#include <cstdlib>

#include "dissectors/filter/filter_lexer.hpp"
#include "dissectors/filter/filter_syntax.hpp"

namespace ms::filter {

namespace {

bool is_keyword(std::string_view w) {
    static const std::string_view kWords[] = {"and", "or", "not", "xor", "eq", "ne", "any_eq", "all_ne", "all_eq",
                                              "any_ne", "gt", "ge", "lt", "le", "contains", "matches", "in",
                                              "bitwise_and", "all", "any"};
    for (auto k : kWords)
        if (w == k) return true;
    return false;
}

class Parser {
public:
    Parser(std::string_view text, const std::vector<Token>& toks, FilterError& err) : s_(text), t_(toks), err_(err) {}

    bool run(std::unique_ptr<Syntax>& out) {
        if (peek().kind == Tok::End) {
            out.reset();
            return true;
        }
        out = expr();
        if (!out) return false;
        if (peek().kind != Tok::End) return unexpected(peek());
        return true;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        std::size_t i = pos_ + ahead;
        return i < t_.size() ? t_[i] : t_.back();
    }
    const Token& take() {
        const Token& t = peek();
        if (pos_ < t_.size() - 1) ++pos_;
        return t;
    }
    bool is_word(const Token& t, std::string_view w) const { return t.kind == Tok::Word && t.text == w; }

    bool unexpected(const Token& t) {
        if (t.kind == Tok::End) {
            err_ = FilterError{"Unexpected end of filter expression.", s_.size(), 0};
        } else {
            err_ = FilterError{"\"" + std::string(token_source(s_, t)) + "\" was unexpected in this context.", t.start,
                               t.length};
        }
        return false;
    }

    static std::unique_ptr<Syntax> node(Syntax::Kind k, std::size_t start, std::size_t end) {
        auto n = std::make_unique<Syntax>();
        n->kind = k;
        n->start = start;
        n->length = end - start;
        return n;
    }

    std::unique_ptr<Syntax> binary(Syntax::Kind k, std::unique_ptr<Syntax> a, std::unique_ptr<Syntax> b) {
        auto n = node(k, a->start, b->start + b->length);
        n->kids.push_back(std::move(a));
        n->kids.push_back(std::move(b));
        return n;
    }

    std::unique_ptr<Syntax> expr() { return or_expr(); }

    std::unique_ptr<Syntax> or_expr() {
        auto a = xor_expr();
        while (a && (peek().kind == Tok::OrOr || is_word(peek(), "or"))) {
            take();
            auto b = xor_expr();
            if (!b) return nullptr;
            a = binary(Syntax::Kind::Or, std::move(a), std::move(b));
        }
        return a;
    }

    std::unique_ptr<Syntax> xor_expr() {
        auto a = and_expr();
        while (a && (peek().kind == Tok::XorXor || is_word(peek(), "xor"))) {
            take();
            auto b = and_expr();
            if (!b) return nullptr;
            a = binary(Syntax::Kind::Xor, std::move(a), std::move(b));
        }
        return a;
    }

    std::unique_ptr<Syntax> and_expr() {
        auto a = not_expr();
        while (a && (peek().kind == Tok::AndAnd || is_word(peek(), "and"))) {
            take();
            auto b = not_expr();
            if (!b) return nullptr;
            a = binary(Syntax::Kind::And, std::move(a), std::move(b));
        }
        return a;
    }

    std::unique_ptr<Syntax> not_expr() {
        if (peek().kind == Tok::Bang || is_word(peek(), "not")) {
            std::size_t start = take().start;
            auto a = not_expr();
            if (!a) return nullptr;
            auto n = node(Syntax::Kind::Not, start, a->start + a->length);
            n->kids.push_back(std::move(a));
            return n;
        }
        return primary();
    }

    std::unique_ptr<Syntax> primary() {
        if (peek().kind == Tok::LParen) {
            take();
            auto e = expr();
            if (!e) return nullptr;
            if (peek().kind != Tok::RParen) return unexpected(peek()), nullptr;
            take();
            return e;
        }
        Quant quant = Quant::Default;
        if (is_word(peek(), "all") || is_word(peek(), "any")) {
            quant = take().text == "all" ? Quant::All : Quant::Any;
        }
        auto lhs = operand();
        if (!lhs) return nullptr;
        return relation(std::move(lhs), quant);
    }

    // Maps the operator at the cursor; false when there is none.
    bool relation_op(RelOp& op, Quant& quant) {
        const Token& t = peek();
        switch (t.kind) {
            case Tok::Eq: op = RelOp::Eq, quant = Quant::Any; return true;
            case Tok::AllEq: op = RelOp::Eq, quant = Quant::All; return true;
            case Tok::Ne: op = RelOp::Ne, quant = Quant::All; return true;
            case Tok::AnyNe: op = RelOp::Ne, quant = Quant::Any; return true;
            case Tok::Lt: op = RelOp::Lt, quant = Quant::Any; return true;
            case Tok::Le: op = RelOp::Le, quant = Quant::Any; return true;
            case Tok::Gt: op = RelOp::Gt, quant = Quant::Any; return true;
            case Tok::Ge: op = RelOp::Ge, quant = Quant::Any; return true;
            case Tok::Tilde: op = RelOp::Matches, quant = Quant::Any; return true;
            case Tok::Word: break;
            default: return false;
        }
        struct W { std::string_view w; RelOp op; Quant q; };
        static const W kWords[] = {
            {"eq", RelOp::Eq, Quant::Any},     {"any_eq", RelOp::Eq, Quant::Any}, {"all_eq", RelOp::Eq, Quant::All},
            {"ne", RelOp::Ne, Quant::All},     {"all_ne", RelOp::Ne, Quant::All}, {"any_ne", RelOp::Ne, Quant::Any},
            {"lt", RelOp::Lt, Quant::Any},     {"le", RelOp::Le, Quant::Any},     {"gt", RelOp::Gt, Quant::Any},
            {"ge", RelOp::Ge, Quant::Any},     {"contains", RelOp::Contains, Quant::Any},
            {"matches", RelOp::Matches, Quant::Any}, {"in", RelOp::In, Quant::Any},
        };
        for (const auto& w : kWords)
            if (t.text == w.w) return op = w.op, quant = w.q, true;
        return false;
    }

    std::unique_ptr<Syntax> relation(std::unique_ptr<Syntax> lhs, Quant prefix) {
        RelOp op;
        Quant quant;
        bool negated_in = false;
        if (is_word(peek(), "not") && is_word(peek(1), "in")) {
            take();
            negated_in = true;
        }
        if (!relation_op(op, quant)) {
            if (prefix != Quant::Default) return unexpected(peek()), nullptr;
            auto n = node(Syntax::Kind::Test, lhs->start, lhs->start + lhs->length);
            n->kids.push_back(std::move(lhs));
            return n;
        }
        const Token& opt = take();
        auto n = node(Syntax::Kind::Relation, lhs->start, opt.start + opt.length);
        n->op = op;
        n->quant = prefix != Quant::Default ? prefix : quant;
        n->quant_explicit = prefix != Quant::Default;
        n->negated_in = negated_in;
        n->op_start = opt.start;
        n->op_length = opt.length;
        n->op_text = std::string(token_source(s_, opt));
        n->kids.push_back(std::move(lhs));
        if (op == RelOp::In) {
            if (!set(*n)) return nullptr;
            return n;
        }
        auto rhs = operand();
        if (!rhs) return nullptr;
        n->length = rhs->start + rhs->length - n->start;
        n->kids.push_back(std::move(rhs));
        return n;
    }

    // "{" item ("," item | item)* "}" where item is operand [".." operand].
    // tshark 4.0 wants commas; blank-separated sets (older Wireshark) are
    // accepted as well.
    bool set(Syntax& rel) {
        if (peek().kind != Tok::LBrace) return unexpected(peek());
        take();
        while (true) {
            Syntax::SetItem item;
            item.lo = operand();
            if (!item.lo) return false;
            if (peek().kind == Tok::DotDot) {
                take();
                item.hi = operand();
                if (!item.hi) return false;
            }
            rel.set.push_back(std::move(item));
            const Token& t = peek();
            if (t.kind == Tok::RBrace) {
                rel.length = t.start + 1 - rel.start;
                take();
                return true;
            }
            if (t.kind == Tok::Comma) {
                take();
                continue;
            }
            if (t.kind == Tok::Word || t.kind == Tok::String || t.kind == Tok::Char) {
                if (t.kind == Tok::Word && is_keyword(t.text)) return unexpected(t);
                continue;
            }
            return unexpected(t);
        }
    }

    std::unique_ptr<Syntax> operand() {
        auto a = term();
        while (a && (peek().kind == Tok::BitAnd || is_word(peek(), "bitwise_and"))) {
            take();
            auto b = term();
            if (!b) return nullptr;
            a = binary(Syntax::Kind::BitAnd, std::move(a), std::move(b));
        }
        return a;
    }

    std::unique_ptr<Syntax> term() {
        const Token& t = peek();
        std::unique_ptr<Syntax> n;
        if (t.kind == Tok::Word && !is_keyword(t.text)) {
            take();
            if (peek().kind == Tok::LParen) {
                n = call(t);
                if (!n) return nullptr;
            } else {
                n = node(Syntax::Kind::Word, t.start, t.start + t.length);
                n->text = t.text;
            }
        } else if (t.kind == Tok::String || t.kind == Tok::Char) {
            take();
            n = node(t.kind == Tok::String ? Syntax::Kind::String : Syntax::Kind::Char, t.start, t.start + t.length);
            n->text = t.text;
        } else {
            return unexpected(t), nullptr;
        }
        n->source = std::string(s_.substr(n->start, n->length));
        while (peek().kind == Tok::LBracket) {
            take();
            const Token& spec = peek();
            if (spec.kind != Tok::SliceSpec) return unexpected(spec), nullptr;
            take();
            auto sl = node(Syntax::Kind::Slice, n->start, peek().start + 1);
            if (!slice_ranges(spec, sl->ranges)) return nullptr;
            take();  // "]" (the lexer always emits it after a spec)
            sl->source = std::string(s_.substr(sl->start, sl->length));
            sl->kids.push_back(std::move(n));
            n = std::move(sl);
        }
        return n;
    }

    std::unique_ptr<Syntax> call(const Token& name) {
        take();  // "("
        auto n = node(Syntax::Kind::Call, name.start, name.start + name.length);
        n->text = name.text;
        if (peek().kind != Tok::RParen) {
            while (true) {
                auto a = operand();
                if (!a) return nullptr;
                n->kids.push_back(std::move(a));
                if (peek().kind == Tok::Comma) {
                    take();
                    continue;
                }
                break;
            }
        }
        if (peek().kind != Tok::RParen) return unexpected(peek()), nullptr;
        take();
        return n;
    }

    bool number(std::string_view text, std::size_t at, int64_t& v) {
        std::string tmp(text);
        errno = 0;
        char* end = nullptr;
        long long x = tmp.empty() ? 0 : std::strtoll(tmp.c_str(), &end, 10);
        if (tmp.empty() || *end != '\0' || errno == ERANGE) {
            err_ = FilterError{"\"" + tmp + "\" is not a valid number.", at, text.size()};
            return false;
        }
        v = x;
        return true;
    }

    // "i:j", "i-j", "i", ":j", "i:" separated by commas.
    bool slice_ranges(const Token& spec, std::vector<SliceRange>& out) {
        std::string_view all = token_source(s_, spec);
        std::size_t pos = 0;
        while (pos <= all.size()) {
            std::size_t comma = all.find(',', pos);
            if (comma == std::string_view::npos) comma = all.size();
            std::size_t b = pos, e = comma;
            while (b < e && (all[b] == ' ' || all[b] == '\t')) ++b;
            while (e > b && (all[e - 1] == ' ' || all[e - 1] == '\t')) --e;
            std::string_view part = all.substr(b, e - b);
            std::size_t at = spec.start + b;
            auto bad_range = [&] {
                err_ = FilterError{"\"" + std::string(part) + "\" is not a valid range.", at, part.size()};
                return false;
            };
            if (part.empty()) return bad_range();
            SliceRange r;
            if (part[0] == ':') {
                r.start = 0;
                if (!number(part.substr(1), at + 1, r.arg)) return false;
                if (r.arg < 0) return bad_range();
            } else {
                std::size_t sep = part.find_first_of(":-", 1);
                if (!number(part.substr(0, sep), at, r.start)) return false;
                if (sep == std::string_view::npos) {
                    r.arg = 1;
                } else {
                    std::string_view rest = part.substr(sep + 1);
                    if (rest.find_first_of(":") != std::string_view::npos) return bad_range();
                    if (part[sep] == ':') {
                        if (rest.empty()) {
                            r.kind = SliceRange::ToEnd;
                        } else {
                            if (!number(rest, at + sep + 1, r.arg)) return false;
                            if (r.arg < 0) return bad_range();
                        }
                    } else {
                        r.kind = SliceRange::End;
                        if (!number(rest, at + sep + 1, r.arg)) return false;
                    }
                }
            }
            out.push_back(r);
            pos = comma + 1;
        }
        return true;
    }

    std::string_view s_;
    const std::vector<Token>& t_;
    FilterError& err_;
    std::size_t pos_ = 0;
};

}  // namespace

bool parse_filter(std::string_view text, std::unique_ptr<Syntax>& out, FilterError& error) {
    std::vector<Token> toks;
    if (!tokenize(text, toks, error)) return false;
    return Parser(text, toks, error).run(out);
}

}  // namespace ms::filter
