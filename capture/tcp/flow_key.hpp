// The exact identity of a TCP connection: both addresses and both ports,
// direction-normalised so A->B and B->A find the same entry. The hash only
// picks a bucket; equality compares the whole tuple, so two connections can
// never merge.
#pragma once

#include <cstdint>
#include <cstring>

#include "dissectors/core/packet_info.hpp"

namespace ms {

struct FlowKey {
    uint8_t addr_a[16] = {}, addr_b[16] = {};
    uint16_t port_a = 0, port_b = 0;
    uint8_t family = 0;  // Address::Kind of both addresses

    bool operator==(const FlowKey& o) const {
        return port_a == o.port_a && port_b == o.port_b && family == o.family &&
               std::memcmp(addr_a, o.addr_a, 16) == 0 && std::memcmp(addr_b, o.addr_b, 16) == 0;
    }
};

// Builds the key; `src_is_a` says whether the sender is endpoint A.
inline FlowKey make_flow_key(const Address& src, uint16_t sport, const Address& dst, uint16_t dport,
                             bool& src_is_a) {
    FlowKey k;
    k.family = src.kind;
    int c = std::memcmp(src.bytes, dst.bytes, 16);
    src_is_a = c < 0 || (c == 0 && sport <= dport);
    const Address& a = src_is_a ? src : dst;
    const Address& b = src_is_a ? dst : src;
    std::memcpy(k.addr_a, a.bytes, 16);
    std::memcpy(k.addr_b, b.bytes, 16);
    k.port_a = src_is_a ? sport : dport;
    k.port_b = src_is_a ? dport : sport;
    return k;
}

struct FlowKeyHash {
    std::size_t operator()(const FlowKey& k) const {
        // Four 64-bit words of address and one of ports, each folded in with
        // a multiply (fast, and spreads the low bits a bucket index uses).
        auto word = [](const uint8_t* p) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            return w;
        };
        constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
        uint64_t h = (uint64_t(k.port_a) << 24 | uint64_t(k.port_b) << 8 | k.family) * kMul;
        h = (h ^ word(k.addr_a)) * kMul;
        h = (h ^ word(k.addr_a + 8)) * kMul;
        h = (h ^ word(k.addr_b)) * kMul;
        h = (h ^ word(k.addr_b + 8)) * kMul;
        return std::size_t(h ^ (h >> 32));
    }
};

}  // namespace ms
