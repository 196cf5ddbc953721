// Shared pieces of the live-capture tests: where the helper is, loopback TCP
// traffic on 127.0.0.1 (bounded: a few lines, then close), and reading a
// capture file back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "capture/live/helper_process.hpp"

namespace ms::test {

std::string capture_helper_path();

// A TCP listener on 127.0.0.1 with a free port.
class LoopbackListener {
public:
    LoopbackListener();
    ~LoopbackListener();
    uint16_t port() const { return port_; }
    bool ok() const { return fd_ >= 0; }
    // Connects, sends `lines` lines "mailscope-live-test line N\n" (N from
    // 1), each padded to `line_bytes`, with `gap_ms` between, reads them on
    // the accepting side, and closes both ends. False on any failure.
    bool exchange(int lines, int line_bytes = 0, int gap_ms = 10);

private:
    int fd_ = -1;
    uint16_t port_ = 0;
};

std::string test_line(int n);

// Reads the helper's stderr until it contains `needle` or `timeout_ms`
// passes; returns what was read.
std::string read_until(int fd, const std::string& needle, int timeout_ms);

struct ReadBack {
    std::string error;  // empty when the whole file read cleanly
    std::string format;
    uint64_t frames = 0;
    std::string all_bytes;  // every frame's bytes, concatenated
    std::vector<std::string> interface_names;
};
ReadBack read_capture(const std::filesystem::path& file);

// A fresh empty folder under the system temp dir, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace ms::test

// Capturing needs root here (the build tree's helper has no capabilities).
#define MS_REQUIRE_ROOT()                                                                         \
    do {                                                                                          \
        if (::geteuid() != 0) GTEST_SKIP() << "capturing needs root (or a helper with setcap); skipping"; \
    } while (0)
