// Fragment reassembly: the IpDefragmenter on its own (order, overlaps,
// missing pieces, bounds) and through LinkLayer (data sources, fragment
// lists, the reassembled payload reaching UDP/TCP).
#include "capture/net/ip_defrag.hpp"
#include "ip_test_support.hpp"

namespace ms::test {
namespace {

FragmentKey key(uint32_t id, uint8_t proto = 17) {
    FragmentKey k;
    k.id = id;
    k.proto = proto;
    k.src[0] = 10;
    k.dst[0] = 11;
    return k;
}

Bytes pattern(std::size_t n, uint8_t seed = 0) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = uint8_t(seed + i * 7);
    return b;
}

std::span<const uint8_t> piece(const Bytes& b, std::size_t off, std::size_t len) {
    return std::span<const uint8_t>(b).subspan(off, len);
}

TEST(IpDefragmenter, InOrder) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(40);
    EXPECT_EQ(d.add(key(1), 0, true, piece(data, 0, 16), 1).status, DefragResult::Pending);
    EXPECT_EQ(d.add(key(1), 16, true, piece(data, 16, 16), 2).status, DefragResult::Pending);
    DefragResult r = d.add(key(1), 32, false, piece(data, 32, 8), 3);
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_EQ(r.data, data);
    ASSERT_EQ(r.fragments.size(), 3u);
    EXPECT_EQ(r.fragments[2].frame, 3u);
    EXPECT_FALSE(r.overlap);
    EXPECT_EQ(d.pending_datagrams(), 0u);
    EXPECT_EQ(d.pending_bytes(), 0u);
}

TEST(IpDefragmenter, OutOfOrderListsFragmentsByOffset) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(24);
    EXPECT_EQ(d.add(key(2), 16, false, piece(data, 16, 8), 1).status, DefragResult::Pending);
    EXPECT_EQ(d.add(key(2), 0, true, piece(data, 0, 8), 2).status, DefragResult::Pending);
    DefragResult r = d.add(key(2), 8, true, piece(data, 8, 8), 3);
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_EQ(r.data, data);
    ASSERT_EQ(r.fragments.size(), 3u);
    EXPECT_EQ(r.fragments[0].frame, 2u);
    EXPECT_EQ(r.fragments[1].frame, 3u);
    EXPECT_EQ(r.fragments[2].frame, 1u);
}

TEST(IpDefragmenter, KeysSeparateDatagrams) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes a = pattern(16, 1), b = pattern(16, 2);
    d.add(key(3, 17), 0, true, piece(a, 0, 8), 1);
    d.add(key(3, 6), 0, true, piece(b, 0, 8), 2);  // same id, other protocol
    DefragResult r = d.add(key(3, 6), 8, false, piece(b, 8, 8), 3);
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_EQ(r.data, b);
    EXPECT_EQ(d.pending_datagrams(), 1u);
}

TEST(IpDefragmenter, IdenticalOverlapIsNotAConflict) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(32);
    d.add(key(4), 0, true, piece(data, 0, 24), 1);
    DefragResult r = d.add(key(4), 16, false, piece(data, 16, 16), 2);
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_TRUE(r.overlap);
    EXPECT_FALSE(r.conflict);
    EXPECT_EQ(r.data, data);
}

TEST(IpDefragmenter, ConflictingOverlapKeepsFirstCopy) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(32);
    Bytes evil = data;
    for (std::size_t i = 8; i < 24; ++i) evil[i] ^= 0xff;
    d.add(key(5), 0, true, piece(data, 0, 16), 1);
    EXPECT_EQ(d.add(key(5), 24, false, piece(data, 24, 8), 2).status, DefragResult::Pending);
    DefragResult r = d.add(key(5), 8, true, piece(evil, 8, 16), 3);  // overlaps [8,16), fills [16,24)
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_TRUE(r.overlap);
    EXPECT_TRUE(r.conflict);
    Bytes expect = data;
    for (std::size_t i = 16; i < 24; ++i) expect[i] = evil[i];  // new bytes only where nothing was
    EXPECT_EQ(r.data, expect);
}

