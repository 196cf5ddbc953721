// Where the streaming transfer decoders (base64, quoted-printable, uuencode)
// put their output: one interface, so a decoder never buffers a whole body.
#pragma once

#include <cstdint>
#include <span>

namespace ms::mime {

class DecodedOutput {
public:
    virtual ~DecodedOutput() = default;
    virtual void write(std::span<const uint8_t> bytes) = 0;
};

// Collects output in a small stack buffer and hands it on in chunks, so the
// decoders can emit byte by byte without a virtual call per byte.
class OutputBuffer {
public:
    explicit OutputBuffer(DecodedOutput& out) : out_(out) {}
    ~OutputBuffer() { flush(); }
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;

    void put(uint8_t b) {
        buf_[n_++] = b;
        if (n_ == sizeof buf_) flush();
    }
    void put(std::span<const uint8_t> bytes) {
        for (uint8_t b : bytes) put(b);
    }
    void flush() {
        if (n_) out_.write(std::span<const uint8_t>(buf_, n_));
        n_ = 0;
    }

private:
    DecodedOutput& out_;
    uint8_t buf_[4096];
    std::size_t n_ = 0;
};

}  // namespace ms::mime
