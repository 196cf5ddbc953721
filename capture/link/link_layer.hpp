// The link and network layers of one frame: Ethernet II (802.3 shown and
// skipped), 802.1Q/802.1ad VLAN, Linux SLL/SLL2, BSD null/loopback, raw IP,
// then IPv4 (options) / IPv6 (extension headers) with fragment reassembly;
// TCP segments go on to the TcpLayer.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "capture/tcp/tcp_layer.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/limits.hpp"

namespace ms {

class LinkLayer {
public:
    LinkLayer(const Limits& limits, TcpLayer& tcp);
    ~LinkLayer();
    LinkLayer(const LinkLayer&) = delete;
    LinkLayer& operator=(const LinkLayer&) = delete;

    // Dissects the frame's bytes (source 0) for its pcap link type, adding
    // nodes under the tree's root and setting pinfo addresses and columns.
    void dissect(FrameContext& ctx, uint32_t linktype, std::span<const uint8_t> frame);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ms