TEST(IpDefragmenter, MissingPieceNeverCompletes) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(48);
    d.add(key(6), 0, true, piece(data, 0, 16), 1);
    d.add(key(6), 32, false, piece(data, 32, 16), 2);
    for (int i = 0; i < 5; ++i)  // retransmitted copies of what is there change nothing
        EXPECT_EQ(d.add(key(6), 0, true, piece(data, 0, 16), uint64_t(3 + i)).status, DefragResult::Pending);
    EXPECT_EQ(d.pending_datagrams(), 1u);
    EXPECT_GT(d.pending_bytes(), 0u);
    EXPECT_LE(d.pending_bytes(), 1024u);
}

TEST(IpDefragmenter, MultipleTailsAndTooLong) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(32);
    d.add(key(7), 16, false, piece(data, 16, 8), 1);  // says the datagram is 24 bytes
    DefragResult r = d.add(key(7), 16, false, piece(data, 16, 16), 2);  // says 32
    EXPECT_TRUE(r.multiple_tails);
    EXPECT_TRUE(r.too_long);
    r = d.add(key(7), 0, true, piece(data, 0, 16), 3);
    ASSERT_EQ(r.status, DefragResult::Complete);
    EXPECT_EQ(r.data.size(), 24u);  // the first tail wins
}

TEST(IpDefragmenter, DataPast65535IsCut) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes data = pattern(64);
    DefragResult r = d.add(key(8), 65500, true, piece(data, 0, 64), 1);
    EXPECT_TRUE(r.too_long);
    EXPECT_LE(d.pending_bytes(), uint64_t(65535 + 64));
    r = d.add(key(9), 70000, true, piece(data, 0, 8), 2);
    EXPECT_EQ(r.status, DefragResult::Dropped);
}

TEST(IpDefragmenter, PendingDatagramsBoundedOldestEvicted) {
    IpDefragmenter d(4, 1 << 20);
    const Bytes data = pattern(16);
    uint32_t evicted = 0;
    for (uint32_t id = 0; id < 10; ++id) evicted += d.add(key(id), 0, true, piece(data, 0, 8), id + 1).evicted;
    EXPECT_EQ(d.pending_datagrams(), 4u);
    EXPECT_EQ(evicted, 6u);
    // The newest four survive: completing id 9 works, id 0 starts over.
    EXPECT_EQ(d.add(key(9), 8, false, piece(data, 8, 8), 20).status, DefragResult::Complete);
    EXPECT_EQ(d.add(key(0), 8, false, piece(data, 8, 8), 21).status, DefragResult::Pending);
}

TEST(IpDefragmenter, PendingBytesBounded) {
    const uint64_t max_bytes = 32 * 1024;
    IpDefragmenter d(100000, max_bytes);
    const Bytes data = pattern(1400);
    uint32_t evicted = 0;
    for (uint32_t id = 0; id < 1000; ++id) {
        evicted += d.add(key(id), 0, true, data, id + 1).evicted;
        ASSERT_LE(d.pending_bytes(), max_bytes);
    }
    EXPECT_GT(evicted, 900u);
    // One datagram alone bigger than the limit is not stored at all.
    const Bytes big = pattern(1400);
    EXPECT_EQ(d.add(key(5000), 64000, true, big, 9999).status, DefragResult::Dropped);
    EXPECT_LE(d.pending_bytes(), max_bytes);
}

TEST(IpDefragmenter, FloodOfTinyFragmentsInOneDatagramIsBounded) {
    IpDefragmenter d(16, 1 << 20);
    const Bytes one = {1};
    bool dropped = false;
    for (uint32_t i = 0; i < 20000 && !dropped; ++i)
        dropped = d.add(key(77), 0, true, one, i).status == DefragResult::Dropped;
    EXPECT_TRUE(dropped);
    EXPECT_EQ(d.pending_datagrams(), 0u);
    EXPECT_EQ(d.pending_bytes(), 0u);
}

// ---- through the LinkLayer ----

class Reassembly : public LinkFixture {
protected:
    // A UDP datagram (8 + 12 bytes) in fragments of 8, 8 and 4 bytes.
    std::vector<Bytes> v4_fragments(uint16_t id = 0xabcd) {
        const Bytes whole = udp(1234, 53, text("hello world!"));
        std::vector<Bytes> out;
        for (uint16_t units = 0; units * 8u < whole.size(); ++units) {
            const std::size_t off = units * 8u, len = std::min<std::size_t>(8, whole.size() - off);
            Ipv4Spec s;
            s.id = id;
            s.mf = off + len < whole.size();
            s.frag_units = units;
            out.push_back(cat({ether(0x0800), ipv4(s, Bytes(whole.begin() + std::ptrdiff_t(off),
                                                             whole.begin() + std::ptrdiff_t(off + len)))}));
        }
        return out;
    }
};

