// Streaming quoted-printable (RFC 2045 section 6.7). The body arrives as line
// content and line ends separately (the caller knows where lines end), so a
// soft line break ("=" before the end of a line, maybe with padding) and
// trailing whitespace (deleted) can be told apart across any split. Invalid
// escapes are kept literally and counted.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "decoded_output.hpp"

namespace ms::mime {

class QuotedPrintableDecoder {
public:
    void content(std::span<const uint8_t> in, DecodedOutput& out);
    void line_end(std::span<const uint8_t> eol, DecodedOutput& out);
    void finish(DecodedOutput& out);

    uint64_t invalid_escapes() const { return invalid_; }

private:
    void byte(uint8_t c, OutputBuffer& out);
    void flush_escape_literally(OutputBuffer& out);

    // "=", "=X" or "=" followed by whitespace: an escape not yet complete.
    std::string escape_;
    // Whitespace that is dropped if the line ends right after it.
    std::string trailing_ws_;
    uint64_t invalid_ = 0;
};

}  // namespace ms::mime
