// Text forms of field values shared by the tree labels, -T fields and the
// display filters, so every view prints a value the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "field.hpp"

namespace ms {

// "Oct  5, 2009 06:06:07.492060000 UTC" (local time zone, as tshark prints).
void append_abs_time(std::string& out, int64_t ns);
// "0.034025000" (seconds with nine decimals; negative values keep the sign).
void append_rel_time(std::string& out, int64_t ns);
// "1254722767.492060000"
void append_epoch_time(std::string& out, int64_t ns);
// An unsigned value in the field's base ("52106", "0x0800", "6 (0x06)").
void append_uint(std::string& out, uint64_t v, FieldType t, Base b);
// The name of v in the field's value table, or null.
const char* value_name(const FieldDef& def, uint64_t v);
// Lower-case hex without separators.
void append_hex(std::string& out, std::string_view bytes);
// Bits of `bitmask` in a field of `width` bits: "..1. ....", with v's bits shown.
void append_bit_pattern(std::string& out, uint64_t bitmask, uint64_t v_shifted, unsigned width);
unsigned type_bits(FieldType t);

}  // namespace ms
