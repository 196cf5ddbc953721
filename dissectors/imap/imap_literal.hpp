// The literal marker that ends an IMAP line: "{n}", "{n+}" (LITERAL+,
// RFC 7888) and "~{n}" (BINARY, RFC 3516), a pure function over the text.
#pragma once

#include <cstdint>
#include <string_view>

namespace ms::imap {

struct LiteralMarker {
    enum class Size : uint8_t {
        Ok,        // fits IMAP4rev1's 32-bit number
        Over32,    // 2^32 .. 2^63-1: only IMAP4rev2's number64 allows it
        OutOfRange,// 2^63 .. 2^64-1: no IMAP version allows it
        Overflow,  // more than 64 bits of digits
    };
    bool ok = false;        // the text is a literal marker
    uint64_t size = 0;      // valid unless Overflow
    Size size_class = Size::Ok;
    bool non_sync = false;  // "+"
    bool binary = false;    // "~"
    std::size_t digits = 0;
};

// `text` must be exactly the marker (from '~' or '{' to the closing '}').
LiteralMarker parse_literal_marker(std::string_view text);

// Whether the size may be used to frame the stream: Ok and Over32 are,
// OutOfRange and Overflow are errors whose bytes are not taken as a literal.
inline bool literal_size_usable(const LiteralMarker& m) {
    return m.ok && (m.size_class == LiteralMarker::Size::Ok || m.size_class == LiteralMarker::Size::Over32);
}

}  // namespace ms::imap
