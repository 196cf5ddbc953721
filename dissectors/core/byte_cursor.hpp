// Bounds-checked big-endian reads over a span. Every read says whether the
// bytes were there; nothing reads past the end, whatever a length field says.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

namespace ms {

inline uint16_t load_be16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t load_be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
inline uint16_t load_le16(const uint8_t* p) { return uint16_t(p[1] << 8 | p[0]); }
inline uint32_t load_le32(const uint8_t* p) {
    return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}
inline uint64_t load_le64(const uint8_t* p) { return uint64_t(load_le32(p + 4)) << 32 | load_le32(p); }
inline uint64_t load_be64(const uint8_t* p) { return uint64_t(load_be32(p)) << 32 | load_be32(p + 4); }

class ByteCursor {
public:
    ByteCursor() = default;
    explicit ByteCursor(std::span<const uint8_t> data) : data_(data) {}

    std::size_t size() const { return data_.size(); }
    std::size_t remaining(std::size_t at) const { return at < data_.size() ? data_.size() - at : 0; }
    bool has(std::size_t at, std::size_t n) const { return at <= data_.size() && n <= data_.size() - at; }
    const uint8_t* ptr(std::size_t at) const { return data_.data() + at; }
    std::span<const uint8_t> span() const { return data_; }
    std::span<const uint8_t> sub(std::size_t at, std::size_t n) const {
        if (at > data_.size()) return {};
        return data_.subspan(at, n < data_.size() - at ? n : data_.size() - at);
    }

    bool u8(std::size_t at, uint8_t& v) const { return has(at, 1) ? (v = data_[at], true) : false; }
    bool be16(std::size_t at, uint16_t& v) const { return has(at, 2) ? (v = load_be16(ptr(at)), true) : false; }
    bool be32(std::size_t at, uint32_t& v) const { return has(at, 4) ? (v = load_be32(ptr(at)), true) : false; }
    bool le16(std::size_t at, uint16_t& v) const { return has(at, 2) ? (v = load_le16(ptr(at)), true) : false; }
    bool le32(std::size_t at, uint32_t& v) const { return has(at, 4) ? (v = load_le32(ptr(at)), true) : false; }

private:
    std::span<const uint8_t> data_;
};

}  // namespace ms
