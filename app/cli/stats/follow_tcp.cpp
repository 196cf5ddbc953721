#include "app/cli/stats/follow_tcp.hpp"

#include <cstdio>
#include <cstdlib>

namespace ms::cli {

namespace {
const char kRule[] = "===================================================================\n";

std::string endpoint(const Address& a, uint16_t port) {
    std::string s = a.kind == Address::IPv6 ? "[" + a.to_string() + "]" : a.to_string();
    return s + ":" + std::to_string(port);
}
}  // namespace

bool FollowTcp::parse(const std::string& arg, Mode& mode, uint64_t& stream) {
    const std::string prefix = "follow,tcp,";
    if (arg.rfind(prefix, 0) != 0) return false;
    std::string rest = arg.substr(prefix.size());
    auto comma = rest.find(',');
    if (comma == std::string::npos) return false;
    std::string m = rest.substr(0, comma), n = rest.substr(comma + 1);
    if (m == "ascii") mode = Mode::Ascii;
    else if (m == "hex") mode = Mode::Hex;
    else if (m == "raw") mode = Mode::Raw;
    else return false;
    char* end = nullptr;
    stream = std::strtoull(n.c_str(), &end, 10);
    return !n.empty() && *end == 0;
}

void FollowTcp::on_segment(const PacketInfo& pi, uint64_t stream, Dir dir, uint32_t) {
    if (stream != stream_ || seen_) return;
    seen_ = true;
    // Node 0 is the side that sent the stream's first segment.
    std::string a = endpoint(pi.net_src, pi.srcport), b = endpoint(pi.net_dst, pi.dstport);
    if (dir == Dir::ToServer) node[0] = a, node[1] = b;
    else node[0] = b, node[1] = a;
}

void FollowTcp::on_payload(const PacketInfo&, uint64_t stream, Dir dir, uint64_t, std::span<const uint8_t> bytes) {
    if (stream != stream_ || bytes.empty()) return;
    chunks_.push_back({dir, std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size())});
}

void FollowTcp::on_gap(uint64_t stream, Dir dir, uint64_t, uint64_t length) {
    if (stream != stream_) return;
    std::string marker = "[" + std::to_string(length) + " bytes missing in capture file]";
    marker += '\0';  // tshark includes the C string's terminator
    chunks_.push_back({dir, std::move(marker)});
}

void FollowTcp::print(std::string& out) const {
    static const char* hexd = "0123456789abcdef";
    out += '\n';
    out += kRule;
    out += "Follow: tcp,";
    out += mode_ == Mode::Ascii ? "ascii" : mode_ == Mode::Hex ? "hex" : "raw";
    out += "\nFilter: tcp.stream eq " + std::to_string(stream_) + "\n";
    out += "Node 0: " + node[0] + "\n";
    out += "Node 1: " + node[1] + "\n";
    uint64_t offset[2] = {0, 0};
    for (const auto& c : chunks_) {
        bool server = c.dir == Dir::ToClient;
        switch (mode_) {
            case Mode::Raw:
                if (server) out += '\t';
                for (unsigned char b : c.bytes) {
                    out += hexd[b >> 4];
                    out += hexd[b & 15];
                }
                out += '\n';
                break;
            case Mode::Ascii:
                if (server) out += '\t';
                out += std::to_string(c.bytes.size());
                out += '\n';
                for (unsigned char b : c.bytes)
                    out += (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t' ? char(b) : '.';
                out += '\n';
                break;
            case Mode::Hex: {
                uint64_t& off = offset[server ? 1 : 0];
                for (std::size_t i = 0; i < c.bytes.size(); i += 16) {
                    if (server) out += '\t';
                    char buf[16];
                    std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(off + i));
                    out += buf;
                    out += "  ";
                    std::size_t n = c.bytes.size() - i < 16 ? c.bytes.size() - i : 16;
                    for (std::size_t k = 0; k < 16; ++k) {
                        if (k < n) {
                            unsigned char b = c.bytes[i + k];
                            out += hexd[b >> 4];
                            out += hexd[b & 15];
                            out += ' ';
                        } else {
                            out += "   ";
                        }
                        if (k == 7) out += ' ';
                    }
                    out += ' ';
                    for (std::size_t k = 0; k < n; ++k) {
                        unsigned char b = c.bytes[i + k];
                        out += (b >= 0x20 && b < 0x7f) ? char(b) : '.';
                        if (k == 7 && n > 8) out += ' ';
                    }
                    out += '\n';
                }
                off += c.bytes.size();
                break;
            }
        }
    }
    out += kRule;
}

}  // namespace ms::cli
