// Streaming gzip decompression (zlib inflate) in front of another input:
// memory use is fixed, whatever the file size. Concatenated members are
// read one after the other, as gzip(1) does.
#pragma once

#include <memory>
#include <string>

#include "capture/source/byte_input.hpp"

namespace ms {

class GzipInput final : public ByteInput {
public:
    // `path` names the file in messages.
    GzipInput(std::unique_ptr<ByteInput> compressed, std::string path);
    ~GzipInput() override;
    GzipInput(const GzipInput&) = delete;
    GzipInput& operator=(const GzipInput&) = delete;

    int64_t read(uint8_t* dst, std::size_t n) override;
    const std::string& error() const override { return error_; }

private:
    struct State;
    // Makes at least `want` compressed bytes available unless the input
    // ends first. False on a read failure.
    bool fill_input(std::size_t want);

    std::unique_ptr<ByteInput> compressed_;
    std::string path_;
    std::string error_;
    std::unique_ptr<State> st_;
};

}  // namespace ms
