// Reassembly corners, fed through the whole TcpLayer with a recording
// application dissector.
#include <gtest/gtest.h>

#include "capture/tcp/connection.hpp"
#include "tcp_test_util.hpp"

namespace ms::tcptest {
namespace {

constexpr uint16_t SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01, RST = 0x04;
constexpr uint32_t C = 1000, S = 5000;  // initial sequence numbers

void handshake(Driver& d, uint32_t cisn = C, uint32_t sisn = S, uint16_t cport = 40000) {
    d.send(true, cisn, 0, SYN, "", cport);
    d.send(false, sisn, cisn + 1, SYN | ACK, "", cport);
    d.send(true, cisn + 1, sisn + 1, ACK, "", cport);
}

std::vector<Event> data_events(uint64_t stream, Dir dir) {
    std::vector<Event> out;
    for (auto& e : events()[stream])
        if (e.dir == dir && e.kind == Event::Data) out.push_back(e);
    return out;
}

TEST(TcpReassembly, InOrderIsPassedStraightFromTheFrame) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, PSH | ACK, "HELO x\r\n");
    d.send(false, S + 1, C + 9, PSH | ACK, "250 ok\r\n");
    d.send(true, C + 9, S + 9, PSH | ACK, "QUIT\r\n");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "HELO x\r\nQUIT\r\n");
    EXPECT_EQ(stream_text(0, Dir::ToClient), "250 ok\r\n");
    auto ev = data_events(0, Dir::ToServer);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].offset, 0u);
    EXPECT_EQ(ev[0].frame_offset, 34 + 20);  // inside the frame: no copy
    EXPECT_EQ(ev[0].frame, 4u);
    EXPECT_EQ(ev[1].offset, 8u);
}

TEST(TcpReassembly, OutOfOrderIsBufferedUntilTheHoleFills) {
    Driver d;
    handshake(d);
    d.send(true, C + 6, S + 1, ACK, "world");  // frame 4, ahead of a hole
    EXPECT_EQ(stream_text(0, Dir::ToServer), "");
    d.send(true, C + 1, S + 1, ACK, "hello");  // frame 5 fills it
    EXPECT_EQ(stream_text(0, Dir::ToServer), "helloworld");
    auto ev = data_events(0, Dir::ToServer);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].frame_offset, 54);
    EXPECT_EQ(ev[0].frame, 5u);
    EXPECT_EQ(ev[1].frame_offset, -1);  // came from the buffer
    EXPECT_EQ(ev[1].frame, 4u);         // captured in frame 4
    EXPECT_EQ(ev[1].offset, 5u);
}

TEST(TcpReassembly, RetransmissionIsNotDeliveredTwice) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, ACK, "abcdef");
    d.send(true, C + 1, S + 1, ACK, "abcdef");
    EXPECT_TRUE(has_field(d.ctx(), "tcp.analysis.retransmission"));
    EXPECT_FALSE(has_field(d.ctx(), "tcp.reassembly.overlap_conflict"));
    d.send(true, C + 7, S + 1, ACK, "gh");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "abcdefgh");
}

TEST(TcpReassembly, PartialOverlapWithSameBytesKeepsOneCopy) {
    Driver d;
    handshake(d);
    d.send(true, C + 11, S + 1, ACK, "KLMNO");  // [10,15)
    d.send(true, C + 6, S + 1, ACK, "FGHIJKL");  // [5,12) overlaps the buffered piece
    EXPECT_FALSE(has_field(d.ctx(), "tcp.reassembly.overlap_conflict"));
    d.send(true, C + 1, S + 1, ACK, "ABCDEFG");  // [0,7) overlaps the second
    EXPECT_EQ(stream_text(0, Dir::ToServer), "ABCDEFGHIJKLMNO");
    // Every byte exactly once, in order, with contiguous offsets.
    uint64_t next = 0;
    for (auto& e : data_events(0, Dir::ToServer)) {
        EXPECT_EQ(e.offset, next);
        next += e.length;
    }
    EXPECT_EQ(next, 15u);
}

