// The parse tree of a display filter, before names are resolved: what the
// user wrote, with spans. The compiler (filter_compiler.cpp) turns it into a
// typed Program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/filter/display_filter.hpp"

namespace ms::filter {

enum class RelOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, Contains, Matches, In };
enum class Quant : uint8_t { Default, All, Any };

// One part of a slice: [start:length], [start-end] (inclusive), [start:] or [start].
struct SliceRange {
    enum Kind : uint8_t { Length, End, ToEnd } kind = Length;
    int64_t start = 0;
    int64_t arg = 1;  // length or end offset
};

struct Syntax {
    enum class Kind : uint8_t {
        And, Or, Xor, Not,  // logic: kids
        Relation,           // kids[0] op kids[1], or kids[0] in set
        Test,               // a bare operand used as a test: kids[0]
        Word,               // an unquoted name or literal: text
        String,             // "..." / r"...": text decoded
        Char,               // 'x': text is the byte
        Slice,              // kids[0][ranges]
        Call,               // text(kids...)
        BitAnd,             // kids[0] & kids[1]
    };
    Kind kind = Kind::Word;
    std::size_t start = 0, length = 0;  // span of the whole node
    std::string text;

    // Relation
    RelOp op = RelOp::Eq;
    Quant quant = Quant::Any;         // what the operator means for multiple values
    bool quant_explicit = false;      // from an all/any prefix
    bool negated_in = false;          // "not in"
    std::size_t op_start = 0, op_length = 0;
    std::string op_text;

    std::vector<std::unique_ptr<Syntax>> kids;
    // In: each set item, with hi set for a range "lo..hi".
    struct SetItem {
        std::unique_ptr<Syntax> lo, hi;
    };
    std::vector<SetItem> set;
    std::vector<SliceRange> ranges;  // Slice

    // The text as written (token source), e.g. for "X is neither a field ...".
    std::string source;
};

// Parses the whole text. An all-blank text gives a null tree and true.
bool parse_filter(std::string_view text, std::unique_ptr<Syntax>& out, FilterError& error);

}  // namespace ms::filter
