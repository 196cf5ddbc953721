#include "imap_tokens.hpp"

#include "imap_commands.hpp"

namespace ms::imap {

std::size_t TokenList::skip(std::size_t i) const {
    if (i >= tokens.size()) return tokens.size();
    const Token& t = tokens[i];
    if ((t.kind == TokenKind::Open || t.kind == TokenKind::CodeOpen)) {
        if (t.match == UINT32_MAX || t.match < i || t.match >= tokens.size()) return tokens.size();
        return std::size_t(t.match) + 1;
    }
    return i + 1;
}

bool TokenList::push(Token t, std::string_view v) {
    if (overflow) return false;
    if (tokens.size() >= kMaxTokens || arena.size() + v.size() > kMaxArena) {
        overflow = true;
        return false;
    }
    t.value_off = uint32_t(arena.size());
    t.value_len = uint32_t(v.size());
    arena.append(v);
    tokens.push_back(t);
    return true;
}

void TokenList::append_value(std::size_t i, std::string_view bytes, std::size_t cap) {
    if (i >= tokens.size()) return;
    Token& t = tokens[i];
    // Only the last token may grow (its bytes are at the end of the arena).
    if (i + 1 != tokens.size() || t.value_off + t.value_len != arena.size()) {
        if (!bytes.empty()) t.value_cut = true;
        return;
    }
    std::size_t room = t.value_len < cap ? cap - t.value_len : 0;
    if (arena.size() + room > kMaxArena) room = arena.size() < kMaxArena ? kMaxArena - arena.size() : 0;
    const std::size_t n = bytes.size() < room ? bytes.size() : room;
    arena.append(bytes.substr(0, n));
    t.value_len += uint32_t(n);
    if (n < bytes.size()) t.value_cut = true;
}

void TokenList::clear() {
    tokens.clear();
    arena.clear();
    overflow = false;
    too_deep = false;
    open_.clear();
    depth_ = 0;
}

void TokenList::open_list(std::size_t index) {
    if (open_.size() < kMaxStack) open_.push_back(index == SIZE_MAX ? UINT32_MAX : uint32_t(index));
    if (depth_ < UINT32_MAX) ++depth_;
}

bool TokenList::close_list(std::size_t index) {
    if (depth_ == 0) return false;
    if (depth_ <= open_.size()) {
        const uint32_t open = open_.back();
        open_.pop_back();
        if (open != UINT32_MAX && open < tokens.size() && index != SIZE_MAX) tokens[open].match = uint32_t(index);
    }
    --depth_;
    return true;
}

bool is_status_word(std::string_view w) {
    return iequals(w, "OK") || iequals(w, "NO") || iequals(w, "BAD") || iequals(w, "PREAUTH") || iequals(w, "BYE");
}

namespace {

bool is_ctl(unsigned char c) { return c < 0x20 || c == 0x7F; }

class Scanner {
public:
    Scanner(std::string_view text, uint32_t segment, TokenList& out, LineScan& scan)
        : s_(text), seg_(segment), out_(out), scan_(scan) {}

    void run(LineMode mode) {
        if (mode == LineMode::ServerFirst) {
            server_first();
        } else {
            args(false);
        }
    }

private:
    std::size_t add(TokenKind k, std::size_t pos, std::size_t len, std::string_view value) {
        Token t;
        t.kind = k;
        t.depth = uint16_t(out_.depth() < 0xFFFF ? out_.depth() : 0xFFFF);
        t.segment = seg_;
        t.pos = uint32_t(pos);
        t.len = uint32_t(len);
        const bool was_overflow = out_.overflow;
        if (!out_.push(t, value)) {
            if (!was_overflow) scan_.became_overflow = true;
            return SIZE_MAX;
        }
        return out_.tokens.size() - 1;
    }

    void skip_spaces() {
        while (i_ < s_.size() && s_[i_] == ' ') ++i_;
    }

    // An atom, with "[...]" sections (which may hold spaces, lists and
    // quoted strings) and "<...>" partials taken as part of it.
    std::size_t atom_end(std::size_t from, bool in_code) const {
        std::size_t j = from;
        while (j < s_.size()) {
            const unsigned char c = static_cast<unsigned char>(s_[j]);
            if (c == ' ' || c == '(' || c == ')' || c == '"' || is_ctl(c)) break;
            if (c == ']' && in_code) break;
            if (c == '[' && !in_code) {
                // Find the matching ']' (nested brackets, quoted strings skipped).
                int nest = 0;
                bool quoted = false;
                std::size_t k = j;
                for (; k < s_.size(); ++k) {
                    const char d = s_[k];
                    if (quoted) {
                        if (d == '\\') ++k;
                        else if (d == '"') quoted = false;
                        continue;
                    }
                    if (d == '"') quoted = true;
                    else if (d == '[') ++nest;
                    else if (d == ']' && --nest == 0) break;
                }
                if (k >= s_.size()) return s_.size();
                j = k + 1;
                continue;
            }
            ++j;
        }
        return j;
    }