TEST_F(Reassembly, Ipv4OutOfOrderThroughLinkLayer) {
    auto frags = v4_fragments();
    ASSERT_EQ(frags.size(), 3u);
    run(1, frags[2]);
    EXPECT_EQ(ctx_.pinfo.protocol, "IPv4");
    EXPECT_EQ(ctx_.pinfo.info, "Fragmented IP protocol (proto=UDP 17, off=16, ID=abcd)");
    EXPECT_EQ(value("ip.frag_offset"), "2");
    EXPECT_EQ(label("ip.frag_offset"), "...0 0000 0000 0010 = Fragment Offset: 16");
    EXPECT_FALSE(has("udp"));
    EXPECT_EQ(value("data.len"), "4");
    run(1, frags[0]);
    EXPECT_EQ(label("ip.flags"), "001. .... = Flags: 0x1, More fragments");
    EXPECT_FALSE(has("udp"));
    run(1, frags[1]);
    EXPECT_EQ(value("udp.srcport"), "1234");
    EXPECT_EQ(ctx_.pinfo.protocol, "UDP");
    EXPECT_EQ(values("ip.fragment"), (std::vector<std::string>{"2", "3", "1"}));
    EXPECT_EQ(value("ip.fragment.count"), "3");
    EXPECT_EQ(value("ip.reassembled.length"), "20");
    EXPECT_EQ(value("ip.fragments"), "04d200350014111168656c6c6f20776f726c6421");
    EXPECT_EQ(label("ip.fragments"), "3 IPv4 Fragments (20 bytes): #2(8), #3(8), #1(4)");
    EXPECT_EQ(labels("ip.fragment").at(2), "Frame: 1, payload: 16-19 (4 bytes)");
    ASSERT_EQ(ctx_.sources.size(), 2u);
    EXPECT_EQ(ctx_.sources[1].name, "Reassembled IPv4 (20 bytes)");
    // The UDP nodes point into the reassembled source.
    const FieldId f = field("udp.srcport");
    ctx_.tree.for_each(f, [&](uint32_t i) { EXPECT_EQ(ctx_.tree.node(i).range.source, 1); });
}

TEST_F(Reassembly, Ipv4TcpOverFragmentsReachesTcp) {
    const Bytes seg = tcp(1470, 25, 100, 0, 0x02, {});
    Ipv4Spec a;
    a.proto = 6;
    a.mf = true;
    Ipv4Spec b = a;
    b.mf = false;
    b.frag_units = 1;
    run(1, cat({ether(0x0800), ipv4(a, Bytes(seg.begin(), seg.begin() + 8))}));
    EXPECT_FALSE(has("tcp.srcport"));
    EXPECT_EQ(ctx_.pinfo.info, "Fragmented IP protocol (proto=TCP 6, off=0, ID=1234)");
    run(1, cat({ether(0x0800), ipv4(b, Bytes(seg.begin() + 8, seg.end()))}));
    EXPECT_EQ(value("tcp.srcport"), "1470");
    EXPECT_EQ(value("tcp.dstport"), "25");
}

TEST_F(Reassembly, OverlapConflictIsFlagged) {
    const Bytes whole = udp(1, 2, pattern(16));
    Ipv4Spec s;
    s.mf = true;
    run(1, cat({ether(0x0800), ipv4(s, Bytes(whole.begin(), whole.begin() + 16))}));
    Bytes changed(whole.begin() + 8, whole.begin() + 16);
    changed[0] ^= 1;
    s.frag_units = 1;
    run(1, cat({ether(0x0800), ipv4(s, changed)}));
    EXPECT_TRUE(has("ip.defragment.overlap_conflict"));
    EXPECT_EQ(value("ip.fragment.overlap.conflict"), "1");
    s.mf = false;
    s.frag_units = 2;
    run(1, cat({ether(0x0800), ipv4(s, Bytes(whole.begin() + 16, whole.end()))}));
    EXPECT_EQ(value("udp.length"), "24");
}

