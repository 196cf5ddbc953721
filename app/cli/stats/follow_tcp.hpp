// -z follow,tcp,ascii|hex|raw,N: one TCP stream's payload in tshark's exact
// text layouts, from the reassembled bytes as the dissectors saw them.
#pragma once

#include <string>
#include <vector>

#include "capture/tcp/tcp_layer.hpp"

namespace ms::cli {

class FollowTcp : public TcpObserver {
public:
    enum class Mode { Ascii, Hex, Raw };
    // Parses "follow,tcp,MODE,N"; false when the argument is not one.
    static bool parse(const std::string& arg, Mode& mode, uint64_t& stream);
    FollowTcp(Mode mode, uint64_t stream) : mode_(mode), stream_(stream) {}

    void on_segment(const PacketInfo& pinfo, uint64_t stream, Dir dir, uint32_t payload_len) override;
    void on_payload(const PacketInfo& pinfo, uint64_t stream, Dir dir, uint64_t stream_offset,
                    std::span<const uint8_t> bytes) override;
    // tshark writes a marker chunk where the capture lost bytes.
    void on_gap(uint64_t stream, Dir dir, uint64_t stream_offset, uint64_t length) override;
    void print(std::string& out) const;

private:
    struct Chunk {
        Dir dir;
        std::string bytes;
    };
    Mode mode_;
    uint64_t stream_;
    bool seen_ = false;
    std::string node[2];
    std::vector<Chunk> chunks_;
};

}  // namespace ms::cli
