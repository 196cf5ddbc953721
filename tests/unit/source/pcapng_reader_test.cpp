// pcapng: sections in both byte orders, interfaces, the three packet block
// kinds, timestamp resolutions and offsets, comments, skipped blocks.
#include <gtest/gtest.h>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

constexpr uint16_t kOptComment = 1;
constexpr uint16_t kIfName = 2;
constexpr uint16_t kIfDescription = 3;
constexpr uint16_t kIfTsresol = 9;
constexpr uint16_t kIfTsoffset = 14;

Option tsresol(uint8_t v) { return Option{kIfTsresol, Bytes{v}}; }

Option tsoffset(bool big_endian, int64_t seconds) {
    ByteWriter w(big_endian);
    w.u64(uint64_t(seconds));
    return Option{kIfTsoffset, w.out};
}

class PcapngByteOrder : public ::testing::TestWithParam<bool> {};

TEST_P(PcapngByteOrder, ReadsEnhancedPacketsWithInterfaceDetails) {
    const bool big = GetParam();
    PcapngBuilder b;
    b.section(big, {text_option(kOptComment, "section comment")})
        .interface(kLinkEthernet, 65535,
                   {text_option(kIfName, "eth0"), text_option(kIfDescription, "uplink")})
        .enhanced(0, 1700000000123456ull, bytes_of("hello"), 60, {text_option(kOptComment, "first!")})
        .enhanced(0, 1700000001000000ull, bytes_of("world!!"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("e.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    EXPECT_EQ(r.format, "pcapng");
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.frames[0].ts_ns, 1700000000123456000);  // default resolution: microseconds
    EXPECT_EQ(r.frames[0].data, bytes_of("hello"));
    EXPECT_EQ(r.frames[0].caplen, 5u);
    EXPECT_EQ(r.frames[0].wirelen, 60u);
    EXPECT_EQ(r.frames[0].comment, "first!");
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkEthernet));
    EXPECT_EQ(r.frames[1].data, bytes_of("world!!"));
    EXPECT_EQ(r.frames[1].comment, "");
    EXPECT_EQ(r.frames[1].number, 2u);

    ASSERT_EQ(r.interfaces.size(), 1u);
    EXPECT_EQ(r.interfaces[0].name, "eth0");
    EXPECT_EQ(r.interfaces[0].description, "uplink");
    EXPECT_EQ(r.interfaces[0].snaplen, 65535u);
    EXPECT_EQ(r.interfaces[0].tsresol_num, 1'000'000);
    ASSERT_EQ(r.comments.size(), 1u);
    EXPECT_EQ(r.comments[0], "section comment");
}

INSTANTIATE_TEST_SUITE_P(Both, PcapngByteOrder, ::testing::Values(false, true),
                         [](const auto& info) { return std::string(info.param ? "Big" : "Little"); });

