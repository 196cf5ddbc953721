#include "capture/source/read_buffer.hpp"

#include <cstring>

namespace ms {

ReadBuffer::ReadBuffer(std::unique_ptr<ByteInput> input, std::size_t capacity)
    : input_(std::move(input)), buf_(new uint8_t[capacity]), capacity_(capacity) {}

ReadBuffer::Fill ReadBuffer::refill(std::size_t n) {
    if (failed_) return Fill::Failed;
    if (ended_) return Fill::End;
    std::size_t have = end_ - pos_;
    if (n > capacity_) {
        // A record bigger than the buffer: grow once to fit it (the caller
        // has already bounded n), keeping the unread bytes.
        std::size_t cap = capacity_ * 2 > n ? capacity_ * 2 : n;
        std::unique_ptr<uint8_t[]> bigger(new uint8_t[cap]);
        std::memcpy(bigger.get(), buf_.get() + pos_, have);
        buf_ = std::move(bigger);
        capacity_ = cap;
    } else if (pos_ > 0) {
        std::memmove(buf_.get(), buf_.get() + pos_, have);
    }
    pos_ = 0;
    end_ = have;
    while (end_ < n) {
        int64_t r = input_->read(buf_.get() + end_, capacity_ - end_);
        if (r < 0) {
            failed_ = true;
            return Fill::Failed;
        }
        if (r == 0) {
            ended_ = true;
            return Fill::End;
        }
        end_ += std::size_t(r);
    }
    return Fill::Ok;
}

ReadBuffer::Fill ReadBuffer::skip(uint64_t n) {
    while (n > 0) {
        if (available() == 0) {
            Fill f = refill(1);
            if (f != Fill::Ok) return f;
        }
        std::size_t k = available() < n ? available() : std::size_t(n);
        consume(k);
        n -= k;
    }
    return Fill::Ok;
}

}  // namespace ms
