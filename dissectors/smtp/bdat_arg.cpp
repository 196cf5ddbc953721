#include "bdat_arg.hpp"

#include "dissectors/core/ascii.hpp"

namespace ms::smtp {

namespace {
bool blank(char c) { return c == ' ' || c == '\t'; }
std::string_view next_token(std::string_view s, std::size_t& at) {
    while (at < s.size() && blank(s[at])) ++at;
    std::size_t start = at;
    while (at < s.size() && !blank(s[at])) ++at;
    return s.substr(start, at - start);
}
}  // namespace

BdatArg parse_bdat_arg(std::string_view arg) {
    BdatArg r;
    std::size_t at = 0;
    std::string_view size = next_token(arg, at);
    if (size.empty() || iequals(size, "LAST")) {
        r.error = BdatError::MissingSize;
        return r;
    }
    if (size[0] == '-') {
        r.error = BdatError::Negative;
        return r;
    }
    uint64_t v = 0;
    for (char c : size) {
        if (c < '0' || c > '9') {
            r.error = BdatError::NotNumeric;
            return r;
        }
        const uint64_t d = uint64_t(c - '0');
        // Stop before anything past 2^63 (and so before wrapping 2^64).
        if (v > (kMaxBdatSize - d) / 10) {
            r.error = BdatError::TooLarge;
            return r;
        }
        v = v * 10 + d;
    }
    r.size = v;
    std::string_view marker = next_token(arg, at);
    if (!marker.empty()) {
        if (!iequals(marker, "LAST")) {
            r.error = BdatError::ExtraTokens;
            return r;
        }
        r.last = true;
    }
    if (!next_token(arg, at).empty()) r.error = BdatError::ExtraTokens;
    return r;
}

const char* bdat_error_text(BdatError e) {
    switch (e) {
        case BdatError::None: return "valid";
        case BdatError::MissingSize: return "chunk size missing";
        case BdatError::NotNumeric: return "chunk size is not a number";
        case BdatError::Negative: return "negative chunk size";
        case BdatError::TooLarge: return "chunk size larger than 2^63";
        case BdatError::ExtraTokens: return "unexpected text after the chunk size";
    }
    return "?";
}

}  // namespace ms::smtp