TEST(PcapngReader, InterfacesWithDifferentLinkTypesAndResolutions) {
    PcapngBuilder b;
    b.section(false)
        .interface(kLinkEthernet, 0, {tsresol(9)})             // ns
        .interface(kLinkLinuxSll, 0, {tsresol(3)})             // ms
        .interface(kLinkRaw, 0, {tsresol(0x80 | 10)})          // 2^-10 s
        .interface(kLinkIPv4, 0, {tsresol(6), tsoffset(false, 1000)})
        .enhanced(0, 1234567890123456789ull, bytes_of("ns"))
        .enhanced(1, 1700000000123ull, bytes_of("ms"))
        .enhanced(2, (uint64_t(5) << 10) + 512, bytes_of("bin"))  // 5.5 s
        .enhanced(3, 7'000'001, bytes_of("off"));              // 7.000001 s + 1000 s
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("ifs.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 4u);
    EXPECT_EQ(r.frames[0].ts_ns, 1234567890123456789);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkEthernet));
    EXPECT_EQ(r.frames[1].ts_ns, 1700000000123000000);
    EXPECT_EQ(r.frames[1].linktype, uint32_t(kLinkLinuxSll));
    EXPECT_EQ(r.frames[1].interface_id, 1u);
    EXPECT_EQ(r.frames[2].ts_ns, 5'500'000'000);
    EXPECT_EQ(r.frames[2].linktype, uint32_t(kLinkRaw));
    EXPECT_EQ(r.frames[3].ts_ns, 1007'000'001'000);
    EXPECT_EQ(r.frames[3].interface_id, 3u);
    ASSERT_EQ(r.interfaces.size(), 4u);
    EXPECT_EQ(r.interfaces[0].tsresol_num, 1'000'000'000);
    EXPECT_EQ(r.interfaces[1].tsresol_num, 1'000);
    EXPECT_EQ(r.interfaces[2].tsresol_num, 1024);
    EXPECT_EQ(r.interfaces[3].tsresol_num, 1'000'000);
}

TEST(PcapngReader, BinaryResolutionThatIsNotWholeNanoseconds) {
    // 2^-30 s per tick: 2^30 + 2^29 ticks is exactly 1.5 s.
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0, {tsresol(0x80 | 30)});
    b.enhanced(0, (uint64_t(1) << 30) + (uint64_t(1) << 29), bytes_of("x"));
    b.enhanced(0, 3, bytes_of("y"));  // 3 * 0.931 ns, truncated
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("bin.pcapng", b.bytes()));
    ASSERT_EQ(r.frames.size(), 2u) << r.open_error << r.error;
    EXPECT_EQ(r.frames[0].ts_ns, 1'500'000'000);
    EXPECT_EQ(r.frames[1].ts_ns, 2);
}

TEST(PcapngReader, SimplePacketsUseInterfaceZeroAndItsSnaplen) {
    PcapngBuilder b;
    b.section(false).interface(kLinkRaw, 4).simple(10, bytes_of("abcdefgh")).simple(2, bytes_of("xy"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("spb.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.frames[0].caplen, 4u);  // cut to the snaplen
    EXPECT_EQ(r.frames[0].data, bytes_of("abcd"));
    EXPECT_EQ(r.frames[0].wirelen, 10u);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkRaw));
    EXPECT_EQ(r.frames[0].ts_ns, 0);
    EXPECT_EQ(r.frames[1].data, bytes_of("xy"));  // not the padding
    EXPECT_EQ(r.frames[1].caplen, 2u);
}

TEST(PcapngReader, SimplePacketWithoutSnaplenTakesTheWholePacket) {
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0).simple(5, bytes_of("12345"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("spb0.pcapng", b.bytes()));
    ASSERT_EQ(r.frames.size(), 1u) << r.error;
    EXPECT_EQ(r.frames[0].data, bytes_of("12345"));
}

TEST(PcapngReader, LegacyPacketBlocks) {
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0).interface(kLinkLinuxSll, 0);
    b.legacy(1, 1'500'000, bytes_of("legacy"), 100).legacy(0, 2'000'000, bytes_of("zero"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("pb.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.frames[0].interface_id, 1u);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkLinuxSll));
    EXPECT_EQ(r.frames[0].ts_ns, 1'500'000'000);
    EXPECT_EQ(r.frames[0].wirelen, 100u);
    EXPECT_EQ(r.frames[0].data, bytes_of("legacy"));
    EXPECT_EQ(r.frames[1].interface_id, 0u);
    EXPECT_EQ(r.frames[1].data, bytes_of("zero"));
}

TEST(PcapngReader, UnknownAndStatisticsBlocksAreSkipped) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0);
    b.block(0x0BAD, Bytes(40, 0xEE));                    // unknown
    b.enhanced(0, 1, bytes_of("one"));
    b.block(5, Bytes(20, 0));                            // interface statistics
    b.block(4, Bytes{0, 0, 0, 0});                       // name resolution
    b.block(0x40000BAD, Bytes(2 << 20, 0x11));           // 2 MiB custom-range block
    b.enhanced(0, 2, bytes_of("two"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("skip.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.frames[0].data, bytes_of("one"));
    EXPECT_EQ(r.frames[1].data, bytes_of("two"));
    EXPECT_EQ(r.frames[1].number, 2u);
}

TEST(PcapngReader, SeveralSectionsInDifferentByteOrders) {
    PcapngBuilder b;
    b.section(false, {text_option(kOptComment, "little")})
        .interface(kLinkEthernet, 0)
        .enhanced(0, 1'000'000, bytes_of("L0"));
    b.section(true, {text_option(kOptComment, "big")})
        .interface(kLinkRaw, 0, {text_option(kIfName, "tun0"), tsresol(9)})
        .interface(kLinkLinuxSll2, 0)
        .enhanced(1, 5, bytes_of("B1"))
        .enhanced(0, 7, bytes_of("B0"));
    b.section(false).interface(kLinkNull, 0).enhanced(0, 3'000'000, bytes_of("L2"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("sections.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 4u);
    EXPECT_EQ(r.frames[0].interface_id, 0u);
    EXPECT_EQ(r.frames[0].linktype, uint32_t(kLinkEthernet));
    // Interface ids are numbered across the whole file.
    EXPECT_EQ(r.frames[1].interface_id, 2u);
    EXPECT_EQ(r.frames[1].linktype, uint32_t(kLinkLinuxSll2));
    EXPECT_EQ(r.frames[1].ts_ns, 5'000);
    EXPECT_EQ(r.frames[2].interface_id, 1u);
    EXPECT_EQ(r.frames[2].linktype, uint32_t(kLinkRaw));
    EXPECT_EQ(r.frames[2].ts_ns, 7);
    EXPECT_EQ(r.frames[3].interface_id, 3u);
    EXPECT_EQ(r.frames[3].linktype, uint32_t(kLinkNull));
    EXPECT_EQ(r.frames[3].ts_ns, 3'000'000'000);
    ASSERT_EQ(r.interfaces.size(), 4u);
    EXPECT_EQ(r.interfaces[1].name, "tun0");
    EXPECT_EQ(r.comments, (std::vector<std::string>{"little", "big"}));
}

TEST(PcapngReader, PacketOfAnUndefinedInterfaceIsAnError) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("ok")).enhanced(1, 2, bytes_of("bad"));
    ScratchDir dir;
    std::string path = dir.write("noif.pcapng", b.bytes());
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("\"" + path + "\""), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("interface 1"), std::string::npos) << r.error;
}

TEST(PcapngReader, SimplePacketBeforeAnyInterfaceIsAnError) {
    PcapngBuilder b;
    b.section(false).simple(3, bytes_of("abc"));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("spbnoif.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_TRUE(r.frames.empty());
    EXPECT_EQ(r.last, ReadStatus::Error);
}

TEST(PcapngReader, InterfacesOfAnEarlierSectionAreNotReused) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("a"));
    b.section(false).enhanced(0, 1, bytes_of("b"));  // new section: no interface 0 yet
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("reuse.pcapng", b.bytes()));
    EXPECT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.last, ReadStatus::Error);
}

TEST(PcapngReader, TooFineResolutionIsReported) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0, {tsresol(19)});
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("fine.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("10^-19"), std::string::npos) << r.error;
}

TEST(PcapngReader, LargePacketInsideLargeBlock) {
    Bytes big(262144, 0x5A);
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0);
    // Packet comment longer than the rest of the read buffer, to force growth.
    std::string long_comment(60000, 'c');
    for (int i = 0; i < 10; ++i) b.enhanced(0, uint64_t(i), big, 0, {text_option(kOptComment, long_comment)});
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("large.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 10u);
    for (const auto& f : r.frames) {
        EXPECT_EQ(f.data, big);
        EXPECT_EQ(f.comment, long_comment);
    }
}

}  // namespace
}  // namespace ms::test_source
