#include "line_framer.hpp"

#include <algorithm>
#include <cstring>

namespace ms {

LineFramer::LineFramer(uint32_t max_line_length) : max_(max_line_length ? max_line_length : 1) {}

void LineFramer::feed(uint64_t stream_offset, std::span<const uint8_t> bytes) {
    input_ = bytes;
    input_offset_ = stream_offset;
    pos_ = 0;
}

void LineFramer::reset_line() { buf_.clear(); }

static void describe_text(FramedLine& line) {
    // A CR just before the LF was already stripped; any CR left is bare.
    line.bare_cr = !line.text.empty() &&
                   std::memchr(line.text.data(), '\r', line.text.size()) != nullptr;
}

LineFramer::Piece LineFramer::next(FramedLine& line, RawRun& raw) {
    while (pos_ < input_.size()) {
        const std::size_t avail = input_.size() - pos_;

        if (raw_remaining_ > 0) {
            const std::size_t n = raw_remaining_ < avail ? std::size_t(raw_remaining_) : avail;
            raw = RawRun{input_offset_ + pos_, input_.subspan(pos_, n), pos_, raw_remaining_ - n};
            raw_remaining_ -= n;
            pos_ += n;
            return Piece::Raw;
        }

        const uint8_t* here = input_.data() + pos_;
        if (discard_) {
            const void* lf = std::memchr(here, '\n', avail);
            if (!lf) {
                pos_ = input_.size();
                return Piece::None;
            }
            pos_ += std::size_t(static_cast<const uint8_t*>(lf) - here) + 1;
            discard_ = false;
            continue;
        }

        if (buf_.empty()) line_offset_ = input_offset_ + pos_;
        // At most `room` more bytes fit before the LF.
        const std::size_t room = max_ - buf_.size();
        const std::size_t window = std::min<std::size_t>(avail, room + 1);
        const void* lf = std::memchr(here, '\n', window);
        if (lf) {
            const std::size_t n = std::size_t(static_cast<const uint8_t*>(lf) - here);
            line = FramedLine{};
            line.offset = line_offset_;
            line.after_gap = after_gap_;
            if (buf_.empty()) {
                line.text = input_.subspan(pos_, n);
                line.in_input = true;
                line.input_pos = pos_;
            } else {
                buf_.insert(buf_.end(), here, here + n);
                out_.swap(buf_);
                line.text = std::span<const uint8_t>(out_.data(), out_.size());
            }
            std::size_t total = line.text.size();
            if (!line.text.empty() && line.text.back() == '\r') {
                line.text = line.text.first(line.text.size() - 1);
                line.terminator = 2;
            } else {
                line.terminator = 1;
            }
            line.wire_length = total + 1;
            describe_text(line);
            pos_ += n + 1;
            after_gap_ = false;
            buf_.clear();
            return Piece::Line;
        }
        if (avail > room) {
            // No LF within the cap: deliver what fits, skip the rest of the line.
            buf_.insert(buf_.end(), here, here + room);
            pos_ += room;
            line = FramedLine{};
            line.offset = line_offset_;
            line.after_gap = after_gap_;
            out_.swap(buf_);
            line.text = std::span<const uint8_t>(out_.data(), out_.size());
            line.wire_length = out_.size();
            line.truncated = true;
            describe_text(line);
            after_gap_ = false;
            buf_.clear();
            discard_ = true;
            return Piece::Line;
        }
        buf_.insert(buf_.end(), here, here + avail);
        pos_ = input_.size();
    }
    return Piece::None;
}

FramerGap LineFramer::on_gap(uint64_t offset, uint64_t length) {
    (void)offset;
    FramerGap g;
    if (raw_remaining_ > 0) {
        g.raw_lost = std::min(raw_remaining_, length);
        raw_remaining_ -= g.raw_lost;
        length -= g.raw_lost;
        if (length == 0) return g;
        g.raw_overrun = true;
    }
    g.line_bytes_lost = buf_.size();
    buf_.clear();
    discard_ = false;
    after_gap_ = true;
    return g;
}

bool LineFramer::finish(FramedLine& line) {
    if (buf_.empty()) return false;
    line = FramedLine{};
    line.offset = line_offset_;
    line.after_gap = after_gap_;
    out_.swap(buf_);
    buf_.clear();
    line.text = std::span<const uint8_t>(out_.data(), out_.size());
    line.wire_length = out_.size();
    line.unterminated = true;
    describe_text(line);
    return true;
}

}  // namespace ms
