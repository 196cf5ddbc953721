// Every limit gives an expert item where it applies and the rest is shown
// raw; hostile messages cost bounded memory and time.
#include <gtest/gtest.h>

#include <malloc.h>

#include <chrono>
#include <string>

#include "message_test_util.hpp"

namespace {
using ms::imf::MessageDissector;

bool has_note(const MessageDissector& d, imf_experts::Expert x) {
    for (const auto& e : d.entities())
        for (const auto& n : e.notes)
            if (n.expert == x) return true;
    return false;
}

uint64_t stored_header_bytes(const MessageDissector& d) {
    uint64_t n = 0;
    for (const auto& e : d.entities())
        for (const auto& h : e.headers) n += h.name.size() + h.value.size();
    return n;
}

// Heap bytes in use now (glibc), to check what a parser holds.
uint64_t heap_in_use() { return mallinfo2().uordblks; }

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST(Limits, HeaderBytes) {
    ms::test::register_message_fields();
    ms::Limits l;
    l.imf_max_header_bytes = 1000;
    MessageDissector d(l);
    std::string msg;
    for (int i = 0; i < 100; ++i) msg += "X-Filler-" + std::to_string(i) + ": some value here\r\n";
    msg += "Content-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n";
    d.feed(ms::test::as_bytes(msg));
    d.finish();
    EXPECT_TRUE(has_note(d, imf_experts::header_limit));
    EXPECT_LE(stored_header_bytes(d), 1000u + 4096u);
    // The structural header after the budget still counts.
    EXPECT_EQ(d.entities()[0].charset, "utf-8");
    ASSERT_EQ(d.entities().size(), 1u);
    EXPECT_EQ(d.entities()[0].text, "body\r\n");
}

TEST(Limits, DepthShowsTheRestRaw) {
    ms::test::register_message_fields();
    ms::Limits l;
    l.mime_max_depth = 3;
    MessageDissector d(l);
    std::string msg;
    for (int i = 0; i < 6; ++i) msg += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" + std::to_string(i) + "\r\n";
    msg += "\r\ndeep\r\n";
    d.feed(ms::test::as_bytes(msg));
    d.finish();
    EXPECT_TRUE(has_note(d, imf_experts::mime_max_depth));
    EXPECT_EQ(d.entities().size(), 4u);  // depths 0..3; the 4th multipart is a raw leaf
    EXPECT_TRUE(d.entities().back().raw);
}

TEST(Limits, PartsShowTheRestRaw) {
    ms::test::register_message_fields();
    ms::Limits l;
    l.mime_max_parts = 10;
    MessageDissector d(l);
    std::string msg = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (int i = 0; i < 50; ++i) msg += "--b\r\n\r\npart\r\n";
    msg += "--b--\r\n";
    d.feed(ms::test::as_bytes(msg));
    d.finish();
    EXPECT_TRUE(has_note(d, imf_experts::mime_max_parts));
    EXPECT_EQ(d.entities().size(), 10u);
}

TEST(Limits, DecodedBytes) {
    ms::test::register_message_fields();
    ms::Limits l;
    l.max_decoded_bytes = 100;
    MessageDissector d(l);
    ms::test::RecordingSink sink;
    d.set_sink(&sink);
    std::string msg = "Content-Type: application/x-y\r\n\r\n" + std::string(1000, 'z') + "\r\n";
    d.feed(ms::test::as_bytes(msg));
    d.finish();
    EXPECT_TRUE(has_note(d, imf_experts::mime_max_decoded));
    ASSERT_EQ(sink.parts.size(), 1u);
    EXPECT_EQ(sink.parts[0].data.size(), 100u);
    EXPECT_FALSE(sink.parts[0].end.complete);
    EXPECT_EQ(d.entities()[0].raw_size, 1002u);
}

TEST(Limits, TruncatedMessage) {
    ms::test::register_message_fields();
    ms::Limits l;
    MessageDissector d(l);
    d.feed(ms::test::as_bytes("Subject: cut\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\npartial"));
    d.finish(true);
    EXPECT_TRUE(d.summary().truncated);
    EXPECT_TRUE(has_note(d, imf_experts::truncated));
    EXPECT_TRUE(has_note(d, imf_experts::no_close));
    d.feed(ms::test::as_bytes("more"));  // ignored after finish
    EXPECT_EQ(d.summary().size, 73u);
}

TEST(Hostile, TenMiBHeaderLine) {
    ms::test::register_message_fields();
    ms::Limits l;
    MessageDissector d(l);
    auto t0 = std::chrono::steady_clock::now();
    std::string chunk(1 << 16, 'a');
    d.feed(ms::test::as_bytes("Subject: "));
    uint64_t heap0 = heap_in_use();
    for (int i = 0; i < 160; ++i) d.feed(ms::test::as_bytes(chunk));
    EXPECT_LT(heap_in_use() - heap0, 1u << 20);
    d.feed(ms::test::as_bytes("\r\nFrom: x@y.test\r\n\r\nbody\r\n"));
    d.finish();
    EXPECT_LT(seconds_since(t0), 5.0);
    EXPECT_TRUE(has_note(d, imf_experts::header_line_long));
    EXPECT_LE(stored_header_bytes(d), l.imf_max_header_bytes + 64);
    EXPECT_EQ(d.summary().from, "x@y.test");
    EXPECT_EQ(d.entities()[0].text, "body\r\n");
}

TEST(Hostile, HundredThousandNestedMultiparts) {
    ms::test::register_message_fields();
    ms::Limits l;
    MessageDissector d(l);
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 100000; ++i) {
        std::string level = "Content-Type: multipart/mixed; boundary=\"n" + std::to_string(i) + "\"\r\n\r\n--n" + std::to_string(i) + "\r\n";
        d.feed(ms::test::as_bytes(level));
    }
    d.feed(ms::test::as_bytes("\r\ninnermost\r\n"));
    d.finish();
    EXPECT_LT(seconds_since(t0), 20.0);
    EXPECT_LE(d.entities().size(), l.mime_max_depth + 1u);
    EXPECT_TRUE(has_note(d, imf_experts::mime_max_depth));
}

