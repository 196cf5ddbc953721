// Text in any charset glibc's iconv knows, converted to UTF-8 incrementally:
// a multibyte character split between two feeds is completed by the next
// one, invalid sequences become U+FFFD, and output stops at a byte cap.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ms::mime {

class CharsetConverter {
public:
    CharsetConverter() = default;
    ~CharsetConverter();
    CharsetConverter(const CharsetConverter&) = delete;
    CharsetConverter& operator=(const CharsetConverter&) = delete;

    // False when iconv does not know the charset; the converter then treats
    // the input as UTF-8 (invalid bytes as Latin-1 would be wrong for a
    // declared charset, so they become U+FFFD).
    bool open(std::string_view charset);
    // Appends the UTF-8 of `in` to out, never letting out grow past cap.
    void feed(std::span<const uint8_t> in, std::string& out, std::size_t cap);
    // Flushes an incomplete tail (as U+FFFD) and any shift state.
    void finish(std::string& out, std::size_t cap);
    bool had_errors() const { return errors_ != 0; }
    bool known() const { return known_; }

private:
    void convert(const char* in, std::size_t len, std::string& out, std::size_t cap, bool final);
    void* cd_ = nullptr;  // iconv_t
    bool known_ = false;
    uint64_t errors_ = 0;
    std::string pending_;  // an incomplete multibyte sequence (a few bytes)
};

// Converts a whole string (encoded words, RFC 2231 values); false when the
// charset is unknown or the bytes were invalid (out still holds a best effort).
bool convert_to_utf8(std::string_view charset, std::string_view in, std::string& out);

// True for the names that mean plain UTF-8 or its ASCII subset.
bool is_utf8_compatible(std::string_view charset);

}  // namespace ms::mime
