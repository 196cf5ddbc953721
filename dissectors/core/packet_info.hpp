// What the layers learn about one frame while dissecting it (Wireshark's
// pinfo): addresses, ports, the stream index and the summary columns.
#pragma once

#include <cstdint>
#include <string>

namespace ms {

struct Address {
    enum Kind : uint8_t { None, IPv4, IPv6, Ether };
    Kind kind = None;
    uint8_t bytes[16] = {};
    std::string to_string() const;  // "10.0.0.1", "2001:db8::1", "00:11:22:33:44:55"
    bool operator==(const Address& o) const;
};

struct PacketInfo {
    uint64_t number = 0;       // 1-based frame number
    int64_t ts_ns = 0;         // absolute time, ns since the epoch
    int64_t rel_ns = 0;        // since the first frame
    int64_t delta_ns = 0;      // since the previous captured frame
    uint32_t caplen = 0;
    uint32_t wirelen = 0;
    uint32_t linktype = 0;
    uint32_t interface_id = 0;

    Address dl_src, dl_dst;    // link layer
    Address net_src, net_dst;  // network layer (columns Source/Destination)
    uint16_t srcport = 0, dstport = 0;
    int64_t tcp_stream = -1;

    // Summary columns. Each layer sets protocol and replaces or appends info.
    std::string protocol;
    std::string info;

    void reset() {
        dl_src = dl_dst = net_src = net_dst = Address{};
        srcport = dstport = 0;
        tcp_stream = -1;
        protocol.clear();
        info.clear();
    }
};

}  // namespace ms
