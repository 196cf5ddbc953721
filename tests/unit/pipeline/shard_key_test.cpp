// shard_of_frame: every frame of an IP conversation lands on one shard,
// whichever direction, fragment or encapsulation it comes in.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "capture/pipeline/shard_key.hpp"

namespace {

using Bytes = std::vector<uint8_t>;

Bytes ipv4(uint32_t src, uint32_t dst, uint16_t frag = 0) {
    Bytes b(20, 0);
    b[0] = 0x45;
    b[6] = uint8_t(frag >> 8);
    b[7] = uint8_t(frag);
    b[9] = 6;
    for (int i = 0; i < 4; ++i) {
        b[12 + i] = uint8_t(src >> (24 - 8 * i));
        b[16 + i] = uint8_t(dst >> (24 - 8 * i));
    }
    b.resize(60, 0xaa);  // a TCP header's worth of anything
    return b;
}

Bytes ethernet(const Bytes& payload, std::vector<uint16_t> tags = {}, uint16_t type = 0x0800) {
    Bytes b(12, 0x11);
    for (uint16_t t : tags) {
        b.push_back(uint8_t(t >> 8));
        b.push_back(uint8_t(t));
        b.push_back(0x00);
        b.push_back(0x05);
    }
    b.push_back(uint8_t(type >> 8));
    b.push_back(uint8_t(type));
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

unsigned shard(uint32_t linktype, const Bytes& f, unsigned shards = 7) {
    return ms::shard_of_frame(linktype, f, shards);
}

TEST(ShardKey, BothDirectionsAndEveryFragmentShareTheShard) {
    std::set<unsigned> seen;
    for (uint32_t host = 1; host < 200; ++host) {
        const uint32_t client = 0x0a000000 + host, server = 0xc0a80101;
        const unsigned s = shard(1, ethernet(ipv4(client, server)));
        EXPECT_EQ(s, shard(1, ethernet(ipv4(server, client))));
        EXPECT_EQ(s, shard(1, ethernet(ipv4(client, server, 0x2000 | 185))));  // a later fragment
        EXPECT_EQ(s, shard(1, ethernet(ipv4(client, server), {0x8100})));       // the same pair, VLAN-tagged
        EXPECT_EQ(s, shard(101, ipv4(server, client)));                          // raw IP
        seen.insert(s);
    }
    EXPECT_EQ(seen.size(), 7u) << "199 conversations should reach every one of 7 shards";
}

TEST(ShardKey, Ipv6PairsAreSymmetric) {
    Bytes a(60, 0);
    a[0] = 0x60;
    a[6] = 6;
    for (int i = 0; i < 16; ++i) a[8 + i] = uint8_t(i), a[24 + i] = uint8_t(0xf0 + i);
    Bytes b = a;
    std::swap_ranges(b.begin() + 8, b.begin() + 24, b.begin() + 24);
    EXPECT_EQ(shard(1, ethernet(a, {}, 0x86dd)), shard(1, ethernet(b, {}, 0x86dd)));
    EXPECT_EQ(shard(229, a), shard(229, b));
}

TEST(ShardKey, FramesWithoutAnIpHeaderGoToShardZero) {
    EXPECT_EQ(shard(1, ethernet(Bytes(28, 1), {}, 0x0806)), 0u);  // ARP
    EXPECT_EQ(shard(1, Bytes(10, 0)), 0u);                         // truncated Ethernet
    EXPECT_EQ(shard(147, ipv4(1, 2)), 0u);                         // a link type not opened
    EXPECT_EQ(shard(1, ethernet(Bytes(10, 0x45))), 0u);            // IPv4 header cut short
    EXPECT_EQ(ms::shard_of_frame(1, ethernet(ipv4(1, 2)), 1), 0u);
}

}  // namespace
