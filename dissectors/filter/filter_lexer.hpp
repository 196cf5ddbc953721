// Splits display filter text into tokens, each with its span in the text so
// errors can point at it. String and character literals are decoded here
// (escapes), words are left raw: whether "10.0.0.1" or "HELO" is a field, a
// number or an address depends on the field it is compared with.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/filter/display_filter.hpp"

namespace ms::filter {

enum class Tok {
    End,
    Invalid,   // a character that starts no token ("@", a lone "=")
    Word,      // field names, keywords, numbers, addresses, byte strings, bare strings
    String,    // "..." or r"..."; text = decoded contents
    Char,      // 'x'; text = the one decoded byte
    SliceSpec, // the raw text between [ and ]
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, DotDot,
    // Operators in symbol form; their word forms ("eq", "and") stay Words.
    Eq, AllEq, Ne, AnyNe, Lt, Le, Gt, Ge, Tilde, BitAnd, AndAnd, OrOr, Bang, XorXor,
};

struct Token {
    Tok kind = Tok::End;
    std::size_t start = 0, length = 0;
    std::string text;  // see Tok
    bool raw_string = false;
};

// Tokenizes the whole text. On a lexical error (unterminated string, bad
// escape) returns false and fills error.
bool tokenize(std::string_view text, std::vector<Token>& out, FilterError& error);

// The source text of a token as the user wrote it (for "... was unexpected").
inline std::string_view token_source(std::string_view text, const Token& t) {
    return text.substr(t.start, t.length);
}

}  // namespace ms::filter
