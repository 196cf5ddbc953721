#include "qp_decoder.hpp"

namespace ms::mime {

namespace {
int hex_value(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;  // lower case: tolerated (RFC 2045 6.7 note)
    return -1;
}
bool is_ws(uint8_t c) { return c == ' ' || c == '\t'; }
// Whitespace held back is bounded: a longer run is not trailing padding
// anyone would send, so it is emitted as data (the same whatever the split).
constexpr std::size_t kMaxHeldWhitespace = 4096;
}  // namespace

void QuotedPrintableDecoder::flush_escape_literally(OutputBuffer& out) {
    ++invalid_;
    for (char ch : escape_) out.put(uint8_t(ch));
    escape_.clear();
}

void QuotedPrintableDecoder::byte(uint8_t c, OutputBuffer& out) {
    if (!escape_.empty()) {
        if (escape_.size() == 1) {
            if (hex_value(c) >= 0) {
                escape_ += char(c);
                return;
            }
            if (is_ws(c)) {
                escape_ += char(c);
                return;
            }
            flush_escape_literally(out);
        } else if (escape_.size() == 2 && hex_value(uint8_t(escape_[1])) >= 0) {
            int hi = hex_value(uint8_t(escape_[1])), lo = hex_value(c);
            if (lo >= 0) {
                out.put(uint8_t(hi << 4 | lo));
                escape_.clear();
                return;
            }
            flush_escape_literally(out);
        } else {
            // "=" and whitespace: a soft break with padding if the line ends.
            if (is_ws(c) && escape_.size() < kMaxHeldWhitespace) {
                escape_ += char(c);
                return;
            }
            flush_escape_literally(out);
        }
    }
    if (is_ws(c)) {
        trailing_ws_ += char(c);
        if (trailing_ws_.size() >= kMaxHeldWhitespace) {
            for (char ch : trailing_ws_) out.put(uint8_t(ch));
            trailing_ws_.clear();
        }
        return;
    }
    for (char ch : trailing_ws_) out.put(uint8_t(ch));
    trailing_ws_.clear();
    if (c == '=') escape_ = "=";
    else out.put(c);
}

void QuotedPrintableDecoder::content(std::span<const uint8_t> in, DecodedOutput& sink) {
    OutputBuffer out(sink);
    for (uint8_t c : in) byte(c, out);
}

void QuotedPrintableDecoder::line_end(std::span<const uint8_t> eol, DecodedOutput& sink) {
    OutputBuffer out(sink);
    trailing_ws_.clear();  // trailing whitespace is transport padding
    if (!escape_.empty()) {
        bool soft = escape_.size() == 1 || is_ws(uint8_t(escape_[1]));
        if (soft) {
            escape_.clear();
            return;  // soft line break: the line continues
        }
        flush_escape_literally(out);
    }
    out.put(eol);
}

void QuotedPrintableDecoder::finish(DecodedOutput& sink) {
    OutputBuffer out(sink);
    trailing_ws_.clear();
    if (escape_.size() >= 2 && !is_ws(uint8_t(escape_[1]))) flush_escape_literally(out);
    escape_.clear();
}

}  // namespace ms::mime