TEST(TcpReassembly, OverlapWithDifferentBytesKeepsTheFirstCopyAndWarns) {
    Driver d;
    handshake(d);
    d.send(true, C + 6, S + 1, ACK, "world");   // first copy of [5,10)
    d.send(true, C + 6, S + 1, ACK, "WORLD");   // different bytes
    EXPECT_TRUE(has_field(d.ctx(), "tcp.reassembly.overlap_conflict"));
    d.send(true, C + 1, S + 1, ACK, "hello");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "helloworld");
    // An in-order segment running into buffered data: the buffered copy wins.
    d.send(true, C + 16, S + 1, ACK, "67890");  // [15,20) buffered
    d.send(true, C + 11, S + 1, ACK, "12345XXXXX");
    EXPECT_TRUE(has_field(d.ctx(), "tcp.reassembly.overlap_conflict"));
    EXPECT_EQ(stream_text(0, Dir::ToServer), "helloworld1234567890");
}

TEST(TcpReassembly, PeerAckBeyondAHoleDeclaresAGap) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, ACK, "aaaaa");   // [0,5)
    d.send(true, C + 11, S + 1, ACK, "ccccc");  // [10,15): [5,10) not captured
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa");
    d.send(false, S + 1, C + 16, ACK, "");      // the server got everything
    EXPECT_TRUE(has_field(d.ctx(), "tcp.reassembly.gap"));
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa[gap 5]ccccc");
    // Data arriving ahead of an already-acknowledged hole is passed on at once.
    d.send(false, S + 1, C + 26, ACK, "");      // ACK for [15,25) we never saw
    d.send(true, C + 26, S + 1, ACK, "eeeee");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa[gap 5]ccccc[gap 10]eeeee");
}

TEST(TcpReassembly, GapAtEndOfCaptureFlushesBufferedData) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, ACK, "aaaaa");
    d.send(true, C + 11, S + 1, ACK, "ccccc");
    d.send(true, C + 21, S + 1, ACK, "eeeee");
    d.finish();
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa[gap 5]ccccc[gap 5]eeeee");
    auto& ev = events()[0];
    int ends = 0;
    for (auto& e : ev)
        if (e.kind == Event::End) {
            ++ends;
            EXPECT_EQ(e.why, EndReason::CaptureEnd);
        }
    EXPECT_EQ(ends, 2);
}

TEST(TcpReassembly, FinAfterAHoleWaitsThenFlushesOnAck) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, ACK, "aaaaa");
    d.send(true, C + 11, S + 1, FIN | ACK, "ccccc");  // FIN at offset 15, hole [5,10)
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa");
    d.send(false, S + 1, C + 17, ACK, "");  // acks data and FIN
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaa[gap 5]ccccc");
    bool fin_end = false;
    for (auto& e : events()[0])
        if (e.kind == Event::End && e.dir == Dir::ToServer) fin_end = e.why == EndReason::Fin;
    EXPECT_TRUE(fin_end);
}

TEST(TcpReassembly, SequenceWrapAt2Pow32IsInvisible) {
    Driver d;
    const uint32_t isn = 0xFFFFFFF0u;
    handshake(d, isn);
    std::string all;
    uint32_t seq = isn + 1;
    for (int i = 0; i < 4; ++i) {
        std::string p(10, char('a' + i));
        d.send(true, seq, S + 1, ACK, p);
        seq += 10;
        all += p;
    }
    EXPECT_EQ(stream_text(0, Dir::ToServer), all);
    auto ev = data_events(0, Dir::ToServer);
    ASSERT_EQ(ev.size(), 4u);
    EXPECT_EQ(ev[3].offset, 30u);
    // Out of order across the wrap, too.
    Driver d2;
    handshake(d2, isn);
    d2.send(true, isn + 21, S + 1, ACK, "cccccccccc");  // wrapped sequence number
    d2.send(true, isn + 1, S + 1, ACK, "aaaaaaaaaabbbbbbbbbb");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aaaaaaaaaabbbbbbbbbbcccccccccc");
}

