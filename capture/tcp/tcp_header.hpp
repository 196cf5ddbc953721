// The fixed TCP header and its options, read from a span with bounds checks.
// Pure functions: no connection state, no tree.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ms {

namespace tcp_flag {
inline constexpr uint16_t kFin = 0x001, kSyn = 0x002, kRst = 0x004, kPsh = 0x008, kAck = 0x010,
                          kUrg = 0x020, kEce = 0x040, kCwr = 0x080, kAe = 0x100, kRes = 0xe00;
}

struct TcpHeader {
    uint16_t sport = 0, dport = 0;
    uint32_t seq = 0, ack = 0;
    uint8_t hlen = 0;       // header length in bytes (data offset * 4)
    uint16_t flags = 0;     // the 12 flag bits
    uint16_t window = 0;    // as sent (unscaled)
    uint16_t checksum = 0;
    uint16_t urgent = 0;
};

// Reads the 20-byte fixed header; false when fewer than 20 bytes are present.
bool parse_tcp_header(std::span<const uint8_t> seg, TcpHeader& h);

// One option as found in the option bytes (offsets relative to the options).
struct TcpOption {
    uint8_t kind = 0;
    uint8_t len = 0;        // the length byte (1 for EOL/NOP, which have none)
    uint8_t offset = 0;     // where the kind byte is
    bool truncated = false; // length byte missing or running past the options
};

// What the analysis and the Info column need from the options.
struct TcpOptionSummary {
    TcpOption list[40];
    uint8_t count = 0;
    bool has_mss = false, has_wscale = false, sack_perm = false, has_ts = false;
    uint16_t mss = 0;
    uint8_t wscale_shift = 0;  // as sent (may exceed 14)
    uint32_t tsval = 0, tsecr = 0;
    uint8_t sack_count = 0;
    uint32_t sack_le[4] = {}, sack_re[4] = {};
};

// Walks the option bytes. Every byte is accounted for: an option whose
// length is bad ends the walk with a truncated entry.
void parse_tcp_options(std::span<const uint8_t> opts, TcpOptionSummary& out);

// "SYN, ACK" (tshark's order, lowest bit first); "<None>" when no flag is set.
void append_flag_names(std::string& out, uint16_t flags);
// The 12-character "·······AP···" form (U+00B7 for unset bits).
std::string flag_letters(uint16_t flags);

}  // namespace ms
