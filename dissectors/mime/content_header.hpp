// Content-Type and Content-Disposition values (RFC 2045 section 5.1, RFC
// 2183, RFC 2231): a value then ";"-separated parameters, read by a real
// tokenizer (tokens, quoted strings, comments), never by substring search, so
// `x="filename=wrong.txt"; filename=real.exe` names real.exe. RFC 2231
// continuations (name*0, name*1*) are joined in order and their charset'lang'
// %-encoding is decoded to UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ms::mime {

struct ContentParam {
    std::string name;     // lower case, without the RFC 2231 "*n*" suffixes
    std::string value;    // decoded, UTF-8
    std::string charset;  // from RFC 2231, if any
    std::string language;
};

struct ContentHeader {
    std::string value;  // lower case: "multipart/mixed", "attachment"
    std::string params_text;  // everything after the value, as written
    std::vector<ContentParam> params;
    bool malformed = false;

    const ContentParam* find(std::string_view name) const;
    std::string param(std::string_view name) const;  // "" when absent

    std::string_view type() const;     // "multipart" of "multipart/mixed"
    std::string_view subtype() const;  // "mixed"
};

ContentHeader parse_content_header(std::string_view raw);

}  // namespace ms::mime
