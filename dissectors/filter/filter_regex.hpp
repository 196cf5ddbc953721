// A compiled PCRE2 pattern for the "matches" operator: case-insensitive by
// default (as in Wireshark; "(?-i)" turns it off), UTF-8 aware, and tolerant
// of subjects that are not valid UTF-8 (packet bytes rarely are).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ms::filter {

class Regex {
public:
    // nullptr and the PCRE2 message on failure.
    static std::unique_ptr<Regex> compile(std::string_view pattern, std::string& error);
    ~Regex();
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    bool search(std::string_view subject) const;

private:
    Regex() = default;
    void* code_ = nullptr;        // pcre2_code*
    void* match_data_ = nullptr;  // pcre2_match_data*, reused by search()
};

}  // namespace ms::filter
