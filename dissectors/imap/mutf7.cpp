#include "mutf7.hpp"

#include <cstdint>

namespace ms::imap {

namespace {
int b64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == ',') return 63;
    return -1;
}

void put_utf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

constexpr uint32_t kReplacement = 0xFFFD;
}  // namespace

bool decode_mutf7(std::string_view in, std::string& out) {
    out.clear();
    bool valid = true;
    std::size_t i = 0;
    while (i < in.size()) {
        const char c = in[i];
        if (c != '&') {
            // Printable US-ASCII stands for itself; 8-bit bytes are taken as
            // UTF-8 sent by a UTF8=ACCEPT client.
            out += c;
            ++i;
            continue;
        }
        ++i;
        if (i < in.size() && in[i] == '-') {
            out += '&';
            ++i;
            continue;
        }
        // A base64 run: 16-bit units, surrogate pairs combined.
        uint32_t bits = 0;
        int nbits = 0;
        uint32_t high = 0;  // pending high surrogate
        std::size_t run = 0;
        while (i < in.size() && in[i] != '-') {
            const int v = b64_value(in[i]);
            if (v < 0) break;
            bits = (bits << 6) | uint32_t(v);
            nbits += 6;
            ++run;
            ++i;
            if (nbits >= 16) {
                nbits -= 16;
                const uint32_t unit = (bits >> nbits) & 0xFFFF;
                bits &= (1u << nbits) - 1;
                if (unit >= 0xD800 && unit < 0xDC00) {
                    if (high) {
                        put_utf8(kReplacement, out);
                        valid = false;
                    }
                    high = unit;
                } else if (unit >= 0xDC00 && unit < 0xE000) {
                    if (!high) {
                        put_utf8(kReplacement, out);
                        valid = false;
                    } else {
                        put_utf8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), out);
                        high = 0;
                    }
                } else {
                    if (high) {
                        put_utf8(kReplacement, out);
                        valid = false;
                        high = 0;
                    }
                    // RFC 3501: printable ASCII must not be base64-encoded.
                    if (unit >= 0x20 && unit <= 0x7E) valid = false;
                    put_utf8(unit, out);
                }
            }
        }
        if (high) {
            put_utf8(kReplacement, out);
            valid = false;
        }
        // Leftover bits must be zero padding shorter than one base64 digit's worth.
        if (nbits >= 6 || bits != 0 || run == 0) valid = false;
        if (i < in.size() && in[i] == '-') ++i;
        else valid = false;  // a run must end with '-'
    }
    return valid;
}

}  // namespace ms::imap
