// The shared line framer: CRLF lines, caps, bare CR/LF, raw runs, gaps, and
// the same pieces whatever the split of the input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dissectors/core/line_framer.hpp"

namespace {

struct Piece {
    std::string kind;  // "L" line, "R" raw
    uint64_t offset;
    std::string text;
    uint64_t wire;
    bool truncated, bare_cr, after_gap;
    uint8_t term;
    bool operator==(const Piece&) const = default;
};

std::span<const uint8_t> bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Feeds `input` in chunks of `chunk` bytes; a line "RAW n" switches to raw
// mode for n bytes, which are joined into one piece per run for comparison.
std::vector<Piece> frame_all(const std::string& input, std::size_t chunk, uint32_t max = 4096) {
    ms::LineFramer fr(max);
    std::vector<Piece> out;
    for (std::size_t at = 0; at < input.size(); at += chunk) {
        std::string part = input.substr(at, chunk);
        fr.feed(at, bytes(part));
        ms::FramedLine l;
        ms::RawRun r;
        for (;;) {
            auto p = fr.next(l, r);
            if (p == ms::LineFramer::Piece::None) break;
            if (p == ms::LineFramer::Piece::Raw) {
                std::string b(reinterpret_cast<const char*>(r.bytes.data()), r.bytes.size());
                if (!out.empty() && out.back().kind == "R" && out.back().offset + out.back().wire == r.offset) {
                    out.back().text += b;
                    out.back().wire += b.size();
                } else {
                    out.push_back({"R", r.offset, b, b.size(), false, false, false, 0});
                }
                continue;
            }
            std::string t(reinterpret_cast<const char*>(l.text.data()), l.text.size());
            out.push_back({"L", l.offset, t, l.wire_length, l.truncated, l.bare_cr, l.after_gap, l.terminator});
            if (t.rfind("RAW ", 0) == 0) fr.expect_raw(std::stoull(t.substr(4)));
        }
    }
    ms::FramedLine l;
    if (fr.finish(l)) {
        std::string t(reinterpret_cast<const char*>(l.text.data()), l.text.size());
        out.push_back({"U", l.offset, t, l.wire_length, l.truncated, l.bare_cr, l.after_gap, l.terminator});
    }
    return out;
}

TEST(LineFramer, SplitsCrlfLinesWithOffsets) {
    auto p = frame_all("EHLO a\r\nMAIL FROM:<x>\r\n", 1000);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].text, "EHLO a");
    EXPECT_EQ(p[0].offset, 0u);
    EXPECT_EQ(p[0].wire, 8u);
    EXPECT_EQ(p[0].term, 2);
    EXPECT_EQ(p[1].text, "MAIL FROM:<x>");
    EXPECT_EQ(p[1].offset, 8u);
}

TEST(LineFramer, FlagsBareLfAndBareCr) {
    auto p = frame_all("A\nB\rC\r\n", 1000);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0].term, 1);
    EXPECT_FALSE(p[0].bare_cr);
    EXPECT_EQ(p[1].text, "B\rC");
    EXPECT_TRUE(p[1].bare_cr);
    EXPECT_EQ(p[1].term, 2);
}

TEST(LineFramer, TruncatesAtCapAndSkipsToLf) {
    std::string longline(100, 'x');
    auto p = frame_all(longline + "\r\nNEXT\r\n", 1000, 10);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_TRUE(p[0].truncated);
    EXPECT_EQ(p[0].text, std::string(10, 'x'));
    EXPECT_EQ(p[0].term, 0);
    EXPECT_EQ(p[1].text, "NEXT");
    EXPECT_EQ(p[1].offset, 102u);
}

TEST(LineFramer, LineExactlyAtCapIsWhole) {
    auto p = frame_all("123456789\n", 1000, 10);  // 9 text bytes + CR... here no CR
    ASSERT_EQ(p.size(), 1u);
    EXPECT_FALSE(p[0].truncated);
    auto q = frame_all("12345678\r\n", 1000, 9);  // text + CR = 9 = cap
    ASSERT_EQ(q.size(), 1u);
    EXPECT_FALSE(q[0].truncated);
    EXPECT_EQ(q[0].text, "12345678");
}

