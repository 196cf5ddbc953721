// Header decoding, labels, Info column and hostile input.
#include <gtest/gtest.h>

#include <random>

#include "capture/tcp/connection.hpp"
#include "capture/tcp/tcp_header.hpp"
#include "tcp_test_util.hpp"

namespace ms::tcptest {
namespace {

const std::vector<uint8_t> kSynOptions = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 7, 0, 0, 0, 0, 1, 3, 3, 7};

std::string label_of(const FrameContext& ctx, const char* abbrev) {
    FieldId f = FieldRegistry::global().find(abbrev);
    std::string out;
    ctx.tree.for_each(f, [&](uint32_t i) { out = ctx.tree.label(i); });
    return out;
}

TEST(TcpHeader, SynWithOptionsLooksLikeTshark) {
    Driver d;
    IpEndpoints ip;
    ip.src = v4(10, 0, 0, 1);
    ip.dst = v4(10, 0, 0, 2);
    d.feed(ip, make_segment(52106, 25, 1000, 0, 0x002, "", 64240, kSynOptions));
    const auto& ctx = d.ctx();
    EXPECT_EQ(ctx.pinfo.info,
              "52106 \xE2\x86\x92 25 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=7 TSecr=0 WS=128");
    EXPECT_EQ(ctx.pinfo.protocol, "TCP");
    EXPECT_EQ(ctx.pinfo.srcport, 52106);
    EXPECT_EQ(ctx.pinfo.tcp_stream, 0);
    EXPECT_EQ(field_text(ctx, "tcp.port"), "52106,25");
    EXPECT_EQ(field_text(ctx, "tcp.options.mss_val"), "1460");
    EXPECT_EQ(field_text(ctx, "tcp.options.wscale.multiplier"), "128");
    EXPECT_EQ(field_text(ctx, "tcp.option_kind"), "2,4,8,1,3");
    EXPECT_EQ(field_text(ctx, "tcp.flags"), "0x0002");
    EXPECT_EQ(field_text(ctx, "tcp.checksum.status"), "2");
    EXPECT_EQ(field_text(ctx, "tcp.nxtseq"), "1");
    EXPECT_EQ(label_of(ctx, "tcp"),
              "Transmission Control Protocol, Src Port: 52106, Dst Port: 25, Seq: 0, Len: 0");
    EXPECT_EQ(label_of(ctx, "tcp.hdr_len"), "1010 .... = Header Length: 40 bytes (10)");
    EXPECT_EQ(label_of(ctx, "tcp.flags.syn"), ".... .... ..1. = Syn: Set");
    EXPECT_EQ(label_of(ctx, "tcp.options.wscale"), "TCP Option - Window scale: 7 (multiply by 128)");
    EXPECT_TRUE(has_field(ctx, "tcp.connection.syn"));
}

TEST(TcpHeader, FlagNamesAndLetters) {
    std::string s;
    append_flag_names(s, 0x018);
    EXPECT_EQ(s, "PSH, ACK");
    EXPECT_EQ(flag_letters(0x012), "\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7"
                                   "A\xC2\xB7\xC2\xB7S\xC2\xB7");
    s.clear();
    append_flag_names(s, 0);
    EXPECT_EQ(s, "<None>");
}

TEST(TcpHeader, BadOptionLengthsAreFlaggedNotFollowed) {
    TcpOptionSummary o;
    const uint8_t bad[] = {2, 40, 5, 0};  // MSS claiming 40 bytes
    parse_tcp_options(bad, o);
    ASSERT_EQ(o.count, 1u);
    EXPECT_TRUE(o.list[0].truncated);
    EXPECT_FALSE(o.has_mss);
    const uint8_t zero_len[] = {1, 8, 0};  // timestamp option with length 0
    parse_tcp_options(zero_len, o);
    ASSERT_EQ(o.count, 2u);
    EXPECT_TRUE(o.list[1].truncated);
}

TEST(TcpHeader, ShortAndBogusHeadersDoNotCrash) {
    Driver d;
    IpEndpoints ip;
    ip.src = v4(1, 1, 1, 1);
    ip.dst = v4(2, 2, 2, 2);
    d.feed(ip, {0x00, 0x19});  // two bytes
    EXPECT_TRUE(has_field(d.ctx(), "tcp.short_segment"));
    auto seg = make_segment(1, 2, 3, 4, 0x010, "");
    seg[12] = 0x20;  // header length 8
    d.feed(ip, seg);
    EXPECT_TRUE(has_field(d.ctx(), "tcp.bogus_header_length"));
    auto big = make_segment(1, 2, 3, 4, 0x010, "");
    big[12] = 0xf0;  // 60-byte header in a 20-byte segment
    d.feed(ip, big);
    EXPECT_TRUE(has_field(d.ctx(), "tcp.short_segment"));
}

TEST(TcpHeader, RandomSegmentsNeverCrash) {
    Limits l;
    l.tcp_max_flows = 64;
    l.tcp_max_ooo_bytes_per_flow = 4096;
    Driver d(l);
    std::mt19937 rng(12345);
    IpEndpoints ip;
    for (int i = 0; i < 20000; ++i) {
        ip.src = v4(10, 0, 0, uint8_t(rng() % 4));
        ip.dst = v4(10, 0, 1, uint8_t(rng() % 4));
        std::vector<uint8_t> seg(rng() % 80);
        for (auto& b : seg) b = uint8_t(rng());
        if (seg.size() >= 4) seg[0] = 0, seg[1] = uint8_t(rng() % 3), seg[2] = 0, seg[3] = 25;
        d.feed(ip, seg);
    }
    d.finish();
    SUCCEED();
}

TEST(TcpHeader, DuplicateAckAndLostSegmentAreFlagged) {
    Driver d;
    d.send(true, 100, 0, 0x002, "");
    d.send(false, 500, 101, 0x012, "");
    d.send(true, 101, 501, 0x010, "");
    d.send(true, 101, 501, 0x018, "aaaa");
    d.send(true, 109, 501, 0x018, "cccc");  // [105,109) missing
    EXPECT_TRUE(has_field(d.ctx(), "tcp.analysis.lost_segment"));
    EXPECT_NE(d.ctx().pinfo.info.find("[TCP Previous segment not captured] "), std::string::npos);
    d.send(false, 501, 105, 0x010, "");
    d.send(false, 501, 105, 0x010, "");
    EXPECT_EQ(field_text(d.ctx(), "tcp.analysis.duplicate_ack_num"), "1");
    EXPECT_EQ(d.ctx().pinfo.info.rfind("[TCP Dup ACK 6#1] ", 0), 0u);
}

TEST(TcpHeader, ConnectionRecordSize) {
    // Reported, and kept from growing unnoticed. The flow key lives here
    // (40 bytes) since the flow table became open addressing: its entries
    // are 8 bytes, where each unordered_map node held a second copy of the
    // key, a hash and a pointer (about 64 bytes) per connection.
    std::printf("sizeof(Connection) = %zu bytes\n", sizeof(Connection));
    EXPECT_LE(sizeof(Connection), 330u);
}

}  // namespace
}  // namespace ms::tcptest
