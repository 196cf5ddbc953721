// Limits for fuzzing: the defaults, or every bound shrunk so that a short
// input can reach the code that runs when a limit is hit.
#pragma once

#include "dissectors/core/limits.hpp"

namespace ms::fuzz {

inline Limits tiny_limits() {
    Limits l;
    l.tcp_max_ooo_bytes_per_flow = 2048;
    l.tcp_max_ooo_bytes_total = 8192;
    l.tcp_max_ooo_segments_per_flow = 8;
    l.tcp_max_flows = 4;
    l.ip_max_pending_datagrams = 3;
    l.ip_max_pending_bytes = 4096;
    l.max_line_length = 64;
    l.max_pipelined_commands = 4;
    l.mime_max_depth = 3;
    l.mime_max_parts = 8;
    l.imf_max_header_bytes = 256;
    l.max_decoded_bytes = 4096;
    return l;
}

inline Limits pick_limits(bool tiny) { return tiny ? tiny_limits() : Limits{}; }

}  // namespace ms::fuzz