TEST(LineFramer, RawModePassesCountedBytes) {
    auto p = frame_all("RAW 5\r\nab\r\ncQUIT\r\n", 1000);
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[1].kind, "R");
    EXPECT_EQ(p[1].text, "ab\r\nc");
    EXPECT_EQ(p[1].offset, 7u);
    EXPECT_EQ(p[2].text, "QUIT");
}

TEST(LineFramer, HugeRawCountAllocatesNothing) {
    ms::LineFramer fr(64);
    fr.expect_raw(UINT64_MAX);
    std::string s(1000, 'z');
    fr.feed(0, bytes(s));
    ms::FramedLine l;
    ms::RawRun r;
    ASSERT_EQ(fr.next(l, r), ms::LineFramer::Piece::Raw);
    EXPECT_EQ(r.bytes.size(), 1000u);
    EXPECT_EQ(r.remaining, UINT64_MAX - 1000);
    EXPECT_EQ(fr.next(l, r), ms::LineFramer::Piece::None);
}

TEST(LineFramer, AnySplitGivesSamePieces) {
    std::string in = "220 hi\r\n" + std::string(50, 'q') + "\r\nRAW 7\r\n1234567bare\nlf\r\nRAW 0\r\nend\r\x0d\r\ntail";
    auto whole = frame_all(in, in.size(), 32);
    ASSERT_GE(whole.size(), 6u);
    for (std::size_t chunk = 1; chunk < 20; ++chunk) EXPECT_EQ(frame_all(in, chunk, 32), whole) << chunk;
    EXPECT_EQ(whole.back().kind, "U");
    EXPECT_EQ(whole.back().text, "tail");
}

TEST(LineFramer, GapDropsPartialLineAndMarksNext) {
    ms::LineFramer fr(100);
    std::string a = "HEL";
    fr.feed(0, bytes(a));
    ms::FramedLine l;
    ms::RawRun r;
    EXPECT_EQ(fr.next(l, r), ms::LineFramer::Piece::None);
    auto g = fr.on_gap(3, 10);
    EXPECT_EQ(g.line_bytes_lost, 3u);
    std::string b = "tail\r\nNOOP\r\n";
    fr.feed(13, bytes(b));
    ASSERT_EQ(fr.next(l, r), ms::LineFramer::Piece::Line);
    EXPECT_TRUE(l.after_gap);
    EXPECT_EQ(l.offset, 13u);
    ASSERT_EQ(fr.next(l, r), ms::LineFramer::Piece::Line);
    EXPECT_FALSE(l.after_gap);
}

TEST(LineFramer, GapInsideRawRunShortensIt) {
    ms::LineFramer fr(100);
    fr.expect_raw(10);
    auto g = fr.on_gap(0, 4);
    EXPECT_EQ(g.raw_lost, 4u);
    EXPECT_FALSE(g.raw_overrun);
    EXPECT_EQ(fr.raw_remaining(), 6u);
    auto g2 = fr.on_gap(4, 100);
    EXPECT_EQ(g2.raw_lost, 6u);
    EXPECT_TRUE(g2.raw_overrun);
    EXPECT_EQ(fr.raw_remaining(), 0u);
}

TEST(LineFramer, InInputLinesPointIntoInput) {
    ms::LineFramer fr(100);
    std::string a = "AB";
    fr.feed(0, bytes(a));
    ms::FramedLine l;
    ms::RawRun r;
    EXPECT_EQ(fr.next(l, r), ms::LineFramer::Piece::None);
    std::string b = "C\r\nDE\r\n";
    fr.feed(2, bytes(b));
    ASSERT_EQ(fr.next(l, r), ms::LineFramer::Piece::Line);
    EXPECT_FALSE(l.in_input);  // began in the earlier delivery
    ASSERT_EQ(fr.next(l, r), ms::LineFramer::Piece::Line);
    EXPECT_TRUE(l.in_input);
    EXPECT_EQ(l.input_pos, 3u);
    EXPECT_EQ(l.text.data(), reinterpret_cast<const uint8_t*>(b.data()) + 3);
}

}  // namespace
