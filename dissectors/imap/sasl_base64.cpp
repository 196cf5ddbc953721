#include "sasl_base64.hpp"

#include <cstdint>

namespace ms::imap {

bool decode_base64(std::string_view in, std::string& out) {
    out.clear();
    uint32_t bits = 0;
    int nbits = 0;
    std::size_t pad = 0, digits = 0;
    for (char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+') v = 62;
        else if (c == '/') v = 63;
        else if (c == '=') {
            ++pad;
            continue;
        } else {
            return false;
        }
        if (pad) return false;  // data after padding
        ++digits;
        bits = (bits << 6) | uint32_t(v);
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            out += char((bits >> nbits) & 0xFF);
            bits &= (1u << nbits) - 1;
        }
    }
    return (digits + pad) % 4 == 0 && pad <= 2;
}

std::string printable(std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7F) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += char(c);
        }
    }
    return out;
}

}  // namespace ms::imap