    void quoted() {
        const std::size_t start = i_;
        std::string v;
        ++i_;
        bool closed = false;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '\\' && i_ + 1 < s_.size()) {
                v += s_[i_ + 1];
                i_ += 2;
                continue;
            }
            ++i_;
            if (c == '"') {
                closed = true;
                break;
            }
            v += c;
        }
        if (!closed) scan_.unterminated_quote = true;
        add(TokenKind::Quoted, start, i_ - start, v);
    }

    // Tokens up to the end of the line (or, in a response code, to its ']').
    void args(bool in_code) {
        while (true) {
            skip_spaces();
            if (i_ >= s_.size()) return;
            const char c = s_[i_];
            if (in_code && c == ']') return;
            if (c == '(') {
                if (out_.depth() >= TokenList::kMaxDepth && !out_.too_deep) {
                    out_.too_deep = true;
                    scan_.became_too_deep = true;
                }
                const std::size_t idx = add(TokenKind::Open, i_, 1, "(");
                out_.open_list(idx);
                ++i_;
                continue;
            }
            if (c == ')') {
                if (out_.depth() == 0) {
                    scan_.unbalanced_close = true;
                    add(TokenKind::Close, i_, 1, ")");
                } else {
                    // The Close sits at its list's parent depth; the Open
                    // learns the index the Close is about to get.
                    out_.close_list(out_.overflow ? SIZE_MAX : out_.tokens.size());
                    add(TokenKind::Close, i_, 1, ")");
                }
                ++i_;
                continue;
            }
            if (c == '"') {
                quoted();
                continue;
            }
            if ((c == '{' || (c == '~' && i_ + 1 < s_.size() && s_[i_ + 1] == '{')) && !in_code &&
                s_.back() == '}') {
                LiteralMarker m = parse_literal_marker(s_.substr(i_));
                if (m.ok) {
                    scan_.has_literal = true;
                    scan_.literal = m;
                    Token t;
                    t.kind = TokenKind::Literal;
                    t.depth = uint16_t(out_.depth() < 0xFFFF ? out_.depth() : 0xFFFF);
                    t.segment = seg_ + 1;
                    t.pos = uint32_t(i_);
                    t.len = uint32_t(s_.size() - i_);
                    t.literal_size = m.size;
                    t.literal_non_sync = m.non_sync;
                    t.literal_binary = m.binary;
                    const bool was_overflow = out_.overflow;
                    if (out_.push(t, {})) scan_.literal_token = out_.tokens.size() - 1;
                    else if (!was_overflow) scan_.became_overflow = true;
                    i_ = s_.size();
                    return;
                }
            }
            const std::size_t start = i_;
            std::size_t end = atom_end(i_, in_code);
            if (end == start) end = start + 1;  // a stray control byte: one-byte atom
            const std::string_view a = s_.substr(start, end - start);
            add(iequals(a, "NIL") ? TokenKind::Nil : TokenKind::Atom, start, a.size(), a);
            i_ = end;
        }
    }

    void text_rest() {
        if (i_ < s_.size()) add(TokenKind::Text, i_, s_.size() - i_, s_.substr(i_));
        i_ = s_.size();
    }

    // resp-text: an optional "[code args]" and then free text.
    void resp_text() {
        if (i_ < s_.size() && s_[i_] == ' ') ++i_;
        if (i_ < s_.size() && s_[i_] == '[') {
            const std::size_t open = add(TokenKind::CodeOpen, i_, 1, "[");
            ++i_;
            const uint32_t depth_before = out_.depth();
            args(true);
            // Lists left open inside the code are closed with it.
            while (out_.depth() > depth_before) out_.close_list(SIZE_MAX);
            if (i_ < s_.size() && s_[i_] == ']') {
                const std::size_t close = add(TokenKind::CodeClose, i_, 1, "]");
                if (open != SIZE_MAX && close != SIZE_MAX) out_.tokens[open].match = uint32_t(close);
                ++i_;
            }
            if (i_ < s_.size() && s_[i_] == ' ') ++i_;
        }
        text_rest();
    }

    void server_first() {
        // Tag: "*", "+" or a tag atom.
        if (i_ < s_.size() && s_[i_] == '+') {
            add(TokenKind::Atom, 0, 1, "+");
            ++i_;
            if (i_ < s_.size() && s_[i_] == ' ') ++i_;
            text_rest();
            return;
        }
        std::size_t end = atom_end(i_, false);
        add(TokenKind::Atom, i_, end - i_, s_.substr(i_, end - i_));
        i_ = end;
        skip_spaces();
        // "* 3 EXISTS", "* 3 FETCH (...)": a number first.
        std::size_t w = atom_end(i_, false);
        std::string_view word = s_.substr(i_, w - i_);
        if (is_status_word(word)) {
            add(TokenKind::Atom, i_, word.size(), word);
            i_ = w;
            resp_text();
            return;
        }
        args(false);
    }

    std::string_view s_;
    std::size_t i_ = 0;
    uint32_t seg_;
    TokenList& out_;
    LineScan& scan_;
};

}  // namespace

LineScan tokenize_line(std::string_view text, uint32_t segment, LineMode mode, TokenList& out) {
    LineScan scan;
    Scanner(text, segment, out, scan).run(mode);
    return scan;
}

}  // namespace ms::imap
