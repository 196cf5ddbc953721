// One TCP connection (one tcp.stream): what the layer keeps between frames.
// Directions are indexed by node: 0 = the side that sent the connection's
// first segment (tshark's "Node 0"), 1 = the other side.
#pragma once

#include <cstdint>
#include <memory>

#include "capture/tcp/flow_key.hpp"
#include "capture/tcp/reassembler.hpp"
#include "capture/tcp/seq_analysis.hpp"
#include "dissectors/core/stream_dissector.hpp"

namespace ms {

struct Connection {
    enum class App : uint8_t { Undecided, None, Active, Skipped };

    FlowKey key;  // what the flow table compares against (its entries hold only hash and slot)
    std::unique_ptr<StreamDissector> app;
    SeqDirState seq[2];
    DirectionReassembler reasm[2];
    int64_t first_ts = 0, prev_ts = 0, syn_ts = 0, first_rtt = 0;
    uint32_t stream = 0;
    uint32_t lru_prev = 0, lru_next = 0;  // recency list (index + 1; 0 = none)
    uint16_t server_port = 0;
    uint8_t completeness = 0;
    bool a_is_node0 = true;     // endpoint A of the key sent the first segment
    bool syn_seen = false;
    int8_t server_node = -1;    // 0/1 once known, -1 unknown
    App app_state = App::Undecided;
    bool in_use = false;
    bool app_ended[2] = {false, false};
    bool closed_listed = false;  // on the layer's list of closed connections

    uint16_t port_of(int node) const {
        bool is_a = (node == 0) == a_is_node0;
        return is_a ? key.port_a : key.port_b;
    }
};

}  // namespace ms
