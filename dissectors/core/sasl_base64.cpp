#include "sasl_base64.hpp"

#include <cstdint>

namespace ms {

namespace {
int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

bool decode_base64(std::string_view in, std::string& out) {
    out.clear();
    while (!in.empty() && (in.back() == ' ' || in.back() == '\t')) in.remove_suffix(1);
    if (in == "=") return true;
    uint32_t acc = 0;
    int bits = 0;
    std::size_t pad = 0, count = 0;
    for (char c : in) {
        if (c == '=') {
            ++pad;
            ++count;
            continue;
        }
        if (pad) return false;  // data after padding
        int v = sextet(c);
        if (v < 0) return false;
        ++count;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((acc >> bits) & 0xFF));
        }
    }
    // RFC 4954 / 5034 / 3501 SASL responses are padded base64.
    return pad <= 2 && count % 4 == 0;
}

std::string printable(std::string_view bytes) {
    // Control bytes as \xNN so a decoded secret prints on one line; bytes
    // from 0x80 up pass through (UTF-8 user names, RFC 6532).
    static const char kHex[] = "0123456789abcdef";
    std::string s;
    s.reserve(bytes.size());
    for (unsigned char c : bytes) {
        if (c < 0x20 || c == 0x7F) {
            s += "\\x";
            s += kHex[c >> 4];
            s += kHex[c & 15];
        } else {
            s += char(c);
        }
    }
    return s;
}

}  // namespace ms