TEST(Hostile, MillionBoundaries) {
    ms::test::register_message_fields();
    ms::Limits l;
    MessageDissector d(l);
    auto t0 = std::chrono::steady_clock::now();
    uint64_t heap0 = heap_in_use();
    d.feed(ms::test::as_bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n"));
    std::string block;
    const std::string long_name(900, 'n');
    for (int i = 0; i < 1000; ++i)
        block += "--b\r\nContent-Type: application/x-y; name=\"" + long_name + "\"\r\nX-Other: " + long_name + "\r\n\r\nx\r\n";
    for (int i = 0; i < 1000; ++i) d.feed(ms::test::as_bytes(block));
    uint64_t held = heap_in_use() - heap0;
    d.finish();
    EXPECT_LT(seconds_since(t0), 30.0);
    EXPECT_LT(held, 64u << 20) << "heap held while parsing ~2 GB of parts";
    EXPECT_LE(d.entities().size(), l.mime_max_parts);
    EXPECT_TRUE(has_note(d, imf_experts::mime_max_parts));
    uint64_t marks = 0;
    for (const auto& e : d.entities()) marks += e.marks.size();
    EXPECT_LE(marks, l.mime_max_parts + 16u);
}

TEST(Hostile, ManyHeaderLinesAndLongBodyLine) {
    ms::test::register_message_fields();
    ms::Limits l;
    MessageDissector d(l);
    ms::test::RecordingSink sink;
    d.set_sink(&sink);
    std::string headers;
    for (int i = 0; i < 200000; ++i) headers += "X-A: b\r\n";
    d.feed(ms::test::as_bytes(headers));
    d.feed(ms::test::as_bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n"));
    std::string line(1 << 20, '-');  // a body line of dashes: could be a boundary until it can't
    for (int i = 0; i < 8; ++i) d.feed(ms::test::as_bytes(line));
    d.feed(ms::test::as_bytes("\r\n--b--\r\n"));
    d.finish();
    EXPECT_LE(stored_header_bytes(d), 16 * l.imf_max_header_bytes + 4096);
    ASSERT_EQ(sink.parts.size(), 1u);
    EXPECT_EQ(sink.parts[0].data.size(), 8u << 20);
}

}  // namespace
