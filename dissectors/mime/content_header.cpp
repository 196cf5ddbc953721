#include "content_header.hpp"

#include <algorithm>
#include <map>

#include "charset_converter.hpp"
#include "text_util.hpp"

namespace ms::mime {

namespace {

// RFC 2045 tspecials: these end a token.
bool is_tspecial(char c) {
    switch (c) {
        case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':':
        case '\\': case '"': case '/': case '[': case ']': case '?': case '=':
            return true;
        default: return false;
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}
    std::size_t pos() const { return i_; }
    bool done() { skip_cfws(); return i_ >= s_.size(); }
    char peek() { skip_cfws(); return i_ < s_.size() ? s_[i_] : '\0'; }
    void advance() { ++i_; }

    // Whitespace and (nested) comments.
    void skip_cfws() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (is_space(c)) { ++i_; continue; }
            if (c != '(') break;
            int depth = 0;
            while (i_ < s_.size()) {
                char d = s_[i_++];
                if (d == '\\') { ++i_; continue; }
                if (d == '(') ++depth;
                else if (d == ')' && --depth == 0) break;
            }
        }
    }
    // A token, or for lenient values anything up to ';' (unquoted values with
    // '/' or '?' are common: name=a/b?.pdf).
    std::string token(bool lenient) {
        skip_cfws();
        std::size_t b = i_;
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (is_space(c) || c == ';' || c == '"' || c == '(') break;
            if (!lenient && is_tspecial(c)) break;
            ++i_;
        }
        return std::string(s_.substr(b, i_ - b));
    }
    // s_[i_] is '"': the unescaped content.
    std::string quoted() {
        std::string out;
        ++i_;
        while (i_ < s_.size()) {
            char c = s_[i_++];
            if (c == '"') return out;
            if (c == '\\' && i_ < s_.size()) c = s_[i_++];
            if (c == '\r' || c == '\n') continue;  // folding inside a quoted string
            out += c;
        }
        unterminated = true;
        return out;
    }
    // Skips to just past the next ';' outside quotes (error recovery).
    void skip_to_semicolon() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '"') { quoted(); continue; }
            ++i_;
            if (c == ';') return;
        }
    }
    bool unterminated = false;

private:
    std::string_view s_;
    std::size_t i_ = 0;
};

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = hex_digit(s[i + 1]);
            int lo = hex_digit(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi << 4 | lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

struct Section {
    std::string value;
    bool encoded;
};

struct Pending {
    std::size_t order;                  // first appearance, to keep parameter order
    std::map<unsigned, Section> parts;  // RFC 2231 section number -> text
};

// RFC 2231 section numbers are small; bound them so a hostile header cannot
// make us keep thousands of pieces.
constexpr unsigned kMaxSection = 999;

}  // namespace

const ContentParam* ContentHeader::find(std::string_view name) const {
    for (const auto& p : params)
        if (iequals(p.name, name)) return &p;
    return nullptr;
}

std::string ContentHeader::param(std::string_view name) const {
    const ContentParam* p = find(name);
    return p ? p->value : std::string();
}

std::string_view ContentHeader::type() const {
    std::string_view v = value;
    return v.substr(0, v.find('/'));
}

std::string_view ContentHeader::subtype() const {
    std::string_view v = value;
    auto slash = v.find('/');
    return slash == std::string_view::npos ? std::string_view() : v.substr(slash + 1);
}

ContentHeader parse_content_header(std::string_view raw) {
    ContentHeader h;
    Lexer lx(raw);
    // The value: type "/" subtype, or a disposition token.
    std::string type = lx.token(false);
    if (lx.peek() == '/') {
        lx.advance();
        std::string sub = lx.token(false);
        type += '/';
        type += sub;
    }
    h.value = to_lower(type);
    if (h.value.empty()) h.malformed = true;
    std::size_t after_value = lx.pos();
    // What Wireshark shows as "Parameters": the text after the value.
    {
        std::string_view rest = raw.substr(std::min(after_value, raw.size()));
        std::size_t semi = rest.find(';');
        h.params_text = semi == std::string_view::npos ? std::string() : std::string(rest.substr(semi + 1));
        while (!h.params_text.empty() && (h.params_text.back() == '\r' || h.params_text.back() == '\n'))
            h.params_text.pop_back();
    }

    std::map<std::string, Pending> pending;
    std::size_t order = 0;
    while (!lx.done()) {
        if (lx.peek() != ';') {
            h.malformed = true;
            lx.skip_to_semicolon();
            continue;
        }
        lx.advance();
        if (lx.done()) break;
        if (lx.peek() == ';') continue;  // empty parameter: tolerated
        std::string name = to_lower(lx.token(false));
        if (name.empty() || lx.peek() != '=') {
            h.malformed = true;
            lx.skip_to_semicolon();
            continue;
        }
        lx.advance();
        std::string value;
        bool quoted = false;
        if (lx.peek() == '"') {
            value = lx.quoted();
            quoted = true;
        } else {
            value = lx.token(true);
        }
        if (lx.unterminated) h.malformed = true;
        // RFC 2231: name*  name*N  name*N*
        unsigned section = 0;
        bool encoded = false;
        std::string base = name;
        auto star = name.find('*');
        if (star != std::string::npos) {
            base = name.substr(0, star);
            std::string_view suffix = std::string_view(name).substr(star + 1);
            if (!suffix.empty() && suffix.back() == '*') encoded = true, suffix.remove_suffix(1);
            else if (suffix.empty()) encoded = true;  // "name*" alone
            if (!suffix.empty()) {
                if (suffix.back() == '*') suffix.remove_suffix(1);
                unsigned n = 0;
                bool ok = !suffix.empty() && suffix.size() <= 3;
                for (char c : suffix) ok = ok && c >= '0' && c <= '9', n = n * 10 + unsigned(c - '0');
                if (!ok || n > kMaxSection) {
                    h.malformed = true;
                    continue;
                }
                section = n;
            }
        }
        (void)quoted;  // RFC 2231 says encoded sections are unquoted; mailers quote them anyway
        auto [it, inserted] = pending.try_emplace(base, Pending{order, {}});
        if (inserted) ++order;
        it->second.parts.emplace(section, Section{std::move(value), encoded});
    }

    std::vector<std::pair<std::size_t, ContentParam>> ordered;
    for (auto& [name, p] : pending) {
        ContentParam cp;
        cp.name = name;
        std::string bytes;
        bool any_encoded = false;
        bool first = true;
        for (auto& [n, sec] : p.parts) {
            std::string_view v = sec.value;
            if (sec.encoded && first) {
                // charset'language'value on the first encoded section.
                auto q1 = v.find('\'');
                auto q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
                if (q2 != std::string_view::npos) {
                    cp.charset = std::string(v.substr(0, q1));
                    cp.language = std::string(v.substr(q1 + 1, q2 - q1 - 1));
                    v = v.substr(q2 + 1);
                }
            }
            first = false;
            if (sec.encoded) {
                any_encoded = true;
                bytes += percent_decode(v);
            } else {
                bytes += v;
            }
        }
        if (any_encoded && !cp.charset.empty()) {
            std::string utf8;
            convert_to_utf8(cp.charset, bytes, utf8);
            cp.value = std::move(utf8);
        } else {
            cp.value = sanitize_utf8(bytes);
        }
        ordered.emplace_back(p.order, std::move(cp));
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [o, cp] : ordered) h.params.push_back(std::move(cp));
    return h;
}

}  // namespace ms::mime
