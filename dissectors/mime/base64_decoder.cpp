#include "base64_decoder.hpp"

namespace ms::mime {

namespace {
// -1 = not in the alphabet, -2 = whitespace, -3 = padding.
struct Base64Table {
    int8_t v[256];
    constexpr Base64Table() : v() {
        for (int i = 0; i < 256; ++i) v[i] = -1;
        const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) v[static_cast<uint8_t>(a[i])] = static_cast<int8_t>(i);
        v[' '] = v['\t'] = v['\r'] = v['\n'] = v['\f'] = v['\v'] = -2;
        v['='] = -3;
    }
};
constexpr Base64Table kTable;

void emit_quantum(uint32_t bits, unsigned count, OutputBuffer& out) {
    // count sextets -> count*6/8 whole bytes.
    if (count == 4) {
        out.put(uint8_t(bits >> 16));
        out.put(uint8_t(bits >> 8));
        out.put(uint8_t(bits));
    } else if (count == 3) {
        bits <<= 6;
        out.put(uint8_t(bits >> 16));
        out.put(uint8_t(bits >> 8));
    } else if (count == 2) {
        bits <<= 12;
        out.put(uint8_t(bits >> 16));
    }
}
}  // namespace

void Base64Decoder::feed(std::span<const uint8_t> in, DecodedOutput& sink) {
    OutputBuffer out(sink);
    for (uint8_t c : in) {
        int v = kTable.v[c];
        if (v >= 0) {
            if (padded_) {
                // Data after padding: a second encoding glued on. Decode it
                // too, but say the padding was odd.
                padded_ = false;
                bad_padding_ = true;
            }
            bits_ = bits_ << 6 | uint32_t(v);
            if (++count_ == 4) {
                emit_quantum(bits_, 4, out);
                bits_ = 0;
                count_ = 0;
            }
        } else if (v == -3) {
            if (count_ >= 2) emit_quantum(bits_, count_, out);
            else if (count_ == 1) bad_padding_ = true;
            bits_ = 0;
            count_ = 0;
            padded_ = true;
        } else if (v == -1) {
            ++invalid_;
        }
    }
}

void Base64Decoder::finish(DecodedOutput& sink) {
    OutputBuffer out(sink);
    if (count_ == 1) bad_padding_ = true;
    else if (count_ >= 2) emit_quantum(bits_, count_, out);
    bits_ = 0;
    count_ = 0;
}

bool decode_base64_text(std::span<const uint8_t> in, std::span<uint8_t> out_buf, std::size_t& out_len) {
    out_len = 0;
    uint32_t bits = 0;
    unsigned count = 0;
    bool padded = false;
    auto put = [&](uint8_t b) {
        if (out_len < out_buf.size()) out_buf[out_len++] = b;
    };
    for (uint8_t c : in) {
        int v = kTable.v[c];
        if (v >= 0) {
            if (padded) return false;
            bits = bits << 6 | uint32_t(v);
            if (++count == 4) {
                put(uint8_t(bits >> 16)), put(uint8_t(bits >> 8)), put(uint8_t(bits));
                bits = 0, count = 0;
            }
        } else if (v == -3) {
            padded = true;
        } else {
            return false;
        }
    }
    if (count == 1) return false;
    if (count == 2) put(uint8_t(bits >> 4));
    if (count == 3) put(uint8_t(bits >> 10)), put(uint8_t(bits >> 2));
    return true;
}

}  // namespace ms::mime
