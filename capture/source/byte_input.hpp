// Where a reader's bytes come from: a file or standard input, possibly
// through a decompressor. Readers see one sequential stream of bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ms {

class ByteInput {
public:
    virtual ~ByteInput() = default;
    // Reads up to n bytes into dst. Returns the count read, 0 at the end of
    // the input, or -1 on failure (error() then holds a one-line message).
    virtual int64_t read(uint8_t* dst, std::size_t n) = 0;
    virtual const std::string& error() const = 0;
};

// A file descriptor read with plain read(2); "-" is standard input.
class FileInput final : public ByteInput {
public:
    // Null on failure, with `error` set (tshark's wording).
    static std::unique_ptr<FileInput> open(const std::string& path, std::string& error);
    ~FileInput() override;
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;

    int64_t read(uint8_t* dst, std::size_t n) override;
    const std::string& error() const override { return error_; }

    // Looks at the next n (<= kMaxPeek) bytes without consuming them, so a
    // decompressor can be chosen by magic even on a pipe. Returns how many
    // were there (fewer only at the end), or -1 on failure.
    static constexpr std::size_t kMaxPeek = 16;
    int64_t peek(uint8_t* dst, std::size_t n);

private:
    FileInput(int fd, bool owns_fd, std::string path);
    int64_t read_fd(uint8_t* dst, std::size_t n);

    int fd_;
    bool owns_fd_;
    std::string path_;
    std::string error_;
    uint8_t pushback_[kMaxPeek] = {};
    std::size_t pushback_pos_ = 0;
    std::size_t pushback_len_ = 0;
};

}  // namespace ms
