// The helper's two pipes as the reader sees them: its standard output is
// the pcapng byte stream; its standard error (messages) is drained while
// waiting for packet bytes, so the helper never blocks on a full pipe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

#include "capture/source/byte_input.hpp"

namespace ms {

class HelperMessages {
public:
    explicit HelperMessages(int fd) : fd_(fd) {}
    // One read(2) of whatever is there; false once the pipe has ended.
    bool read_some();
    void read_to_end();
    bool ended() const { return fd_ < 0; }
    int fd() const { return fd_; }
    // Copy new messages to our standard error from now on (and what has
    // been held back so far, once).
    void start_forwarding();
    std::string text() const;

private:
    void append(const char* p, std::size_t n);

    static constexpr std::size_t kMaxKept = 64 * 1024;
    int fd_;
    bool forwarding_ = false;
    mutable std::mutex mutex_;  // text() may be called from another thread
    std::string text_;
};

class HelperPipeInput final : public ByteInput {
public:
    // Neither descriptor is owned.
    HelperPipeInput(int stdout_fd, HelperMessages* messages) : fd_(stdout_fd), messages_(messages) {}
    int64_t read(uint8_t* dst, std::size_t n) override;
    const std::string& error() const override { return error_; }

private:
    int fd_;
    HelperMessages* messages_;
    std::string error_;
};

}  // namespace ms