TEST(TcpReassembly, MidStreamPickupStartsAtTheFirstSequenceSeen) {
    Driver d;
    d.send(false, 777777, 123456, PSH | ACK, "220 ready\r\n");
    d.send(true, 123456, 777788, PSH | ACK, "EHLO a\r\n");
    EXPECT_EQ(stream_text(0, Dir::ToClient), "220 ready\r\n");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "EHLO a\r\n");
    auto ev = data_events(0, Dir::ToClient);
    ASSERT_EQ(ev.size(), 1u);
    EXPECT_EQ(ev[0].offset, 0u);
    EXPECT_EQ(field_text(d.ctx(), "tcp.seq"), "1");  // tshark's relative numbering without SYN
}

TEST(TcpReassembly, PortReuseAfterFinOrRstStartsANewStream) {
    Driver d;
    handshake(d);
    d.send(true, C + 1, S + 1, PSH | ACK, "one");
    d.send(true, C + 4, S + 1, FIN | ACK, "");
    d.send(false, S + 1, C + 5, FIN | ACK, "");
    d.send(true, C + 5, S + 2, ACK, "");
    EXPECT_EQ(d.tcp().stream_count(), 1u);
    handshake(d, 9000, 7000);  // same ports, new ISN
    EXPECT_EQ(d.tcp().stream_count(), 2u);
    EXPECT_EQ(field_text(d.ctx(), "tcp.stream"), "1");
    d.send(true, 9001, 7001, PSH | ACK, "two");
    d.send(false, 7001, 9004, RST | ACK, "");
    handshake(d, 20000, 30000);
    EXPECT_EQ(d.tcp().stream_count(), 3u);
    d.send(true, 20001, 30001, PSH | ACK, "three");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "one");
    EXPECT_EQ(stream_text(1, Dir::ToServer), "two");
    EXPECT_EQ(stream_text(2, Dir::ToServer), "three");
    // A retransmitted SYN (same ISN) stays in its stream.
    d.send(true, 20000, 0, SYN, "");
    EXPECT_EQ(d.tcp().stream_count(), 3u);
    // Within one iRTT of the last data tshark calls it out-of-order, else a retransmission.
    EXPECT_TRUE(has_field(d.ctx(), "tcp.analysis.out_of_order") ||
                has_field(d.ctx(), "tcp.analysis.retransmission"));
}

TEST(TcpReassembly, OneSidedCaptureDeliversItsSide) {
    Driver d;
    d.send(true, C, 0, SYN, "");
    d.send(true, C + 1, S + 1, ACK, "");
    d.send(true, C + 1, S + 1, PSH | ACK, "MAIL FROM:<a@b>\r\n");
    d.send(true, C + 18, S + 1, PSH | ACK, "RCPT TO:<c@d>\r\n");
    d.finish();
    EXPECT_EQ(stream_text(0, Dir::ToServer), "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n");
    EXPECT_EQ(stream_text(0, Dir::ToClient), "");
}

TEST(TcpReassembly, SynWithDataAndKeepAlives) {
    Driver d;
    d.send(true, C, 0, SYN, "early");  // TCP Fast Open style
    d.send(false, S, C + 6, SYN | ACK, "");
    d.send(true, C + 6, S + 1, ACK, "");
    d.send(true, C + 5, S + 1, ACK, "x");  // keep-alive: one byte before nextseq
    EXPECT_TRUE(has_field(d.ctx(), "tcp.analysis.keep_alive"));
    d.send(true, C + 5, S + 1, ACK, "");
    d.send(true, C + 6, S + 1, ACK, "late");
    EXPECT_EQ(stream_text(0, Dir::ToServer), "earlylate");
}

