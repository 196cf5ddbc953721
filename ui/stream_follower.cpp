#include "ui/stream_follower.hpp"

#include <cstdio>

#include "ui/capture_walk.hpp"

namespace ms::ui {

namespace {
std::string endpoint(const Address& a, uint16_t port) {
    std::string s = a.kind == Address::IPv6 ? "[" + a.to_string() + "]" : a.to_string();
    return s + ":" + std::to_string(port);
}
}  // namespace

void StreamFollower::on_segment(const PacketInfo& pi, uint64_t stream, Dir dir, uint32_t) {
    if (stream != out_.stream || seen_) return;
    seen_ = true;
    std::string a = endpoint(pi.net_src, pi.srcport), b = endpoint(pi.net_dst, pi.dstport);
    if (dir == Dir::ToServer) out_.client = a, out_.server = b;
    else out_.client = b, out_.server = a;
}

void StreamFollower::on_payload(const PacketInfo& pi, uint64_t stream, Dir dir, uint64_t,
                                std::span<const uint8_t> bytes) {
    if (stream != out_.stream || bytes.empty()) return;
    if (out_.client_bytes + out_.server_bytes + bytes.size() > FollowedStream::kMaxBytes) {
        out_.truncated = true;
        return;
    }
    bool server = dir == Dir::ToClient;
    (server ? out_.server_bytes : out_.client_bytes) += bytes.size();
    // Consecutive payload from the same side and frame is one chunk.
    if (!out_.chunks.empty() && out_.chunks.back().from_server == server && !out_.chunks.back().gap &&
        out_.chunks.back().frame == pi.number) {
        out_.chunks.back().bytes.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        return;
    }
    out_.chunks.push_back({server, pi.number, std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), false});
}

void StreamFollower::on_gap(uint64_t stream, Dir dir, uint64_t, uint64_t length) {
    if (stream != out_.stream || out_.chunks.size() > 1000000) return;
    out_.chunks.push_back({dir == Dir::ToClient, 0, "[" + std::to_string(length) + " bytes missing in capture file]", true});
}

bool follow_tcp_stream(const std::string& path, uint64_t stream, FollowedStream& out, std::string& error,
                       const WalkControl& control) {
    CaptureWalk walk;
    if (!walk.open(path, error)) return false;
    StreamFollower follower(stream);
    walk.pipeline().set_tcp_observer(&follower);
    walk.ctx().tree.keep_only({});
    bool cancelled = false;
    while (walk.next()) {
        if (control.should_stop(walk)) {
            cancelled = true;
            break;
        }
    }
    if (!cancelled) walk.finish();
    error = cancelled ? std::string("cancelled") : walk.error();
    out = std::move(follower.result());
    return error.empty();
}

std::string format_chunk(const StreamChunk& c, FollowFormat f, uint64_t offset) {
    static const char* hexd = "0123456789abcdef";
    std::string out;
    if (c.gap) return c.bytes + "\n";
    switch (f) {
        case FollowFormat::Ascii:
            for (unsigned char b : c.bytes)
                out += (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' ? char(b) : '.';
            // CRLF shows as one line break.
            {
                std::string t;
                t.reserve(out.size());
                for (std::size_t i = 0; i < out.size(); ++i)
                    if (!(out[i] == '\r' && i + 1 < out.size() && out[i + 1] == '\n')) t += out[i];
                out.swap(t);
            }
            if (out.empty() || out.back() != '\n') out += '\n';
            break;
        case FollowFormat::Raw:
            for (unsigned char b : c.bytes) out += hexd[b >> 4], out += hexd[b & 15];
            out += '\n';
            break;
        case FollowFormat::Hex:
            for (std::size_t i = 0; i < c.bytes.size(); i += 16) {
                char buf[24];
                std::snprintf(buf, sizeof buf, "%08llx  ", static_cast<unsigned long long>(offset + i));
                out += buf;
                std::size_t n = std::min<std::size_t>(16, c.bytes.size() - i);
                for (std::size_t k = 0; k < 16; ++k) {
                    if (k < n) {
                        unsigned char b = c.bytes[i + k];
                        out += hexd[b >> 4], out += hexd[b & 15], out += ' ';
                    } else {
                        out += "   ";
                    }
                    if (k == 7) out += ' ';
                }
                out += ' ';
                for (std::size_t k = 0; k < n; ++k) {
                    unsigned char b = c.bytes[i + k];
                    out += (b >= 0x20 && b < 0x7f) ? char(b) : '.';
                }
                out += '\n';
            }
            break;
    }
    return out;
}

}  // namespace ms::ui
