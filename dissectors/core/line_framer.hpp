// Splits one direction of a text protocol (SMTP, POP3, IMAP) into lines, with
// a raw mode for counted byte runs (BDAT chunks, IMAP {n} literals).
//
// Pull model: feed() hands over one delivery of stream bytes, then next() is
// called until it returns None. Between pieces the caller may switch to raw
// mode (expect_raw) or read the unread input itself (unread/skip), so the
// protocol parser decides the mode at each line boundary. Any split of the
// same bytes yields the same pieces.
//
// Lines end at LF. A CR right before the LF belongs to the terminator; any
// other CR is reported as bare. A line longer than max_line_length bytes
// (counted up to the LF, CR included) is delivered truncated at the cap and
// the rest of it is discarded up to the next LF, so memory stays bounded.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ms {

struct FramedLine {
    uint64_t offset = 0;       // stream offset of the line's first byte
    uint64_t wire_length = 0;  // bytes taken in the stream, terminator included (up to the cut when truncated)
    std::span<const uint8_t> text;  // without terminator; valid until the next call
    uint8_t terminator = 0;    // 2 = CRLF, 1 = bare LF, 0 = none (truncated or unterminated)
    bool truncated = false;    // longer than the cap; the rest up to LF is skipped
    bool bare_cr = false;      // a CR not followed by LF inside the text
    bool unterminated = false; // cut by a gap or the end of the stream
    bool after_gap = false;    // first line after a gap: may be the tail of a lost line
    // When the whole line (terminator included) lies in the current input.
    bool in_input = false;
    std::size_t input_pos = 0;  // index of the line's first byte in the current input
};

struct RawRun {
    uint64_t offset = 0;                 // stream offset of bytes[0]
    std::span<const uint8_t> bytes;      // points into the current input
    std::size_t input_pos = 0;
    uint64_t remaining = 0;              // raw bytes still expected after these
};

// What a gap did to the framer's state.
struct FramerGap {
    uint64_t raw_lost = 0;        // bytes of the announced raw run that were lost
    uint64_t line_bytes_lost = 0; // bytes of a partial line that were dropped
    bool raw_overrun = false;     // the gap went past the end of the raw run
};

class LineFramer {
public:
    enum class Piece : uint8_t { None, Line, Raw };

    explicit LineFramer(uint32_t max_line_length = 4096);

    // Starts a new delivery. The previous one must have been read to the end.
    void feed(uint64_t stream_offset, std::span<const uint8_t> bytes);
    // The next line or raw run of the current delivery; None when it is used
    // up (a partial line is then kept for the next feed).
    Piece next(FramedLine& line, RawRun& raw);

    // The next n bytes pass through unframed as Raw pieces (n may be anything
    // up to 2^64-1; nothing is allocated). Call at a line boundary.
    void expect_raw(uint64_t n) { raw_remaining_ = n; }
    uint64_t raw_remaining() const { return raw_remaining_; }
    void cancel_raw() { raw_remaining_ = 0; }

    // Direct access for callers that scan bytes themselves (SMTP DATA): the
    // unread rest of the current delivery, and marking part of it read.
    // Only meaningful at a line boundary (no partial line held).
    std::span<const uint8_t> unread() const { return input_.subspan(pos_); }
    uint64_t unread_offset() const { return input_offset_ + pos_; }
    std::size_t unread_pos() const { return pos_; }
    void skip(std::size_t n) { pos_ += n < input_.size() - pos_ ? n : input_.size() - pos_; }

    bool has_partial_line() const { return !buf_.empty(); }
    // Discard input up to and including the next LF (resynchronise mid-line).
    void discard_to_lf() { discard_ = true; }
    bool discarding() const { return discard_; }

    // `length` bytes at `offset` were lost. Eats into a raw run first; a
    // partial line is dropped, and the next line is marked after_gap.
    FramerGap on_gap(uint64_t offset, uint64_t length);
    // End of the stream: the partial line, if any, as an unterminated line.
    bool finish(FramedLine& line);

    uint32_t max_line_length() const { return max_; }

private:
    void reset_line();

    uint32_t max_;
    std::span<const uint8_t> input_;
    uint64_t input_offset_ = 0;
    std::size_t pos_ = 0;
    std::vector<uint8_t> buf_;    // partial line carried across deliveries (<= max_)
    std::vector<uint8_t> out_;    // the last assembled line handed out
    uint64_t line_offset_ = 0;    // stream offset of the current line
    uint64_t raw_remaining_ = 0;
    bool discard_ = false;
    bool after_gap_ = false;
};

}  // namespace ms
