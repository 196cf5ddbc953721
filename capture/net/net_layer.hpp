// The network layer of one frame: IPv4 (options, fragments), IPv6 (extension
// headers, fragments), then TCP (handed to the TcpLayer) or a minimal UDP /
// ICMP view. Keeps the defragmentation state across frames.
#pragma once

#include <cstdint>
#include <span>

#include "capture/net/ip_defrag.hpp"
#include "capture/tcp/tcp_layer.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/limits.hpp"

namespace ms {

class NetLayer {
public:
    NetLayer(const Limits& limits, TcpLayer& tcp);

    // Each dissects the packet starting at `offset` in the frame (source 0)
    // and returns how many frame bytes the packet claims (header plus the
    // payload its length field announces, capped to what was captured), so
    // the link layer can show the rest as padding. 0 = nothing dissected.
    uint64_t dissect_ipv4(FrameContext& ctx, std::span<const uint8_t> frame, uint64_t offset);
    uint64_t dissect_ipv6(FrameContext& ctx, std::span<const uint8_t> frame, uint64_t offset);
    // Raw IP: IPv4 or IPv6 by the version nibble.
    uint64_t dissect_ip(FrameContext& ctx, std::span<const uint8_t> frame, uint64_t offset);

    const IpDefragmenter& ipv4_defragmenter() const { return v4_defrag_; }
    const IpDefragmenter& ipv6_defragmenter() const { return v6_defrag_; }

private:
    // Where a transport header sits and what the IP layer knew about it.
    struct Payload {
        uint8_t proto = 0;
        IpEndpoints endpoints;
        SourceId source = kFrameSource;
        std::span<const uint8_t> buf;  // the whole source
        uint64_t offset = 0;           // transport header start in buf
        uint64_t captured = 0;         // bytes present from offset
        uint64_t reported = 0;         // bytes the IP header announced
        uint8_t ttl = 0;
    };

    uint64_t ipv4(FrameContext& ctx, NodeRef parent, std::span<const uint8_t> buf, uint64_t offset,
                  bool quoted);
    void ipv4_options(FrameContext& ctx, NodeRef ip, std::span<const uint8_t> buf, uint64_t offset,
                      uint64_t length);
    // The IPv6 extension-header chain from `pos` up to `end`, then the transport.
    void ipv6_chain(FrameContext& ctx, NodeRef ip, Payload p, uint8_t nxt, uint64_t end, bool allow_fragment);
    void ipv6_options(FrameContext& ctx, NodeRef hdr, std::span<const uint8_t> buf, uint64_t offset,
                      uint64_t length, SourceId source);

    void transport(FrameContext& ctx, const Payload& p);
    void udp(FrameContext& ctx, const Payload& p);
    void icmp(FrameContext& ctx, const Payload& p);
    void icmpv6(FrameContext& ctx, const Payload& p);

    // Shows a completed datagram's fragment list (Wireshark's "[N IPv4 Fragments ...]").
    void fragment_tree(FrameContext& ctx, NodeRef ip, bool v6, const DefragResult& r, SourceId source);
    // Expert items for what the defragmenter reported about this fragment.
    void defrag_experts(FrameContext& ctx, NodeRef ip, bool v6, const DefragResult& r, ByteRange where);

    const Limits& limits_;
    TcpLayer& tcp_;
    IpDefragmenter v4_defrag_;
    IpDefragmenter v6_defrag_;
};

}  // namespace ms
