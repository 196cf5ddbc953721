#include "uu_decoder.hpp"

namespace ms::mime {

namespace {
// uuencoded lines are at most 61 characters; anything far longer is not one.
constexpr std::size_t kMaxUuLine = 1024;
uint8_t uu_value(char c) { return uint8_t((c - 0x20) & 0x3f); }
}  // namespace

void UuDecoder::content(std::span<const uint8_t> in) {
    for (uint8_t c : in) {
        if (line_.size() < kMaxUuLine) line_ += char(c);
        else line_too_long_ = true;
    }
}

void UuDecoder::decode_line(OutputBuffer& out) {
    std::string_view line = line_;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    switch (state_) {
        case State::BeforeBegin:
            if (line.substr(0, 6) == "begin ") {
                state_ = State::Data;
                auto rest = line.substr(6);
                auto sp = rest.find(' ');  // mode, then the name
                if (sp != std::string_view::npos) filename_ = std::string(rest.substr(sp + 1));
            }
            return;
        case State::AfterEnd: return;
        case State::Data: break;
    }
    if (line == "end") {
        state_ = State::AfterEnd;
        return;
    }
    if (line.empty()) return;
    if (line_too_long_) {
        ++invalid_;
        return;
    }
    unsigned n = uu_value(line[0]);
    std::size_t i = 1;
    unsigned produced = 0;
    while (produced < n) {
        char q[4];
        for (int k = 0; k < 4; ++k) q[k] = i + k < line.size() ? line[i + k] : '`';
        i += 4;
        uint8_t b[3] = {uint8_t(uu_value(q[0]) << 2 | uu_value(q[1]) >> 4),
                        uint8_t(uu_value(q[1]) << 4 | uu_value(q[2]) >> 2),
                        uint8_t(uu_value(q[2]) << 6 | uu_value(q[3]))};
        for (int k = 0; k < 3 && produced < n; ++k, ++produced) out.put(b[k]);
    }
    if (i > line.size() + 3) ++invalid_;  // the length said more than the line held
}

void UuDecoder::line_end(DecodedOutput& sink) {
    OutputBuffer out(sink);
    decode_line(out);
    line_.clear();
    line_too_long_ = false;
}

void UuDecoder::finish(DecodedOutput& sink) {
    if (!line_.empty()) line_end(sink);
}

}  // namespace ms::mime
