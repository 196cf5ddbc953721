// Text-to-value conversions for display filter literals, each with tshark's
// error wording. The compiler picks one by the type of the field a literal
// is compared with.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dissectors/core/field.hpp"

namespace ms::filter {

// Wireshark's ftype description ("Unsigned integer (2 bytes)", "IPv4 address").
std::string_view type_pretty_name(FieldType t);

// Decimal, 0x hex, 0b binary or 0-prefixed octal, with an optional '-'.
// Magnitudes above 2^64 saturate there (callers report "too big").
bool parse_integer(std::string_view text, __int128& value);

// A byte string: "aa:bb:cc", "aa-bb", "aa.bb", "0.1.0.d", "aabbcc", or one
// byte as "0x1f". Appends to out.
bool parse_byte_string(std::string_view text, std::string& out);

// Six bytes in any byte-string form; error set on failure.
bool parse_ether(std::string_view text, std::string& out, std::string& error);

// Dotted quad with an optional "/bits"; error set on failure.
bool parse_ipv4(std::string_view text, uint32_t& addr, int& prefix, std::string& error);
bool parse_ipv6(std::string_view text, uint8_t (&addr)[16], int& prefix, std::string& error);

// "Oct  5, 2009 06:06:07[.frac][ UTC]" or ISO 8601 "2009-10-05[T ]06:06:07[.frac][Z|+hh:mm]";
// local time unless a zone is given. ns since the epoch.
bool parse_abs_time(std::string_view text, int64_t& ns, std::string& error);

// Seconds with an optional fraction and sign ("1.5", "-0.25"), to ns.
bool parse_rel_time(std::string_view text, int64_t& ns);

}  // namespace ms::filter
