// The link-layer dissectors behind LinkLayer. Each takes the whole frame
// (source 0) and hands its payload to the ethertype dispatcher or straight
// to the network layer.
#pragma once

#include <cstdint>
#include <span>

#include "capture/net/net_layer.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms {

// Dissects the payload at `offset` by ethertype (VLAN tags, IPv4, IPv6, ARP,
// others as data). `vlan_depth` counts the tags already seen. Returns how
// many bytes from `offset` the upper layers claimed.
uint64_t dissect_ethertype(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame, uint64_t offset,
                           uint16_t type, unsigned vlan_depth);

void dissect_ethernet(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame);
void dissect_linux_sll(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame);
void dissect_linux_sll2(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame);
// DLT_NULL (host byte order family, either order accepted) or LINKTYPE_LOOP
// (network byte order).
void dissect_null(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame, bool network_order);

}  // namespace ms
