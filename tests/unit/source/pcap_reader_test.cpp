// Classic pcap: byte orders, timestamp precision, link types, snaplen.
#include <gtest/gtest.h>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

struct PcapVariant {
    bool big_endian;
    bool nanoseconds;
};

class PcapVariants : public ::testing::TestWithParam<PcapVariant> {};

TEST_P(PcapVariants, ReadsFramesTimestampsAndLengths) {
    const auto [big_endian, nanoseconds] = GetParam();
    PcapBuilder b(big_endian, nanoseconds, kLinkEthernet, 1500);
    b.packet(1700000000, nanoseconds ? 123456789 : 123456, bytes_of("first frame"))
        .packet(1700000001, nanoseconds ? 1 : 999999, bytes_of("second"), 1400)
        .packet(0, 0, {});
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("v.pcap", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    EXPECT_EQ(r.format, "pcap");
    ASSERT_EQ(r.frames.size(), 3u);

    EXPECT_EQ(r.frames[0].number, 1u);
    EXPECT_EQ(r.frames[0].ts_ns, nanoseconds ? 1700000000123456789 : 1700000000123456000);
    EXPECT_EQ(r.frames[0].data, bytes_of("first frame"));
    EXPECT_EQ(r.frames[0].caplen, 11u);
    EXPECT_EQ(r.frames[0].wirelen, 11u);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkEthernet));

    EXPECT_EQ(r.frames[1].number, 2u);
    EXPECT_EQ(r.frames[1].ts_ns, nanoseconds ? 1700000001000000001 : 1700000001999999000);
    EXPECT_EQ(r.frames[1].caplen, 6u);
    EXPECT_EQ(r.frames[1].wirelen, 1400u);  // snaplen-truncated: caplen < len

    EXPECT_EQ(r.frames[2].caplen, 0u);
    EXPECT_TRUE(r.frames[2].data.empty());

    ASSERT_EQ(r.interfaces.size(), 1u);
    EXPECT_EQ(r.interfaces[0].snaplen, 1500u);
    EXPECT_EQ(r.interfaces[0].tsresol_num, nanoseconds ? 1'000'000'000 : 1'000'000);
}

INSTANTIATE_TEST_SUITE_P(ByteOrderAndPrecision, PcapVariants,
                         ::testing::Values(PcapVariant{false, false}, PcapVariant{true, false},
                                           PcapVariant{false, true}, PcapVariant{true, true}),
                         [](const auto& info) {
                             return std::string(info.param.big_endian ? "Big" : "Little") +
                                    (info.param.nanoseconds ? "Nano" : "Micro");
                         });

TEST(PcapReader, LinkTypeIgnoresFcsBits) {
    // Bit 26 (FCS present) and bits 28-31 (FCS length) sit above the link type.
    PcapBuilder b(false, false, (1u << 26) | (4u << 28) | kLinkLinuxSll);
    b.packet(1, 0, bytes_of("x"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("fcs.pcap", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkLinuxSll));
    EXPECT_EQ(r.interfaces[0].linktype, uint32_t(kLinkLinuxSll));
}

TEST(PcapReader, EmptyCaptureWithOnlyAHeaderEndsCleanly) {
    PcapBuilder b(false, false, kLinkRaw);
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("hdr.pcap", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End);
    EXPECT_TRUE(r.frames.empty());
    EXPECT_EQ(r.interfaces[0].linktype, uint32_t(kLinkRaw));
}

TEST(PcapReader, LargestAllowedPacketIsRead) {
    PcapBuilder b(false, false, kLinkEthernet, 262144);
    Bytes big(262144);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = uint8_t(i * 7);
    b.packet(5, 6, bytes_of("small")).packet(7, 8, big).packet(9, 10, bytes_of("after"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("big.pcap", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 3u);
    EXPECT_EQ(r.frames[1].data, big);
    EXPECT_EQ(r.frames[2].data, bytes_of("after"));
}

TEST(PcapReader, ManyFramesAcrossBufferRefills) {
    // Several MiB of odd-sized records, so records straddle the 1 MiB buffer.
    PcapBuilder b(true, true, kLinkEthernet);
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        Bytes d(std::size_t(100 + i % 613), uint8_t(i));
        b.packet(uint32_t(i), uint32_t(i), d);
    }
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("many.pcap", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), std::size_t(n));
    for (int i = 0; i < n; ++i) {
        ASSERT_EQ(r.frames[std::size_t(i)].number, uint64_t(i + 1));
        ASSERT_EQ(r.frames[std::size_t(i)].ts_ns, int64_t(i) * 1'000'000'000 + i);
        ASSERT_EQ(r.frames[std::size_t(i)].data, Bytes(std::size_t(100 + i % 613), uint8_t(i)));
    }
}

TEST(PcapReader, StatusStaysEndAfterEnd) {
    PcapBuilder b(false, false, kLinkEthernet);
    b.packet(1, 2, bytes_of("a"));
    ScratchDir dir;
    std::string err;
    auto src = open_capture(dir.write("a.pcap", b.bytes()), err);
    ASSERT_TRUE(src) << err;
    RawFrame f;
    EXPECT_EQ(src->next(f), ReadStatus::Frame);
    EXPECT_EQ(src->next(f), ReadStatus::End);
    EXPECT_EQ(src->next(f), ReadStatus::End);
}

}  // namespace
}  // namespace ms::test_source
