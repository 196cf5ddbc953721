// TCP: decodes each segment into tcp.* fields (Wireshark's names), keeps one
// connection per tcp.stream, runs SEQ/ACK analysis, reassembles each
// direction byte-exactly and hands ordered data and explicit gaps to the
// application dissector chosen through the DissectorTable.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/limits.hpp"
#include "dissectors/core/stream_dissector.hpp"

namespace ms {

// What the network layer tells TCP about the segment it carries.
struct IpEndpoints {
    Address src, dst;          // kind IPv4 or IPv6
    uint8_t ip_version = 4;
};

// Taps for statistics and Follow Stream (-z conv,tcp / follow,tcp): called
// for every TCP segment and for every piece of reassembled payload.
class TcpObserver {
public:
    virtual ~TcpObserver() = default;
    // Every segment, after stream numbering. `dir` ToServer = same direction
    // as the connection's first segment (tshark's "Node 0" side).
    virtual void on_segment(const PacketInfo& pinfo, uint64_t stream, Dir dir,
                            uint32_t payload_len) {}
    // In-order payload as delivered to the application layer.
    virtual void on_payload(const PacketInfo& pinfo, uint64_t stream, Dir dir,
                            uint64_t stream_offset, std::span<const uint8_t> bytes) {}
    virtual void on_gap(uint64_t stream, Dir dir, uint64_t stream_offset, uint64_t length) {}
};

class TcpLayer {
public:
    explicit TcpLayer(const Limits& limits);
    ~TcpLayer();
    TcpLayer(const TcpLayer&) = delete;
    TcpLayer& operator=(const TcpLayer&) = delete;

    void set_observer(TcpObserver* obs);

    // One TCP segment. `segment` is the TCP header and payload as present in
    // `source` starting at `offset` (source 0 = the frame; a reassembled IP
    // datagram has its own source). `reported_len` is the length the IP
    // header announced (may exceed segment.size() when snaplen cut it).
    void dissect(FrameContext& ctx, NodeRef parent, const IpEndpoints& ip,
                 std::span<const uint8_t> segment, SourceId source, uint32_t offset,
                 uint32_t reported_len);

    // Formats the Info column of the current frame's segment when dissect()
    // deferred it (FrameContext::defer_transport_info) and nothing above
    // TCP wrote Info.
    void complete_columns(FrameContext& ctx);

    // End of capture: flush every direction (pending data as gaps, on_end).
    void finish(FrameContext& ctx);

    uint64_t stream_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ms
