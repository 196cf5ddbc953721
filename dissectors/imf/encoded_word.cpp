#include "encoded_word.hpp"

#include <vector>

#include "dissectors/mime/base64_decoder.hpp"
#include "dissectors/mime/charset_converter.hpp"
#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
using namespace ms::mime;

struct Word {
    std::size_t begin, end;  // in the raw text, "=?" .. "?="
    std::string charset;     // lower case, language dropped
    std::string bytes;       // decoded octets, still in the charset
    bool ok;
};

// Parses an encoded word at raw[i] ("=?"); returns false if it is not one.
bool parse_word(std::string_view raw, std::size_t i, Word& w) {
    std::size_t q1 = raw.find('?', i + 2);
    if (q1 == std::string_view::npos) return false;
    std::size_t q2 = raw.find('?', q1 + 1);
    if (q2 == std::string_view::npos || q2 != q1 + 2) return false;
    std::size_t end = raw.find("?=", q2 + 1);
    if (end == std::string_view::npos) return false;
    std::string_view charset = raw.substr(i + 2, q1 - i - 2);
    std::string_view text = raw.substr(q2 + 1, end - q2 - 1);
    if (charset.empty()) return false;
    for (char c : charset)
        if (is_space(c)) return false;
    for (char c : text)
        if (is_space(c)) return false;  // an encoded word never holds whitespace
    w.begin = i;
    w.end = end + 2;
    if (auto star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);
    w.charset = to_lower(charset);
    char enc = ascii_lower(raw[q1 + 1]);
    w.ok = true;
    if (enc == 'b') {
        std::string buf(text.size(), '\0');
        std::size_t n = 0;
        w.ok = decode_base64_text({reinterpret_cast<const uint8_t*>(text.data()), text.size()},
                                  {reinterpret_cast<uint8_t*>(buf.data()), buf.size()}, n);
        buf.resize(n);
        w.bytes = std::move(buf);
    } else if (enc == 'q') {
        for (std::size_t k = 0; k < text.size(); ++k) {
            char c = text[k];
            if (c == '_') {
                w.bytes += ' ';
            } else if (c == '=') {
                int hi = k + 1 < text.size() ? hex_digit(text[k + 1]) : -1;
                int lo = k + 2 < text.size() ? hex_digit(text[k + 2]) : -1;
                if (hi < 0 || lo < 0) {
                    w.ok = false;
                    w.bytes += c;
                    continue;
                }
                w.bytes += char(hi << 4 | lo);
                k += 2;
            } else {
                w.bytes += c;
            }
        }
    } else {
        w.ok = false;
    }
    return true;
}
}  // namespace

DecodedText decode_encoded_words(std::string_view raw) {
    DecodedText out;
    std::string literal;  // raw text waiting to be appended
    std::string run;      // decoded bytes of adjacent words in one charset
    std::string run_charset;
    bool in_run = false;

    auto flush_run = [&] {
        if (!in_run) return;
        std::string utf8;
        if (!convert_to_utf8(run_charset, run, utf8)) out.malformed = true;
        out.text += utf8;
        run.clear();
        in_run = false;
    };
    auto flush_literal = [&] {
        out.text += sanitize_utf8(literal);
        literal.clear();
    };

    std::size_t i = 0;
    std::size_t last_word_end = std::string_view::npos;
    while (i < raw.size()) {
        std::size_t at = raw.find("=?", i);
        if (at == std::string_view::npos) break;
        Word w;
        if (!parse_word(raw, at, w)) {
            literal.append(raw.substr(i, at + 2 - i));
            i = at + 2;
            continue;
        }
        std::string_view between = raw.substr(i, at - i);
        bool only_ws = true;
        for (char c : between) only_ws = only_ws && is_space(c);
        bool adjacent = last_word_end == i && only_ws;
        if (!w.ok) {
            // Keep the bad word as written.
            flush_run();
            literal.append(between);
            literal.append(raw.substr(w.begin, w.end - w.begin));
            out.malformed = true;
            last_word_end = std::string_view::npos;
            i = w.end;
            continue;
        }
        if (adjacent && in_run && w.charset == run_charset) {
            run += w.bytes;  // same charset: decode together (split characters)
        } else {
            flush_run();
            if (!adjacent) literal.append(between);
            flush_literal();
            in_run = true;
            run_charset = w.charset;
            run = w.bytes;
        }
        out.had_words = true;
        last_word_end = w.end;
        i = w.end;
    }
    flush_run();
    literal.append(raw.substr(std::min(i, raw.size())));
    flush_literal();
    return out;
}

}  // namespace ms::imf
