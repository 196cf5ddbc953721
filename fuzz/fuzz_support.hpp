// Helpers shared by the libFuzzer targets: reading the fuzzer's bytes as a
// small script, copying each piece into its own heap block (so ASan sees a
// read one byte past a piece), touching every node of a tree the way -V
// and -T fields would, and handing bytes to code that wants a file path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "dissectors/core/frame_context.hpp"

namespace ms::fuzz {

// Reads the fuzzer's input front to back; past the end every read is 0 / empty.
class InputScript {
public:
    InputScript(const uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }
    std::size_t remaining() const { return size_ - pos_; }
    uint8_t u8();
    uint16_t u16();  // little-endian
    // Up to n bytes (fewer at the end).
    std::span<const uint8_t> take(std::size_t n);
    std::span<const uint8_t> rest() { return take(remaining()); }

private:
    const uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// A copy of some bytes in a heap block of exactly that size: reading one
// byte past the end is a heap-buffer-overflow ASan reports.
class ExactBuffer {
public:
    explicit ExactBuffer(std::span<const uint8_t> bytes);
    std::span<const uint8_t> span() const { return {ptr_.get(), size_}; }

private:
    std::unique_ptr<uint8_t[]> ptr_;
    std::size_t size_;
};

// Formats every stored node's label and value text, walks parents and
// children, and checks that each byte range lies inside its data source
// (a range past its source is a bug the hex pane would turn into a crash).
void exercise_tree(const FrameContext& ctx);

// Calls ms::register_all() once.
void register_everything();

// Bytes behind a path that open() accepts, without touching the disk: an
// anonymous memory file (memfd) reached through /proc/self/fd/N.
class MemoryFile {
public:
    explicit MemoryFile(std::span<const uint8_t> bytes);
    ~MemoryFile();
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    bool ok() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace ms::fuzz
