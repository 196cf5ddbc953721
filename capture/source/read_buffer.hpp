// One large buffer between an input and a record reader. Records that lie
// wholly inside the buffer are handed out in place (no copy); a refill
// moves the unread tail to the front and reads behind it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "capture/source/byte_input.hpp"
#include "capture/source/capture_limits.hpp"

namespace ms {

class ReadBuffer {
public:
    enum class Fill { Ok, End, Failed };

    explicit ReadBuffer(std::unique_ptr<ByteInput> input, std::size_t capacity = kReadBufferBytes);

    // Makes at least n bytes available at data(). End: the input ended
    // first (available() says what is left); Failed: read error (error()).
    // Growing past the initial capacity is bounded by the caller's limits.
    Fill ensure(std::size_t n) { return end_ - pos_ >= n ? Fill::Ok : refill(n); }

    const uint8_t* data() const { return buf_.get() + pos_; }
    std::size_t available() const { return end_ - pos_; }
    void consume(std::size_t n) {
        pos_ += n;
        offset_ += n;
    }
    // Drops n bytes without holding them all at once (for skipped blocks).
    Fill skip(uint64_t n);
    // Stream offset of data() (decompressed offset for gzip input).
    uint64_t offset() const { return offset_; }
    const std::string& error() const { return input_->error(); }

private:
    Fill refill(std::size_t n);

    std::unique_ptr<ByteInput> input_;
    std::unique_ptr<uint8_t[]> buf_;
    std::size_t capacity_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    uint64_t offset_ = 0;
    bool ended_ = false;
    bool failed_ = false;
};

}  // namespace ms
