// Small ASCII string helpers shared by the header and MIME parsers.
#pragma once

#include "dissectors/core/ascii.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ms::mime {

inline bool is_wsp(char c) { return c == ' ' || c == '\t'; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
using ms::ascii_lower;  // dissectors/core/ascii.hpp

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

using ms::iequals;

using ms::istarts_with;

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

inline int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Valid UTF-8 is kept; any other byte is taken as Latin-1 (RFC 6532 allows
// UTF-8 in headers, older mailers send raw 8-bit bytes).
std::string sanitize_utf8(std::string_view s);

}  // namespace ms::mime
