// LEB128 unsigned varints: the length prefixes of PackedTextStore and the
// fields of a packed message record. Reading past the end yields what was
// read so far (never reads outside `in`). Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ms::ui {

inline void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(char(uint8_t(v) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}

inline uint64_t get_varint(std::string_view in, std::size_t& pos) {
    uint64_t v = 0;
    for (int shift = 0; pos < in.size() && shift < 64; shift += 7) {
        const uint8_t c = uint8_t(in[pos++]);
        v |= uint64_t(c & 0x7f) << shift;
        if (!(c & 0x80)) break;
    }
    return v;
}

}  // namespace ms::ui
