// Streaming base64 (RFC 2045 section 6.8): the partial quantum is carried
// across calls, whitespace is skipped silently, any other character outside
// the alphabet is skipped and counted so the caller can say so.
#pragma once

#include <cstdint>
#include <span>

#include "decoded_output.hpp"

namespace ms::mime {

class Base64Decoder {
public:
    void feed(std::span<const uint8_t> in, DecodedOutput& out);
    // Emits what a dangling partial quantum still holds.
    void finish(DecodedOutput& out);

    uint64_t invalid_chars() const { return invalid_; }
    // Data after '=' padding (concatenated encodings) or a lone final character.
    bool bad_padding() const { return bad_padding_; }

private:
    uint32_t bits_ = 0;
    unsigned count_ = 0;  // sextets in bits_
    bool padded_ = false;
    uint64_t invalid_ = 0;
    bool bad_padding_ = false;
};

// Decodes a complete base64 string (RFC 2047 "B" words); false on bad input.
bool decode_base64_text(std::span<const uint8_t> in, std::span<uint8_t> out_buf, std::size_t& out_len);

}  // namespace ms::mime
