// Turns one analysed TCP segment into tree nodes and the Info column, laid
// out as tshark -V prints them. No connection state lives here.
#pragma once

#include <cstdint>
#include <span>

#include "capture/tcp/seq_analysis.hpp"
#include "capture/tcp/tcp_header.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms {

struct TcpSegmentView {
    const TcpHeader* h = nullptr;
    const TcpOptionSummary* opts = nullptr;
    std::span<const uint8_t> segment;  // header + captured payload
    SourceId source = kFrameSource;
    uint32_t offset = 0;               // of the header in the source

    bool have_seglen = false;
    uint32_t seglen = 0;
    uint32_t stream = 0;
    uint8_t completeness = 0;
    uint32_t rel_seq = 0, rel_ack = 0, nxtseq = 0;
    uint32_t ack_base = 0;             // peer's base, for relative SACK edges
    uint32_t window = 0;               // scaled
    int32_t scale_factor = -1;         // -1 unknown, -2 none, else multiplier
    int64_t time_relative = 0, time_delta = 0;
    const SeqResult* ta = nullptr;     // null when the analysis did not run
    int64_t first_rtt = 0;
    bool fin_active = false;
    uint16_t server_port_for_syn = 0;
};

// Adds the "tcp" subtree under parent and returns it; sets protocol and info.
NodeRef add_tcp_tree(FrameContext& ctx, NodeRef parent, const TcpSegmentView& v);

// tshark's "Conversation completeness" text ("Incomplete, DATA").
const char* completeness_text(uint8_t c);

}  // namespace ms
