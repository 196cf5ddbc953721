// Checks of a message's Received headers against the capture (RFC 5321
// section 4.4: each server prepends one, "from <client> by <itself>").
//
// - Any hop dated later than the frame that carried the message: Warning.
// - A message carried over SMTP: its topmost Received was added by the
//   client MTA (the receiving server has not added its own yet), so its
//   `by` host should be the name the client gave in HELO/EHLO (Note), and
//   its date should be shortly before the capture time (Note past an hour).
// - A message whose Message-ID was carried over SMTP earlier in the capture
//   (retrieved over POP3/IMAP, relayed again): the server of that session
//   added a Received describing it, and that header's `from` HELO name and
//   address must be what the session showed (Warning: how a forged Received
//   gives itself away), its `by` the server's own name (Note).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "received.hpp"
#include "imf_fields.hpp"
#include "wire_context.hpp"

namespace ms::imf {

// Hop dates may run ahead of the capture clock by this much (clock drift).
inline constexpr int64_t kReceivedFutureSlackNs = 5LL * 60 * 1'000'000'000;
// A topmost SMTP hop older than this before the capture gets a note.
inline constexpr int64_t kReceivedSkewNs = 3600LL * 1'000'000'000;

struct ReceivedFinding {
    std::size_t header_index = 0;  // 0 = the topmost Received header
    imf_experts::Expert expert;
    std::string text;
};

// `hops` in header order (topmost first).
std::vector<ReceivedFinding> check_received(const std::vector<ReceivedInfo>& hops, const WireContext& wire);

// Host names compared as DNS does (case, a trailing dot, [brackets] and an
// "IPv6:" tag of address literals ignored).
bool same_host(std::string_view a, std::string_view b);
// Addresses compared by value ("::ffff:10.0.0.1" equals "10.0.0.1");
// false when either does not parse.
bool same_ip(std::string_view a, std::string_view b);
bool ip_parses(std::string_view a);

}  // namespace ms::imf
