// Follow TCP Stream: one connection's payload in order, each chunk tagged
// with the side that sent it, collected by a pass over the file, then shown
// as ASCII, hex dump or raw hex. Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "capture/tcp/tcp_layer.hpp"
#include "ui/capture_walk.hpp"

namespace ms::ui {

struct StreamChunk {
    bool from_server = false;  // Node 1 (the side that did not send the first segment)
    uint64_t frame = 0;
    std::string bytes;         // payload, or the gap marker text
    bool gap = false;
};

struct FollowedStream {
    uint64_t stream = 0;
    std::string client, server;  // "addr:port" of Node 0 and Node 1
    std::vector<StreamChunk> chunks;
    uint64_t client_bytes = 0, server_bytes = 0;
    bool truncated = false;      // stopped at kMaxBytes
    static constexpr uint64_t kMaxBytes = 64u << 20;
};

class StreamFollower final : public TcpObserver {
public:
    explicit StreamFollower(uint64_t stream) { out_.stream = stream; }
    void on_segment(const PacketInfo& pinfo, uint64_t stream, Dir dir, uint32_t payload_len) override;
    void on_payload(const PacketInfo& pinfo, uint64_t stream, Dir dir, uint64_t stream_offset,
                    std::span<const uint8_t> bytes) override;
    void on_gap(uint64_t stream, Dir dir, uint64_t stream_offset, uint64_t length) override;
    FollowedStream& result() { return out_; }

private:
    FollowedStream out_;
    bool seen_ = false;
};

// Reads `path` and collects stream `stream`. false + error on a bad file
// or when `control` cancelled the walk (error "cancelled", `out` partial).
bool follow_tcp_stream(const std::string& path, uint64_t stream, FollowedStream& out, std::string& error,
                       const WalkControl& control = {});

enum class FollowFormat { Ascii, Hex, Raw };
// One chunk as text in the given format; `offset` is the sender's running
// byte offset (hex dump addresses).
std::string format_chunk(const StreamChunk& c, FollowFormat f, uint64_t offset);

}  // namespace ms::ui
