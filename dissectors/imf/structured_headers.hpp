// Small parsers for structured headers the tree lists item by item:
// message-id lists, tag=value lists (DKIM-Signature), Authentication-Results
// method results, Received-SPF results and List-* URIs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ms::imf {

// "<a@b> <c@d>" (Message-ID, In-Reply-To, References), comments skipped.
std::vector<std::string> parse_msg_ids(std::string_view value);

// "v=1; a=rsa-sha256; d=example.com" -> {{"v","1"},...}; whitespace removed
// from values (RFC 6376 section 3.2).
std::vector<std::pair<std::string, std::string>> parse_tag_list(std::string_view value);

struct AuthResults {
    std::string authserv_id;
    std::vector<std::string> results;  // "spf=pass smtp.mailfrom=x", one per method
};
AuthResults parse_authentication_results(std::string_view value);

// "pass (reason) client-ip=..." -> "pass".
std::string received_spf_result(std::string_view value);

// "<mailto:x>, <https://y>" -> URIs in order.
std::vector<std::string> parse_angle_uris(std::string_view value);

}  // namespace ms::imf