TEST(TcpReassembly, LimitsTurnIntoGapsAndNotes) {
    Limits l;
    l.tcp_max_ooo_segments_per_flow = 2;
    l.tcp_max_ooo_bytes_per_flow = 1000;
    Driver d(l);
    handshake(d);
    d.send(true, C + 1, S + 1, ACK, "aa");
    d.send(true, C + 5, S + 1, ACK, "cc");  // hole [2,4)
    d.send(true, C + 9, S + 1, ACK, "ee");  // hole [6,8)
    EXPECT_FALSE(has_field(d.ctx(), "tcp.reassembly.limit"));
    d.send(true, C + 13, S + 1, ACK, "gg");  // third piece: over the limit
    EXPECT_TRUE(has_field(d.ctx(), "tcp.reassembly.limit"));
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aa[gap 2]cc");
    d.finish();
    EXPECT_EQ(stream_text(0, Dir::ToServer), "aa[gap 2]cc[gap 2]ee[gap 2]gg");

    Limits tiny;
    tiny.tcp_max_ooo_bytes_total = 4;
    Driver t(tiny);
    handshake(t);
    t.send(true, C + 11, S + 1, ACK, "0123456789");  // alone exceeds the total
    EXPECT_TRUE(has_field(t.ctx(), "tcp.reassembly.limit"));
    EXPECT_EQ(stream_text(0, Dir::ToServer), "[gap 10]0123456789");
}

TEST(TcpReassembly, ManyFlowsStayBounded) {
    Limits l;
    l.tcp_max_flows = 100;
    Driver d(l);
    for (uint32_t i = 0; i < 1000; ++i) d.send(true, i * 7919u, 0, SYN, "", uint16_t(1024 + i));
    EXPECT_EQ(d.tcp().stream_count(), 1000u);
    EXPECT_TRUE(has_field(d.ctx(), "tcp.reassembly.flow_limit"));
    // The newest flows are still known: a SYN/ACK to the last one joins its stream.
    d.send(false, 1, 999 * 7919u + 1, SYN | ACK, "", uint16_t(1024 + 999));
    EXPECT_EQ(field_text(d.ctx(), "tcp.stream"), "999");
    EXPECT_EQ(d.tcp().stream_count(), 1000u);
}

// The same stream cut at every byte boundary, in order and reversed, must
// always deliver the same bytes.
TEST(TcpReassembly, EverySplitDeliversTheSameBytes) {
    const std::string msg = "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\n";
    for (std::size_t cut = 1; cut < msg.size(); ++cut) {
        for (bool reversed : {false, true}) {
            Driver d;
            handshake(d);
            std::string a = msg.substr(0, cut), b = msg.substr(cut);
            if (!reversed) {
                d.send(true, C + 1, S + 1, ACK, a);
                d.send(true, C + 1 + uint32_t(cut), S + 1, ACK, b);
            } else {
                d.send(true, C + 1 + uint32_t(cut), S + 1, ACK, b);
                d.send(true, C + 1, S + 1, ACK, a);
            }
            ASSERT_EQ(stream_text(0, Dir::ToServer), msg) << "cut " << cut << (reversed ? " reversed" : "");
        }
    }
    // Three pieces with overlapping retransmissions at every pair of cuts.
    for (std::size_t i = 1; i + 1 < msg.size(); i += 3) {
        for (std::size_t j = i + 1; j < msg.size(); j += 5) {
            Driver d;
            handshake(d);
            d.send(true, C + 1 + uint32_t(j), S + 1, ACK, msg.substr(j));
            d.send(true, C + 1, S + 1, ACK, msg.substr(0, i));
            d.send(true, C + 1 + uint32_t(i / 2), S + 1, ACK, msg.substr(i / 2, j - i / 2));
            ASSERT_EQ(stream_text(0, Dir::ToServer), msg) << i << "," << j;
        }
    }
}

}  // namespace
}  // namespace ms::tcptest
