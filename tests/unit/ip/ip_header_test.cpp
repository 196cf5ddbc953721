// IPv4 and IPv6 headers: every field tshark shows, labels, options, the
// extension-header chain and bad headers.
#include "ip_test_support.hpp"

namespace ms::test {
namespace {

using IpHeader = LinkFixture;

TEST_F(IpHeader, Ipv4FieldsMatchTshark) {
    Ipv4Spec s;
    s.id = 0x250a;
    s.df = true;
    s.ttl = 128;
    s.tos = 0xb9;  // DSCP 46 (EF), ECN 1
    run(1, cat({ether(0x0800), ipv4(s, udp(56166, 53, Bytes(34, 0)))}));
    EXPECT_EQ(value("ip.version"), "4");
    EXPECT_EQ(value("ip.hdr_len"), "20");
    EXPECT_EQ(value("ip.dsfield"), "0xb9");
    EXPECT_EQ(value("ip.dsfield.dscp"), "46");
    EXPECT_EQ(value("ip.dsfield.ecn"), "1");
    EXPECT_EQ(value("ip.len"), "62");
    EXPECT_EQ(value("ip.id"), "0x250a");
    EXPECT_EQ(value("ip.flags"), "0x02");
    EXPECT_EQ(value("ip.flags.rb"), "0");
    EXPECT_EQ(value("ip.flags.df"), "1");
    EXPECT_EQ(value("ip.flags.mf"), "0");
    EXPECT_EQ(value("ip.frag_offset"), "0");
    EXPECT_EQ(value("ip.ttl"), "128");
    EXPECT_EQ(value("ip.proto"), "17");
    EXPECT_EQ(value("ip.checksum"), "0xbeef");
    EXPECT_EQ(value("ip.checksum.status"), "2");
    EXPECT_EQ(values("ip.addr"), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
    EXPECT_EQ(values("ip.host"), (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
    EXPECT_EQ(value("ip.src_host"), "10.0.0.1");
    EXPECT_EQ(value("ip.dst_host"), "10.0.0.2");
    EXPECT_TRUE(hidden("ip.addr"));
    EXPECT_TRUE(hidden("ip.host"));
    EXPECT_FALSE(hidden("ip.src"));

    EXPECT_EQ(label("ip"), "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2");
    EXPECT_EQ(label("ip.version"), "0100 .... = Version: 4");
    EXPECT_EQ(label("ip.hdr_len"), ".... 0101 = Header Length: 20 bytes (5)");
    EXPECT_EQ(label("ip.dsfield"), "Differentiated Services Field: 0xb9 (DSCP: EF, ECN: ECT(1))");
    EXPECT_EQ(label("ip.dsfield.dscp"), "1011 10.. = Differentiated Services Codepoint: Expedited Forwarding (46)");
    EXPECT_EQ(label("ip.id"), "Identification: 0x250a (9482)");
    EXPECT_EQ(label("ip.flags"), "010. .... = Flags: 0x2, Don't fragment");
    EXPECT_EQ(label("ip.flags.df"), ".1.. .... = Don't fragment: Set");
    EXPECT_EQ(label("ip.frag_offset"), "...0 0000 0000 0000 = Fragment Offset: 0");
    EXPECT_EQ(label("ip.proto"), "Protocol: UDP (17)");
    EXPECT_EQ(label("ip.checksum"), "Header Checksum: 0xbeef [validation disabled]");
    EXPECT_EQ(label("ip.checksum.status"), "Header checksum status: Unverified");
    EXPECT_EQ(label("ip.src"), "Source Address: 10.0.0.1");

    EXPECT_EQ(ctx_.pinfo.protocol, "UDP");
    EXPECT_EQ(ctx_.pinfo.info, "56166 \xE2\x86\x92 53 Len=34");
    EXPECT_EQ(ctx_.pinfo.srcport, 56166);
    EXPECT_EQ(value("udp.length"), "42");
    EXPECT_EQ(label("udp"), "User Datagram Protocol, Src Port: 56166, Dst Port: 53");
    EXPECT_EQ(label("udp.checksum"), "Checksum: 0x1111 [unverified]");
}

TEST_F(IpHeader, Ipv4OptionsRecordRoute) {
    Ipv4Spec s;
    s.options = {1, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0, 0};  // NOP, Record Route (1 slot), EOL, pad
    run(1, cat({ether(0x0800), ipv4(s, udp(1234, 53, text("hello world!")))}));
    EXPECT_EQ(value("ip.hdr_len"), "32");
    EXPECT_EQ(label("ip.hdr_len"), ".... 1000 = Header Length: 32 bytes (8)");
    EXPECT_EQ(label("ip.options"), "Options: (12 bytes), Record Route");
    EXPECT_EQ(values("ip.opt.type"), (std::vector<std::string>{"1", "7", "0"}));
    EXPECT_EQ(value("ip.opt.len"), "7");
    EXPECT_EQ(value("ip.opt.ptr"), "4");
    EXPECT_EQ(label("ip.empty_rt"), "Empty Route: 0.0.0.0 <- (next)");
    EXPECT_EQ(label("ip.options.record_route"), "IP Option - Record Route (7 bytes)");
    EXPECT_TRUE(has("ip.options.nop"));
    EXPECT_TRUE(has("ip.options.eol"));
    EXPECT_EQ(labels("ip.opt.type.number").at(1), "...0 0111 = Number: Record route (7)");
    EXPECT_EQ(value("udp.srcport"), "1234");  // the payload starts after the options
}

TEST_F(IpHeader, Ipv4BadOptionLength) {
    Ipv4Spec s;
    s.options = {7, 40, 4, 0};  // length runs past the header
    run(1, cat({ether(0x0800), ipv4(s, udp(1, 2, {}))}));
    EXPECT_TRUE(has("ip.opt.len.invalid"));
    EXPECT_EQ(value("udp.srcport"), "1");
}

TEST_F(IpHeader, Ipv4BogusVersionAndHeaderLength) {
    Bytes p = ipv4(Ipv4Spec{}, udp(1, 2, {}));
    p[0] = 0x55;
    run(1, cat({ether(0x0800), p}));
    EXPECT_TRUE(has("ip.bogus_ip_version"));
    EXPECT_FALSE(has("udp"));
    p[0] = 0x43;
    run(1, cat({ether(0x0800), p}));
    EXPECT_TRUE(has("ip.bogus_header_length"));
    EXPECT_FALSE(has("udp"));
}

TEST_F(IpHeader, Ipv4LengthShorterThanHeader) {
    Ipv4Spec s;
    s.total_override = 12;
    run(1, cat({ether(0x0800), ipv4(s, udp(1, 2, {}))}));
    EXPECT_TRUE(has("ip.bogus_ip_length"));
    EXPECT_FALSE(has("udp"));
}

TEST_F(IpHeader, UnknownProtocolBecomesData) {
    Ipv4Spec s;
    s.proto = 47;
    run(1, cat({ether(0x0800), ipv4(s, Bytes(8, 0))}));
    EXPECT_EQ(ctx_.pinfo.protocol, "IPv4");
    EXPECT_EQ(value("data.len"), "8");
}

TEST_F(IpHeader, IcmpErrorQuotesInnerHeaderWithoutTouchingColumns) {
    Ipv4Spec inner;
    inner.src = 0x0a0a0104;
    inner.dst = 0x4a358c99;
    inner.proto = 6;
    inner.total_override = 1500;
    Bytes quoted = ipv4(inner, Bytes{0x05, 0xbe, 0x00, 0x19, 0, 0, 0, 1});
    Bytes icmp = {3, 4, 0, 0, 0, 0, 0x05, 0xd4};
    icmp = cat({icmp, quoted});
    Ipv4Spec outer;
    outer.src = 0xc0a80101;
    outer.dst = 0x0a0a0104;
    outer.proto = 1;
    run(1, cat({ether(0x0800), ipv4(outer, icmp)}));
    EXPECT_EQ(values("ip.src"), (std::vector<std::string>{"192.168.1.1", "10.10.1.4"}));
    EXPECT_EQ(values("ip.len"), (std::vector<std::string>{"56", "1500"}));
    EXPECT_EQ(value("icmp.type"), "3");
    EXPECT_EQ(value("icmp.mtu"), "1492");
    EXPECT_EQ(ctx_.pinfo.protocol, "ICMP");
    EXPECT_EQ(ctx_.pinfo.info, "Destination unreachable (Fragmentation needed)");
    EXPECT_EQ(ctx_.pinfo.net_src.to_string(), "192.168.1.1");
    EXPECT_FALSE(has("ip.bogus_ip_length"));  // a quoted header is cut on purpose
    EXPECT_FALSE(has("tcp"));
}

TEST_F(IpHeader, Ipv6FieldsAndLabels) {
    run(1, cat({ether(0x86dd), ipv6(17, udp(7562, 25, text("hi")), 0xb8, 0x12345)}));
    EXPECT_EQ(value("ipv6.version"), "6");
    EXPECT_EQ(value("ipv6.tclass"), "0x000000b8");
    EXPECT_EQ(value("ipv6.tclass.dscp"), "46");
    EXPECT_EQ(value("ipv6.flow"), "0x012345");
    EXPECT_EQ(value("ipv6.plen"), "10");
    EXPECT_EQ(value("ipv6.nxt"), "17");
    EXPECT_EQ(value("ipv6.hlim"), "64");
    EXPECT_EQ(value("ipv6.src"), "2001:db8::1");
    EXPECT_EQ(value("ipv6.dst"), "2001:db8::2");
    EXPECT_EQ(values("ipv6.addr"), (std::vector<std::string>{"2001:db8::1", "2001:db8::2"}));
    EXPECT_TRUE(hidden("ipv6.addr"));
    EXPECT_EQ(label("ipv6"), "Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2");
    EXPECT_EQ(label("ipv6.version"), "0110 .... = Version: 6");
    EXPECT_EQ(label("ipv6.tclass"),
              ".... 1011 1000 .... .... .... .... .... = Traffic Class: 0xb8 (DSCP: EF, ECN: Not-ECT)");
    EXPECT_EQ(label("ipv6.flow"), ".... 0001 0010 0011 0100 0101 = Flow Label: 0x12345");
    EXPECT_EQ(label("ipv6.nxt"), "Next Header: UDP (17)");
    EXPECT_EQ(ctx_.pinfo.net_dst.to_string(), "2001:db8::2");
    EXPECT_EQ(value("udp.dstport"), "25");
}

TEST_F(IpHeader, Ipv6ExtensionChain) {
    const Bytes hop = {60, 0, 1, 4, 0, 0, 0, 0};       // -> dstopts, PadN(4)
    const Bytes dst = {43, 0, 5, 2, 0, 0, 1, 0};       // -> routing, Router Alert, PadN(0)
    const Bytes rt = {51, 0, 0, 0, 0, 0, 0, 0};        // -> AH, type 0, segleft 0
    Bytes ah = {44, 4, 0, 0};                          // -> frag, (4+2)*4 = 24 bytes
    put32(ah, 0x11223344);
    put32(ah, 7);
    ah.resize(24, 0xcc);
    const Bytes frag = v6_fragment_header(17, 0, false, 0x99);  // atomic fragment
    run(1, cat({ether(0x86dd), ipv6(0, cat({hop, dst, rt, ah, frag, udp(1234, 53, text("payload"))}))}));
    EXPECT_EQ(value("ipv6.nxt"), "0");
    EXPECT_EQ(value("ipv6.hopopts.nxt"), "60");
    EXPECT_EQ(value("ipv6.hopopts.len_oct"), "8");
    EXPECT_EQ(value("ipv6.dstopts.nxt"), "43");
    EXPECT_EQ(value("ipv6.opt.router_alert"), "0");
    EXPECT_EQ(values("ipv6.opt.type"), (std::vector<std::string>{"0x01", "0x05", "0x01"}));
    EXPECT_EQ(value("ipv6.routing.type"), "0");
    EXPECT_EQ(label("ipv6.routing"), "Routing Header for IPv6 (Source Route)");
    EXPECT_TRUE(has("ipv6.routing.deprecated"));
    EXPECT_EQ(value("ah.spi"), "0x11223344");
    EXPECT_EQ(value("ah.sequence"), "7");
    EXPECT_EQ(value("ipv6.fraghdr.nxt"), "17");
    EXPECT_EQ(value("ipv6.fraghdr.offset"), "0");
    EXPECT_EQ(value("ipv6.fraghdr.more"), "0");
    EXPECT_EQ(value("ipv6.fraghdr.ident"), "0x00000099");
    EXPECT_EQ(value("udp.srcport"), "1234");
    EXPECT_EQ(ctx_.pinfo.protocol, "UDP");
}

TEST_F(IpHeader, Ipv6ExtensionHeaderPastPayloadStops) {
    const Bytes hop = {17, 9, 0, 0, 0, 0, 0, 0};  // claims 80 bytes
    run(1, cat({ether(0x86dd), ipv6(0, hop)}));
    EXPECT_TRUE(has("ipv6.invalid_header"));
    EXPECT_FALSE(has("udp"));
}

TEST_F(IpHeader, Ipv6LongChainIsCut) {
    Bytes chain;
    for (int i = 0; i < 40; ++i) chain = cat({chain, Bytes{60, 0, 1, 4, 0, 0, 0, 0}});
    run(1, cat({ether(0x86dd), ipv6(60, chain)}));
    EXPECT_TRUE(has("ipv6.too_many_extension_headers"));
}

TEST_F(IpHeader, Ipv6PayloadLengthBeyondFrame) {
    run(1, cat({ether(0x86dd), ipv6(17, udp(1, 2, text("abc")), 0, 0, 500)}));
    EXPECT_TRUE(has("ipv6.plen_exceeds_framing"));
    EXPECT_EQ(value("udp.srcport"), "1");
}

TEST_F(IpHeader, TcpSegmentsReachTheTcpLayer) {
    Ipv4Spec s;
    s.proto = 6;
    run(1, cat({ether(0x0800), ipv4(s, tcp(1470, 25, 1000, 0, 0x02, {}))}));
    EXPECT_EQ(value("tcp.srcport"), "1470");
    EXPECT_EQ(value("tcp.dstport"), "25");
    EXPECT_EQ(ctx_.pinfo.protocol, "TCP");
    run(1, cat({ether(0x86dd), ipv6(6, tcp(25, 1470, 5000, 1001, 0x12, {}))}));
    EXPECT_EQ(value("tcp.srcport"), "25");
}

}  // namespace
}  // namespace ms::test