TEST_F(Reassembly, MissingFragmentNeverCompletes) {
    auto frags = v4_fragments();
    run(1, frags[0]);
    run(1, frags[2]);
    for (int i = 0; i < 3; ++i) {
        run(1, frags[0]);
        EXPECT_FALSE(has("udp"));
        EXPECT_FALSE(has("ip.fragments"));
    }
    const Bytes other = v4_fragments(0x1111)[1];
    run(1, other);  // the middle piece of another datagram does not help
    EXPECT_FALSE(has("udp"));
}

TEST_F(Reassembly, FragmentFloodEvictsOldestWithNote) {
    limits_.ip_max_pending_datagrams = 8;
    make_layers();
    std::vector<Bytes> firsts;
    for (uint16_t id = 0; id < 20; ++id) firsts.push_back(v4_fragments(id)[0]);
    int notes = 0;
    for (const auto& f : firsts) {
        run(1, f);
        if (has("ip.defragment.evicted")) ++notes;
    }
    EXPECT_EQ(notes, 12);
    // Datagram 0 was evicted: its remaining pieces no longer complete it.
    auto zero = v4_fragments(0);
    run(1, zero[1]);
    run(1, zero[2]);
    EXPECT_FALSE(has("udp"));
    // Datagram 19 is still pending and completes.
    auto last = v4_fragments(19);
    run(1, last[1]);
    run(1, last[2]);
    EXPECT_EQ(value("udp.srcport"), "1234");
}

TEST_F(Reassembly, SnaplenCutFragmentIsNotUsed) {
    auto frags = v4_fragments();
    Bytes cut = frags[0];
    cut.resize(cut.size() - 3);
    run(1, cut, uint32_t(frags[0].size()));
    EXPECT_TRUE(has("ip.defragment.not_stored"));
    run(1, frags[1]);
    run(1, frags[2]);
    EXPECT_FALSE(has("udp"));
}

TEST_F(Reassembly, Ipv6FragmentsOutOfOrder) {
    const Bytes whole = udp(1234, 53, text("hello world!"));
    const Bytes first(whole.begin(), whole.begin() + 8), second(whole.begin() + 8, whole.end());
    run(1, cat({ether(0x86dd), ipv6(44, cat({v6_fragment_header(17, 1, false, 0x55), second}))}));
    EXPECT_EQ(ctx_.pinfo.protocol, "IPv6");
    EXPECT_EQ(ctx_.pinfo.info, "IPv6 fragment (off=8 more=n ident=0x00000055 nxt=17)");
    EXPECT_EQ(label("ipv6.fraghdr.offset"), "0000 0000 0000 1... = Offset: 1 (8 bytes)");
    EXPECT_FALSE(has("udp"));
    run(1, cat({ether(0x86dd), ipv6(44, cat({v6_fragment_header(17, 0, true, 0x55), first}))}));
    EXPECT_EQ(value("udp.srcport"), "1234");
    EXPECT_EQ(values("ipv6.fragment"), (std::vector<std::string>{"2", "1"}));
    EXPECT_EQ(value("ipv6.reassembled.length"), "20");
    EXPECT_EQ(label("ipv6.fragments"), "2 IPv6 Fragments (20 bytes): #2(8), #1(12)");
    ASSERT_EQ(ctx_.sources.size(), 2u);
    EXPECT_EQ(ctx_.sources[1].name, "Reassembled IPv6 (20 bytes)");
}

TEST_F(Reassembly, Ipv6FragmentWithDestinationOptionsInside) {
    // The fragmentable part starts with a destination-options header.
    const Bytes inner = cat({Bytes{17, 0, 1, 4, 0, 0, 0, 0}, udp(9, 10, text("abcdefgh"))});
    const Bytes a(inner.begin(), inner.begin() + 16), b(inner.begin() + 16, inner.end());
    run(1, cat({ether(0x86dd), ipv6(44, cat({v6_fragment_header(60, 0, true, 7), a}))}));
    run(1, cat({ether(0x86dd), ipv6(44, cat({v6_fragment_header(60, 2, false, 7), b}))}));
    EXPECT_TRUE(has("ipv6.dstopts"));
    EXPECT_EQ(value("udp.dstport"), "10");
}

}  // namespace
}  // namespace ms::test
