#include "dissectors/filter/filter_lexer.hpp"

#include <cstdint>

namespace ms::filter {

namespace {

bool is_word_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == ':' || c == '-' || c == '/' || c >= 0x80;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Lexer {
public:
    Lexer(std::string_view text, std::vector<Token>& out, FilterError& error) : s_(text), out_(out), err_(error) {}

    bool run() {
        out_.clear();
        while (true) {
            while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
                ++pos_;
            if (pos_ >= s_.size()) break;
            if (!next()) return false;
        }
        out_.push_back(Token{Tok::End, s_.size(), 0, {}});
        return true;
    }

private:
    bool fail(std::string msg, std::size_t start, std::size_t length) {
        err_ = FilterError{std::move(msg), start, length};
        return false;
    }

    void emit(Tok k, std::size_t len) {
        out_.push_back(Token{k, pos_, len, {}});
        pos_ += len;
    }

    bool at(std::string_view lit) const { return s_.substr(pos_, lit.size()) == lit; }

    bool next() {
        char c = s_[pos_];
        if (c == '"') return quoted(pos_, false);
        if (c == 'r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') return quoted(pos_, true);
        if (c == '\'') return char_constant();
        if (c == '[') return slice();
        if (at("..")) return emit(Tok::DotDot, 2), true;
        struct Sym { std::string_view text; Tok kind; };
        // Longest first.
        static const Sym kSyms[] = {
            {"===", Tok::AllEq}, {"!==", Tok::AnyNe}, {"==", Tok::Eq}, {"!=", Tok::Ne}, {"~=", Tok::AnyNe},
            {"<=", Tok::Le}, {">=", Tok::Ge}, {"&&", Tok::AndAnd}, {"||", Tok::OrOr}, {"^^", Tok::XorXor},
            {"<", Tok::Lt}, {">", Tok::Gt}, {"~", Tok::Tilde}, {"&", Tok::BitAnd}, {"!", Tok::Bang},
            {"(", Tok::LParen}, {")", Tok::RParen}, {"{", Tok::LBrace}, {"}", Tok::RBrace}, {",", Tok::Comma},
            {"]", Tok::RBracket},
        };
        for (const auto& sym : kSyms)
            if (at(sym.text)) return emit(sym.kind, sym.text.size()), true;
        if (is_word_char(static_cast<unsigned char>(c))) {
            std::size_t end = pos_;
            // ".." separates the ends of a set range ("20..30"), so it ends a word.
            while (end < s_.size() && is_word_char(static_cast<unsigned char>(s_[end])) &&
                   !(s_[end] == '.' && end + 1 < s_.size() && s_[end + 1] == '.'))
                ++end;
            Token t{Tok::Word, pos_, end - pos_, std::string(s_.substr(pos_, end - pos_))};
            out_.push_back(std::move(t));
            pos_ = end;
            return true;
        }
        emit(Tok::Invalid, 1);
        return true;
    }

    // Decodes one escape at s_[i] == '\\' into out; returns the index after it.
    bool escape(std::size_t& i, std::string& out) {
        std::size_t start = i;
        if (i + 1 >= s_.size()) return fail("\\ is not a valid character escape sequence", start, 1);
        char e = s_[i + 1];
        i += 2;
        switch (e) {
            case '\'': out += '\''; return true;
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case 'a': out += '\a'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'v': out += '\v'; return true;
            default: break;
        }
        if (e >= '0' && e <= '7') {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int n = 0; n < 2 && i < s_.size() && s_[i] >= '0' && s_[i] <= '7'; ++n, ++i) v = v * 8 + (s_[i] - '0');
            if (v > 0xFF) return fail(std::string(s_.substr(start, i - start)) + " is not a valid octal escape", start, i - start);
            out += static_cast<char>(v);
            return true;
        }
        if (e == 'x') {
            unsigned v = 0;
            int n = 0;
            for (; n < 2 && i < s_.size() && hex_value(s_[i]) >= 0; ++n, ++i) v = v * 16 + hex_value(s_[i]);
            if (n == 0) return fail("\\x is not a valid character escape sequence", start, 2);
            out += static_cast<char>(v);
            return true;
        }
        if (e == 'u' || e == 'U') {
            int want = e == 'u' ? 4 : 8;
            uint32_t cp = 0;
            int n = 0;
            for (; n < want && i < s_.size() && hex_value(s_[i]) >= 0; ++n, ++i) cp = cp * 16 + hex_value(s_[i]);
            if (n != want || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return fail(std::string(s_.substr(start, i - start)) + " is not a valid universal character name", start,
                            i - start);
            append_utf8(out, cp);
            return true;
        }
        return fail(std::string(s_.substr(start, 2)) + " is not a valid character escape sequence", start, 2);
    }

    bool quoted(std::size_t start, bool raw) {
        std::size_t i = start + (raw ? 2 : 1);
        std::string value;
        while (true) {
            if (i >= s_.size()) return fail("The final quote was missing from a quoted string.", s_.size(), 1);
            char c = s_[i];
            if (c == '"') break;
            if (c == '\\') {
                if (raw) {
                    // Raw strings keep the backslash; \" still does not end the string.
                    value += c;
                    if (i + 1 < s_.size()) value += s_[i + 1];
                    i += 2;
                    continue;
                }
                if (!escape(i, value)) return false;
                continue;
            }
            value += c;
            ++i;
        }
        ++i;
        Token t{Tok::String, start, i - start, std::move(value)};
        t.raw_string = raw;
        out_.push_back(std::move(t));
        pos_ = i;
        return true;
    }

    bool char_constant() {
        std::size_t start = pos_;
        std::size_t i = pos_ + 1;
        std::string value;
        while (true) {
            if (i >= s_.size()) return fail("The final quote was missing from a character constant.", s_.size(), 1);
            char c = s_[i];
            if (c == '\'') break;
            if (c == '\\') {
                if (!escape(i, value)) return false;
                continue;
            }
            value += c;
            ++i;
        }
        ++i;
        std::string src(s_.substr(start, i - start));
        if (value.size() > 1) return fail(src + " is too long to be a valid character constant.", start, i - start);
        if (value.empty()) return fail(src + " is not a valid character constant.", start, i - start);
        out_.push_back(Token{Tok::Char, start, i - start, std::move(value)});
        pos_ = i;
        return true;
    }

    // "[" spec "]": the spec is read raw because ':' and '-' mean something
    // else inside brackets; the parser splits it.
    bool slice() {
        emit(Tok::LBracket, 1);
        std::size_t close = s_.find(']', pos_);
        if (close == std::string_view::npos) return fail("The right bracket was missing from a slice.", s_.size(), 1);
        std::size_t b = pos_, e = close;
        while (b < e && (s_[b] == ' ' || s_[b] == '\t')) ++b;
        while (e > b && (s_[e - 1] == ' ' || s_[e - 1] == '\t')) --e;
        if (e > b) out_.push_back(Token{Tok::SliceSpec, b, e - b, std::string(s_.substr(b, e - b))});
        pos_ = close;
        emit(Tok::RBracket, 1);
        return true;
    }

    std::string_view s_;
    std::vector<Token>& out_;
    FilterError& err_;
    std::size_t pos_ = 0;
};

}  // namespace

bool tokenize(std::string_view text, std::vector<Token>& out, FilterError& error) {
    return Lexer(text, out, error).run();
}

}  // namespace ms::filter
