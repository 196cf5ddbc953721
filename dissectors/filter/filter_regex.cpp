#define PCRE2_CODE_UNIT_WIDTH 8
#include "dissectors/filter/filter_regex.hpp"

#include <pcre2.h>

namespace ms::filter {

std::unique_ptr<Regex> Regex::compile(std::string_view pattern, std::string& error) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    uint32_t options = PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &code,
                                   &offset, nullptr);
    if (!re) {
        PCRE2_UCHAR buf[256];
        int n = pcre2_get_error_message(code, buf, sizeof buf);
        error = n > 0 ? std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n)) : "unknown error";
        return nullptr;
    }
    // JIT makes matching much faster where it is available; failure is fine.
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    std::unique_ptr<Regex> r(new Regex);
    r->code_ = re;
    r->match_data_ = pcre2_match_data_create_from_pattern(re, nullptr);
    if (!r->match_data_) {
        error = "out of memory";
        return nullptr;
    }
    return r;
}

Regex::~Regex() {
    if (match_data_) pcre2_match_data_free(static_cast<pcre2_match_data*>(match_data_));
    if (code_) pcre2_code_free(static_cast<pcre2_code*>(code_));
}

bool Regex::search(std::string_view subject) const {
    const char* p = subject.data() ? subject.data() : "";
    int rc = pcre2_match(static_cast<const pcre2_code*>(code_), reinterpret_cast<PCRE2_SPTR>(p), subject.size(), 0, 0,
                         static_cast<pcre2_match_data*>(match_data_), nullptr);
    return rc >= 0;
}

}  // namespace ms::filter
