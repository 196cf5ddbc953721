// RFC 2047 encoded words in header text: "=?charset?B|Q?text?=" decoded to
// UTF-8. Whitespace between two adjacent encoded words is dropped; adjacent
// words in the same charset are decoded together, so a multibyte character
// split across two words comes out whole. Malformed words stay as written.
#pragma once

#include <string>
#include <string_view>

namespace ms::imf {

struct DecodedText {
    std::string text;        // UTF-8
    bool had_words = false;  // at least one encoded word was decoded
    bool malformed = false;  // a word was left raw (bad encoding, unknown charset)
};

DecodedText decode_encoded_words(std::string_view raw);

}  // namespace ms::imf
