// The compiled form of a display filter: a tree of tests over operands whose
// fields are resolved and whose literals are already converted to the type
// they are compared with. Evaluating it reads the frame's tree and never
// parses text; operands keep their value lists in scratch vectors that keep
// their capacity, so the steady state allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/field.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/filter/filter_syntax.hpp"
#include "dissectors/filter/filter_regex.hpp"

namespace ms::filter {

// How two values compare.
enum class VClass : uint8_t {
    Int,     // integers, booleans, frame numbers, times (ns): n
    Double,  // d
    IPv4,    // n, with an optional prefix length (CIDR literals)
    IPv6,    // b (16 bytes), with an optional prefix length
    Bytes,   // b: strings, byte strings, protocols, slices, MAC addresses
};

struct Value {
    __int128 n = 0;
    double d = 0;
    std::string_view b;
    int16_t prefix = -1;  // CIDR bits; -1 = the whole address
};

struct Operand {
    enum class Kind : uint8_t { Field, Literal, Slice, BitAnd, Len, Count, Lower, Upper, ToString };
    Kind kind = Kind::Literal;
    FieldType type = FieldType::None;  // logical type of the values
    VClass cls = VClass::Int;
    FieldId field = kNoField;   // Field and the functions' argument
    FieldType field_type = FieldType::None;
    bool bytes_mode = false;    // Field read as its bytes (inside a slice)
    std::vector<SliceRange> ranges;
    std::unique_ptr<Operand> a, b;  // Slice: a; BitAnd: a & b
    std::size_t start = 0, length = 0;
    std::string source;

    // Literal: the converted values (a CIDR or a value name may give one;
    // sets hold one per item). Literal bytes live in `literal_bytes`, which
    // is never resized after the views are taken.
    std::vector<Value> literal;
    std::unique_ptr<std::string> literal_bytes;

    // Evaluation scratch (a filter is used by one thread at a time).
    mutable std::vector<Value> out;
    mutable std::string buf;
};

struct Test {
    enum class Kind : uint8_t { True, And, Or, Xor, Not, Exists, NonEmpty, Truthy, Compare, In };
    Kind kind = Kind::True;
    FieldId field = kNoField;       // Exists
    std::unique_ptr<Test> l, r;     // logic
    std::unique_ptr<Operand> lhs, rhs;  // Compare; In: lhs. NonEmpty/Truthy: lhs
    RelOp op = RelOp::Eq;
    Quant quant = Quant::Any;
    VClass cls = VClass::Int;
    bool negated_in = false;
    struct SetItem {
        std::unique_ptr<Operand> lo, hi;
    };
    std::vector<SetItem> set;
    std::unique_ptr<Regex> regex;   // Matches
};

struct Program {
    std::string text;
    std::unique_ptr<Test> root;
    std::vector<FieldId> fields;
};

// Compiles a parse tree (null = empty filter) into a program.
std::unique_ptr<Program> compile_program(std::string_view text, const Syntax* syntax, FilterError& error);

bool evaluate(const Test& t, const FrameContext& ctx);

}  // namespace ms::filter
