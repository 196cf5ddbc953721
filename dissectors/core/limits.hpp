// Every bound mailscope enforces on hostile input, in one value passed down
// (never a global). Each limit is a named preference (-o name:value) and is
// reported as an expert item where it applies.
#pragma once

#include <cstdint>

namespace ms {

struct Limits {
    // TCP reassembly
    uint64_t tcp_max_ooo_bytes_per_flow = 3u << 20;    // tcp.max_ooo_bytes_per_flow
    uint64_t tcp_max_ooo_bytes_total = 256u << 20;     // tcp.max_ooo_bytes_total
    uint32_t tcp_max_ooo_segments_per_flow = 1024;     // tcp.max_ooo_segments_per_flow
    // ~450 bytes per live flow: 250,000 keep a SYN flood under 256 MiB RSS.
    uint64_t tcp_max_flows = 250'000;                  // tcp.max_flows
    // A connection closed in both directions is forgotten this many seconds
    // (capture time) after its last segment, so memory follows the open
    // connections, not every one ever seen. 0 = keep them all, as tshark.
    uint64_t tcp_closed_linger_s = 120;                // tcp.closed_linger
    // IP fragments
    uint32_t ip_max_pending_datagrams = 4096;          // ip.max_pending_datagrams
    uint64_t ip_max_pending_bytes = 64u << 20;         // ip.max_pending_bytes
    // Line-based protocols
    uint32_t max_line_length = 4096;                   // mail.max_line_length
    uint32_t max_pipelined_commands = 1000;            // mail.max_pipelined_commands
    // Messages
    uint32_t mime_max_depth = 100;                     // mime.max_depth
    uint32_t mime_max_parts = 10000;                   // mime.max_parts
    uint64_t imf_max_header_bytes = 65536;             // imf.max_header_bytes
    uint64_t max_decoded_bytes = 64u << 20;            // mime.max_decoded_bytes
};

}  // namespace ms
