// Received trace fields (RFC 5321 section 4.4, RFC 5322 section 3.6.7):
// "from HELO (rDNS [IP]) by HOST via LINK with PROTO id ID for <ADDR>; DATE".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ms::imf {

struct ReceivedInfo {
    std::string from;      // the whole from clause, comment included
    std::string helo;      // the name the client gave
    std::string rdns;      // the name its address resolved to (from the comment)
    std::string ip;        // the address in [brackets]
    std::string by, via, with, id, for_addr;
    std::string date_text;
    std::optional<int64_t> date_ns;  // UTC
};

ReceivedInfo parse_received(std::string_view value);

}  // namespace ms::imf
