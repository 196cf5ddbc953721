// Streaming uuencode (Content-Transfer-Encoding: x-uuencode): "begin MODE
// NAME", length-prefixed lines of 4-for-3 characters, "end". Only one line
// is held at a time, bounded.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "decoded_output.hpp"

namespace ms::mime {

class UuDecoder {
public:
    void content(std::span<const uint8_t> in);
    void line_end(DecodedOutput& out);
    void finish(DecodedOutput& out);

    const std::string& filename() const { return filename_; }
    uint64_t invalid_lines() const { return invalid_; }
    bool saw_begin() const { return state_ != State::BeforeBegin; }

private:
    void decode_line(OutputBuffer& out);
    enum class State : uint8_t { BeforeBegin, Data, AfterEnd };
    State state_ = State::BeforeBegin;
    std::string line_;
    bool line_too_long_ = false;
    std::string filename_;
    uint64_t invalid_ = 0;
};

}  // namespace ms::mime
