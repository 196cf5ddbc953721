// The tokens of one IMAP command or response (RFC 9051 section 9 / RFC 3501
// section 9): atoms, quoted strings, literals, NIL, parenthesized lists,
// response codes and free text. A command or response may span several
// lines joined by literals; its tokens accumulate here across them.
// Everything is bounded: past kMaxTokens or kMaxArena the line is still
// scanned (literal markers are found) but nothing more is stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imap_literal.hpp"

namespace ms::imap {

enum class TokenKind : uint8_t {
    Atom,       // includes flags (\Seen), numbers, sequence sets and BODY[...]<...>
    Quoted,     // value unescaped
    Literal,    // {n}: value is the captured start of the literal's bytes
    Nil,
    Open,       // "("
    Close,      // ")"
    CodeOpen,   // "[" starting a response code
    CodeClose,  // "]" ending it
    Text,       // free text (resp-text, continuation text)
};

struct Token {
    TokenKind kind = TokenKind::Atom;
    uint16_t depth = 0;        // list nesting (Open/Close: of the list's parent)
    uint32_t segment = 0;      // line segment in which the value is complete
    uint32_t pos = 0, len = 0; // in its line's text (Literal: the marker)
    uint32_t value_off = 0, value_len = 0;  // in TokenList::arena
    uint32_t match = UINT32_MAX;  // Open/CodeOpen: index of the matching close
    uint64_t literal_size = 0;
    bool literal_non_sync = false;
    bool literal_binary = false;
    bool value_cut = false;    // Literal: only the first bytes were kept
    bool carried = false;      // Literal: a message handed to the message layer
};

class TokenList {
public:
    static constexpr std::size_t kMaxTokens = 8192;
    static constexpr std::size_t kMaxArena = 256 * 1024;
    static constexpr uint16_t kMaxDepth = 64;

    std::vector<Token> tokens;
    std::string arena;
    bool overflow = false;   // tokens were dropped
    bool too_deep = false;   // lists nested past kMaxDepth

    std::string_view value(const Token& t) const { return std::string_view(arena).substr(t.value_off, t.value_len); }
    std::string_view value(std::size_t i) const { return i < tokens.size() ? value(tokens[i]) : std::string_view(); }
    std::size_t size() const { return tokens.size(); }
    const Token* at(std::size_t i) const { return i < tokens.size() ? &tokens[i] : nullptr; }
    bool is(std::size_t i, TokenKind k) const { return i < tokens.size() && tokens[i].kind == k; }
    // Index just past the value starting at i (a whole list for Open).
    std::size_t skip(std::size_t i) const;
    uint32_t depth() const { return depth_; }

    // Appends a token; false when the caps are reached (nothing stored).
    bool push(Token t, std::string_view value);
    // Appends literal bytes to the value of token i, up to `cap` bytes in all.
    void append_value(std::size_t i, std::string_view bytes, std::size_t cap);
    void clear();

    // List bookkeeping for the tokenizer (index SIZE_MAX: not stored).
    void open_list(std::size_t index);
    // False when no list is open.
    bool close_list(std::size_t index);

private:
    static constexpr std::size_t kMaxStack = 4096;
    std::vector<uint32_t> open_;  // indices of unclosed Open tokens (first kMaxStack)
    uint32_t depth_ = 0;
};

enum class LineMode : uint8_t {
    Args,        // tokens only (commands, and continuation lines after a literal)
    ServerFirst, // tag, then a status (resp-code + text), "+" text, or data tokens
};

struct LineScan {
    bool has_literal = false;   // the line ends with a literal marker
    LiteralMarker literal;
    std::size_t literal_token = SIZE_MAX;  // its token index (SIZE_MAX when not stored)
    bool unterminated_quote = false;
    bool unbalanced_close = false;
    bool became_too_deep = false;
    bool became_overflow = false;
};

// Tokenizes one line's text (no terminator) into `out`, tagging every token
// with `segment` (a trailing literal gets segment + 1: its bytes follow).
LineScan tokenize_line(std::string_view text, uint32_t segment, LineMode mode, TokenList& out);

bool is_status_word(std::string_view w);  // OK NO BAD PREAUTH BYE

}  // namespace ms::imap
