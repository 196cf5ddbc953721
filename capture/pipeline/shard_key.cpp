#include "capture/pipeline/shard_key.hpp"

#include <cstring>

namespace ms {

namespace {

uint16_t be16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }

// Order-independent hash of the two addresses: A->B and B->A agree.
uint64_t pair_hash(const uint8_t* a, const uint8_t* b, std::size_t len) {
    uint64_t ha = 1469598103934665603ull, hb = ha;
    for (std::size_t i = 0; i < len; ++i) ha = (ha ^ a[i]) * 1099511628211ull;
    for (std::size_t i = 0; i < len; ++i) hb = (hb ^ b[i]) * 1099511628211ull;
    uint64_t h = ha ^ hb;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

// The hash of the IP header at `ip`, or 0 when there is none.
uint64_t ip_hash(std::span<const uint8_t> ip) {
    if (ip.empty()) return 0;
    const unsigned version = ip[0] >> 4;
    if (version == 4 && ip.size() >= 20) return pair_hash(&ip[12], &ip[16], 4) | 1;
    if (version == 6 && ip.size() >= 40) return pair_hash(&ip[8], &ip[24], 16) | 1;
    return 0;
}

uint64_t ethertype_hash(std::span<const uint8_t> f, std::size_t off, uint16_t type) {
    // VLAN and QinQ tags (any depth the frame holds).
    while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && off + 4 <= f.size()) {
        type = be16(&f[off + 2]);
        off += 4;
    }
    if ((type == 0x0800 || type == 0x86dd) && off < f.size()) return ip_hash(f.subspan(off));
    return 0;
}

uint64_t frame_hash(uint32_t linktype, std::span<const uint8_t> f) {
    switch (linktype) {
        case 1:  // Ethernet
            return f.size() >= 14 ? ethertype_hash(f, 14, be16(&f[12])) : 0;
        case 0:
        case 108:  // BSD loopback: 4-byte family, then IP
            return f.size() > 4 ? ip_hash(f.subspan(4)) : 0;
        case 113:  // Linux cooked v1
            return f.size() >= 16 ? ethertype_hash(f, 16, be16(&f[14])) : 0;
        case 276:  // Linux cooked v2
            return f.size() >= 20 ? ethertype_hash(f, 20, be16(&f[0])) : 0;
        case 101:
        case 12:
        case 14:
        case 228:
        case 229:  // raw IP
            return ip_hash(f);
        default:
            return 0;
    }
}

}  // namespace

unsigned shard_of_frame(uint32_t linktype, std::span<const uint8_t> frame, unsigned shards) {
    if (shards <= 1) return 0;
    const uint64_t h = frame_hash(linktype, frame);
    return h == 0 ? 0 : unsigned((h >> 1) % shards);
}

}  // namespace ms
