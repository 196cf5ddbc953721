// Each supported link type, crafted byte by byte, down to the IP fields.
#include "ip_test_support.hpp"

namespace ms::test {
namespace {

Ipv4Spec spec_with_proto(uint8_t proto) {
    Ipv4Spec s;
    s.proto = proto;
    return s;
}
Ipv4Spec spec_with_options(Bytes options) {
    Ipv4Spec s;
    s.options = std::move(options);
    return s;
}

class LinkTypes : public LinkFixture {
protected:
    Bytes udp_packet() { return ipv4(Ipv4Spec{}, udp(1234, 53, text("hello world!"))); }
    void expect_ip_reached() {
        EXPECT_EQ(value("ip.src"), "10.0.0.1");
        EXPECT_EQ(value("ip.dst"), "10.0.0.2");
        EXPECT_EQ(value("udp.dstport"), "53");
        EXPECT_EQ(ctx_.pinfo.protocol, "UDP");
        EXPECT_EQ(ctx_.pinfo.net_src.to_string(), "10.0.0.1");
    }
};

TEST_F(LinkTypes, EthernetIIFieldsAndLabels) {
    run(1, cat({ether(0x0800), udp_packet()}));
    EXPECT_EQ(value("eth.dst"), "00:1f:33:d9:81:60");
    EXPECT_EQ(value("eth.src"), "02:e0:1c:3c:17:c2");
    EXPECT_EQ(value("eth.type"), "0x0800");
    EXPECT_EQ(values("eth.addr"), (std::vector<std::string>{"00:1f:33:d9:81:60", "02:e0:1c:3c:17:c2"}));
    EXPECT_EQ(label("eth"), "Ethernet II, Src: 02:e0:1c:3c:17:c2, Dst: 00:1f:33:d9:81:60");
    EXPECT_EQ(label("eth.type"), "Type: IPv4 (0x0800)");
    EXPECT_EQ(labels("eth.src.lg").at(0),
              ".... ..1. .... .... .... .... = LG bit: Locally administered address (this is NOT the factory default)");
    EXPECT_EQ(labels("eth.dst.ig").at(0), ".... ...0 .... .... .... .... = IG bit: Individual address (unicast)");
    EXPECT_EQ(ctx_.pinfo.dl_src.to_string(), "02:e0:1c:3c:17:c2");
    EXPECT_EQ(ctx_.pinfo.dl_dst.to_string(), "00:1f:33:d9:81:60");
    expect_ip_reached();
}

TEST_F(LinkTypes, EthernetPaddingAfterShortPacket) {
    Bytes f = cat({ether(0x0800), udp_packet()});  // 14 + 40 = 54 bytes
    f.resize(60, 0);
    run(1, f);
    EXPECT_EQ(value("eth.padding"), "000000000000");
    EXPECT_FALSE(has("eth.trailer"));
}

TEST_F(LinkTypes, Ieee8023LengthFrameIsShownNotDissected) {
    Bytes f = ether(46);
    f.resize(14 + 46, 0xaa);
    run(1, f);
    EXPECT_EQ(value("eth.len"), "46");
    EXPECT_FALSE(has("eth.type"));
    EXPECT_FALSE(has("ip"));
    EXPECT_TRUE(has("eth.ieee8023.undissected"));
    EXPECT_EQ(label("eth"), "IEEE 802.3 Ethernet ");
    EXPECT_EQ(value("data.len"), "46");
}

TEST_F(LinkTypes, Ieee8023LengthPastEnd) {
    Bytes f = ether(100);
    f.resize(14 + 10, 0);
    run(1, f);
    EXPECT_TRUE(has("eth.len.past_end"));
}

TEST_F(LinkTypes, SingleVlanTag) {
    run(1, cat({ether(0x8100), vlan(5, true, 125, 0x0800), udp_packet()}));
    EXPECT_EQ(value("eth.type"), "0x8100");
    EXPECT_EQ(value("vlan.priority"), "5");
    EXPECT_EQ(value("vlan.dei"), "1");
    EXPECT_EQ(value("vlan.id"), "125");
    EXPECT_EQ(value("vlan.etype"), "0x0800");
    EXPECT_EQ(label("vlan"), "802.1Q Virtual LAN, PRI: 5, DEI: 1, ID: 125");
    EXPECT_EQ(label("vlan.id"), ".... 0000 0111 1101 = ID: 125");
    EXPECT_EQ(label("vlan.priority"), "101. .... .... .... = Priority: Video, < 100ms latency and jitter (5)");
    expect_ip_reached();
}

TEST_F(LinkTypes, StackedQinQTags) {
    run(1, cat({ether(0x88a8), vlan(3, false, 100, 0x8100), vlan(0, false, 200, 0x0800), udp_packet()}));
    EXPECT_EQ(value("ieee8021ad.id"), "100");
    EXPECT_EQ(value("ieee8021ad.priority"), "3");
    EXPECT_EQ(value("ieee8021ah.etype"), "0x8100");
    EXPECT_EQ(label("ieee8021ad"), "IEEE 802.1ad, ID: 100");
    EXPECT_EQ(values("vlan.id"), std::vector<std::string>{"200"});
    EXPECT_EQ(values("vlan.etype"), std::vector<std::string>{"0x0800"});
    expect_ip_reached();
}

TEST_F(LinkTypes, DoubleDot1QStack) {
    run(1, cat({ether(0x8100), vlan(1, false, 10, 0x8100), vlan(2, false, 20, 0x0800), udp_packet()}));
    EXPECT_EQ(values("vlan.id"), (std::vector<std::string>{"10", "20"}));
    expect_ip_reached();
}

TEST_F(LinkTypes, TooManyVlanTagsStop) {
    Bytes f = ether(0x8100);
    for (int i = 0; i < 12; ++i) f = cat({f, vlan(0, false, uint16_t(i), 0x8100)});
    f = cat({f, udp_packet()});
    run(1, f);
    EXPECT_TRUE(has("vlan.too_many_tags"));
    EXPECT_FALSE(has("ip"));
}

TEST_F(LinkTypes, LinuxSll) {
    Bytes h;
    put16(h, 4);  // sent by us
    put16(h, 1);  // Ethernet
    put16(h, 6);
    h = cat({h, kMacB, Bytes{0, 0}});
    put16(h, 0x0800);
    run(113, cat({h, udp_packet()}));
    EXPECT_EQ(value("sll.pkttype"), "4");
    EXPECT_EQ(label("sll.pkttype"), "Packet type: Sent by us (4)");
    EXPECT_EQ(value("sll.hatype"), "1");
    EXPECT_EQ(value("sll.halen"), "6");
    EXPECT_EQ(value("sll.src.eth"), "02:e0:1c:3c:17:c2");
    EXPECT_EQ(value("sll.unused"), "0000");
    EXPECT_EQ(value("sll.etype"), "0x0800");
    EXPECT_EQ(label("sll"), "Linux cooked capture v1");
    EXPECT_EQ(ctx_.pinfo.dl_src.to_string(), "02:e0:1c:3c:17:c2");
    expect_ip_reached();
}

TEST_F(LinkTypes, LinuxSll2) {
    Bytes h;
    put16(h, 0x86dd);
    put16(h, 0);
    put32(h, 3);
    put16(h, 1);
    h.push_back(0);  // unicast to us
    h.push_back(6);
    h = cat({h, kMacA, Bytes{0, 0}});
    run(276, cat({h, ipv6(17, udp(1, 2, text("x")))}));
    EXPECT_EQ(value("sll.etype"), "0x86dd");
    EXPECT_EQ(value("sll.ifindex"), "3");
    EXPECT_EQ(value("sll.pkttype"), "0");
    EXPECT_EQ(value("sll.src.eth"), "00:1f:33:d9:81:60");
    EXPECT_EQ(label("sll"), "Linux cooked capture v2");
    EXPECT_EQ(value("ipv6.src"), "2001:db8::1");
    EXPECT_EQ(value("udp.srcport"), "1");
}

TEST_F(LinkTypes, SllNonEthertypeProtocolNotDissected) {
    Bytes h;
    put16(h, 0);
    put16(h, 1);
    put16(h, 6);
    h = cat({h, kMacB, Bytes{0, 0}});
    put16(h, 0x0004);  // 802.2 LLC
    run(113, cat({h, Bytes(10, 0)}));
    EXPECT_EQ(value("sll.ltype"), "0x0004");
    EXPECT_FALSE(has("ip"));
    EXPECT_TRUE(has("sll.undissected"));
}

struct NullCase {
    uint32_t family;
    bool little_endian;
    bool v6;
};

class NullLoopback : public LinkFixture, public ::testing::WithParamInterface<NullCase> {};

TEST_P(NullLoopback, BothByteOrdersAndAllIpv6Families) {
    const NullCase c = GetParam();
    Bytes h;
    if (c.little_endian)
        h = {uint8_t(c.family), uint8_t(c.family >> 8), 0, 0};
    else
        put32(h, c.family);
    Bytes payload = c.v6 ? ipv6(17, udp(7, 9, text("abc"))) : ipv4(Ipv4Spec{}, udp(7, 9, text("abc")));
    run(0, cat({h, payload}));
    EXPECT_EQ(value("null.family"), std::to_string(c.family));
    EXPECT_EQ(label("null"), "Null/Loopback");
    if (c.v6)
        EXPECT_EQ(value("ipv6.dst"), "2001:db8::2");
    else
        EXPECT_EQ(value("ip.dst"), "10.0.0.2");
    EXPECT_EQ(value("udp.dstport"), "9");
}

INSTANTIATE_TEST_SUITE_P(Families, NullLoopback,
                         ::testing::Values(NullCase{2, true, false}, NullCase{2, false, false},
                                           NullCase{24, true, true}, NullCase{28, true, true},
                                           NullCase{30, true, true}, NullCase{30, false, true},
                                           NullCase{24, false, true}));

TEST_F(LinkTypes, NullFamilyLabel) {
    run(0, cat({Bytes{2, 0, 0, 0}, udp_packet()}));
    EXPECT_EQ(label("null.family"), "Family: IP (2)");
}

TEST_F(LinkTypes, NullUnknownFamily) {
    run(0, cat({Bytes{99, 0, 0, 0}, udp_packet()}));
    EXPECT_EQ(value("null.family"), "99");
    EXPECT_FALSE(has("ip"));
    EXPECT_TRUE(has("null.family.unknown"));
}

TEST_F(LinkTypes, OpenBsdLoopIsNetworkOrder) {
    Bytes h;
    put32(h, 24);
    run(108, cat({h, ipv6(17, udp(7, 9, text("abc")))}));
    EXPECT_EQ(value("null.family"), "24");
    EXPECT_EQ(value("ipv6.src"), "2001:db8::1");
}

TEST_F(LinkTypes, RawIpVariants) {
    for (uint32_t lt : {101u, 12u, 14u}) {
        run(lt, udp_packet());
        EXPECT_TRUE(has("raw")) << lt;
        expect_ip_reached();
        run(lt, ipv6(17, udp(7, 9, text("abc"))));
        EXPECT_EQ(value("ipv6.dst"), "2001:db8::2") << lt;
    }
}

TEST_F(LinkTypes, LinktypeIpv4AndIpv6) {
    run(228, udp_packet());
    expect_ip_reached();
    EXPECT_FALSE(has("raw"));
    run(229, ipv6(17, udp(7, 9, text("abc"))));
    EXPECT_EQ(value("ipv6.src"), "2001:db8::1");
}

TEST_F(LinkTypes, UnsupportedLinkTypeBecomesData) {
    run(147, Bytes(20, 1));
    EXPECT_TRUE(has("frame.linktype.unsupported"));
    EXPECT_EQ(value("data.len"), "20");
}

// Every prefix of every kind of frame: no crash, nothing read past the end
// (the ASan build checks that), and a truncation note where a header is cut.
TEST_F(LinkTypes, EveryPrefixIsSafe) {
    Bytes sll;
    put16(sll, 0);
    put16(sll, 1);
    put16(sll, 6);
    sll = cat({sll, kMacB, Bytes{0, 0}});
    put16(sll, 0x0800);
    const std::vector<std::pair<uint32_t, Bytes>> frames = {
        {1, cat({ether(0x8100), vlan(0, false, 1, 0x0800), ipv4(spec_with_options({1, 1, 1, 0}), udp(1, 2, text("abcd")))})},
        {1, cat({ether(0x86dd), ipv6(0, cat({Bytes{44, 0, 1, 4, 0, 0, 0, 0}, v6_fragment_header(17, 0, false, 5),
                                                udp(1, 2, text("zz"))}))})},
        {113, cat({sll, ipv4(spec_with_proto(1), Bytes{3, 4, 0, 0, 0, 0, 5, 0xdc})})},
        {0, cat({Bytes{2, 0, 0, 0}, ipv4(spec_with_proto(6), tcp(1, 25, 1, 0, 0x02, {}))})},
    };
    for (const auto& [lt, full] : frames) {
        for (std::size_t n = 0; n < full.size(); ++n) {
            Bytes cut(full.begin(), full.begin() + std::ptrdiff_t(n));
            run(lt, cut, uint32_t(full.size()));
            EXPECT_GT(ctx_.tree.size(), 1u) << "linktype " << lt << " prefix " << n;
        }
    }
}

TEST_F(LinkTypes, SnaplenCutIpPacketIsNotedNotBogus) {
    Bytes full = cat({ether(0x0800), ipv4(spec_with_proto(17), udp(1, 2, Bytes(100, 'x')))});
    Bytes cut(full.begin(), full.begin() + 60);
    run(1, cut, uint32_t(full.size()));
    EXPECT_TRUE(has("ip.truncated"));
    EXPECT_FALSE(has("ip.bogus_ip_length"));
    EXPECT_EQ(value("ip.len"), "128");
    // The same bytes without a snaplen story: the length field lies.
    run(1, cut);
    EXPECT_TRUE(has("ip.bogus_ip_length"));
}

}  // namespace
}  // namespace ms::test
