// Damaged and foreign files: each gives one clear line naming the file, and
// every complete frame before the damage is still returned.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

std::string q(const std::string& path) { return "\"" + path + "\""; }

TEST(BadFile, NotACapture) {
    ScratchDir dir;
    std::string path = dir.write("notes.pcap", bytes_of("hello, this is a text file\n"));
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file " + q(path) + " isn't a capture file in a format mailscope understands.");
}

TEST(BadFile, TinyFileIsNotACapture) {
    ScratchDir dir;
    std::string path = dir.write("tiny", Bytes{0xd4, 0xc3});
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("isn't a capture file"), std::string::npos) << r.open_error;
}

TEST(BadFile, EmptyFile) {
    ScratchDir dir;
    std::string path = dir.write("empty.pcap", {});
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file " + q(path) + " is empty, so it isn't a capture file.");
}

TEST(BadFile, MissingFileAndDirectory) {
    ScratchDir dir;
    std::string missing = (dir.path() / "nope.pcap").string();
    ReadResult r = read_capture(missing);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file " + q(missing) + " doesn't exist.");
    std::string d = dir.path().string();
    r = read_capture(d);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, q(d) + " is a directory (folder), not a file.");
}

TEST(BadFile, UnreadableFile) {
    if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
    ScratchDir dir;
    std::string path = dir.write("secret.pcap", PcapBuilder(false, false, 1).bytes());
    ::chmod(path.c_str(), 0);
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("lack of permission"), std::string::npos) << r.open_error;
}

TEST(BadFile, PcapHeaderCutShort) {
    Bytes b = PcapBuilder(false, false, 1).bytes();
    b.resize(10);
    ScratchDir dir;
    std::string path = dir.write("hdr.pcap", b);
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error,
              "The file " + q(path) + " appears to have been cut short in the middle of its file header.");
}

TEST(BadFile, PcapCutInTheMiddleOfAPacket) {
    PcapBuilder pb(false, false, 1);
    pb.packet(1, 0, bytes_of("complete")).packet(2, 0, bytes_of("cut in the middle"));
    Bytes b = pb.bytes();
    b.resize(b.size() - 3);
    ScratchDir dir;
    std::string path = dir.write("cut.pcap", b);
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.frames[0].data, bytes_of("complete"));
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_EQ(r.error, "The file " + q(path) + " appears to have been cut short in the middle of a packet.");
}

TEST(BadFile, PcapAbsurdCapturedLength) {
    PcapBuilder pb(true, false, 1);
    for (int i = 0; i < 4; ++i) pb.packet(uint32_t(i), 0, bytes_of("good"));
    pb.raw_record(9, 0, 0xFFFFFFFF, 0xFFFFFFFF, Bytes(64, 0));
    ScratchDir dir;
    std::string path = dir.write("absurd.pcap", pb.bytes());
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.frames.size(), 4u);
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_EQ(r.error, "The file " + q(path) +
                           " appears to be damaged or corrupt: packet 5 has a captured length of 4294967295 "
                           "bytes, bigger than the maximum of 262144.");
}

TEST(BadFile, PcapCapturedLengthJustOverTheMaximum) {
    PcapBuilder pb(false, true, 1);
    pb.raw_record(1, 0, 262145, 262145, Bytes(262145, 0));
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("over.pcap", pb.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_TRUE(r.frames.empty());
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("262145"), std::string::npos) << r.error;
}

TEST(BadFile, PcapUnsupportedVersion) {
    Bytes b = PcapBuilder(false, false, 1).bytes();
    b[4] = 3;  // major version 3
    ScratchDir dir;
    std::string path = dir.write("v3.pcap", b);
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("pcap version 3.4"), std::string::npos) << r.open_error;
}

TEST(BadFile, ErrorMessagesAreOneLine) {
    PcapBuilder pb(false, false, 1);
    pb.raw_record(1, 0, 0x7FFFFFFF, 1, {});
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("x.pcap", pb.bytes()));
    ASSERT_EQ(r.last, ReadStatus::Error);
    EXPECT_EQ(r.error.find('\n'), std::string::npos);
    EXPECT_NE(r.error.rfind("The file ", 0), std::string::npos) << "no program-name prefix: " << r.error;
}

// pcapng block damage: each case appends one bad block after a good packet.
struct BlockDamage {
    const char* name;
    uint32_t type;
    uint32_t length;
    std::size_t body_bytes;
    const char* expect;  // a piece of the message
};

class PcapngBlockDamage : public ::testing::TestWithParam<BlockDamage> {};

TEST_P(PcapngBlockDamage, ReportsAfterTheGoodFrames) {
    const BlockDamage& d = GetParam();
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("good"));
    b.block_with_length(d.type, d.length, Bytes(d.body_bytes, 0));
    b.enhanced(0, 2, bytes_of("never reached"));
    ScratchDir dir;
    std::string path = dir.write("damaged.pcapng", b.bytes());
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.frames[0].data, bytes_of("good"));
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find(q(path)), std::string::npos) << r.error;
    EXPECT_NE(r.error.find(d.expect), std::string::npos) << r.error;
    EXPECT_EQ(r.error.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PcapngBlockDamage,
    ::testing::Values(BlockDamage{"Zero", 0x99, 0, 0, "smaller than the minimum of 12"},
                      BlockDamage{"Eight", 0x99, 8, 0, "smaller than the minimum of 12"},
                      BlockDamage{"EpbTooSmall", 6, 28, 16, "smaller than the minimum of 32"},
                      BlockDamage{"NotMultipleOf4", 0x99, 17, 5, "not a multiple of 4"},
                      BlockDamage{"Absurd", 0x99, 0xFFFFFFF0, 16, "bigger than the maximum of 16777216"},
                      BlockDamage{"TrailerMismatch", 6, 40, 20, "at its end"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(BadFile, PcapngEnhancedPacketLongerThanItsBlock) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("good"));
    ByteWriter w(false);
    w.u32(0);
    w.u32(0);
    w.u32(0);
    w.u32(100);  // caplen 100 in a block with room for 8
    w.u32(100);
    w.raw(Bytes(8, 0));
    b.block(6, w.out);
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("epb.pcapng", b.bytes()));
    ASSERT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("captured length of 100 bytes, but has room for only 8"), std::string::npos) << r.error;
}

TEST(BadFile, PcapngAbsurdCapturedLength) {
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0);
    ByteWriter w(true);
    w.u32(0);
    w.u32(0);
    w.u32(0);
    w.u32(0xFFFFFFFF);
    w.u32(0xFFFFFFFF);
    w.raw(Bytes(8, 0));
    b.block(6, w.out);
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("epbbig.pcapng", b.bytes()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("packet 1 has a captured length of 4294967295 bytes"), std::string::npos) << r.error;
}

TEST(BadFile, PcapngBadByteOrderMagic) {
    PcapngBuilder b;
    b.section(false);
    Bytes bytes = b.bytes();
    bytes[8] = 0x99;
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("bom.pcapng", bytes));
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("unknown byte-order magic"), std::string::npos) << r.open_error;
}

TEST(BadFile, PcapngUnsupportedVersion) {
    PcapngBuilder b;
    b.section(false, {}, 2);
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("v2.pcapng", b.bytes()));
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("pcapng version 2.0"), std::string::npos) << r.open_error;
}

TEST(BadFile, PcapngSectionHeaderCutShort) {
    PcapngBuilder b;
    b.section(false);
    Bytes bytes = b.bytes();
    bytes.resize(20);
    ScratchDir dir;
    std::string path = dir.write("shb.pcapng", bytes);
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error,
              "The file " + q(path) + " appears to have been cut short in the middle of its file header.");
}

TEST(BadFile, PcapngCutInAPacketAndInAnotherBlock) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("good")).enhanced(0, 2, bytes_of("cut"));
    Bytes in_packet = b.bytes();
    in_packet.resize(in_packet.size() - 6);
    b.block(5, Bytes(24, 0));  // statistics block, then cut inside it
    Bytes in_block = b.bytes();
    in_block.resize(in_block.size() - 6);
    ScratchDir dir;
    std::string p1 = dir.write("p.pcapng", in_packet);
    ReadResult r = read_capture(p1);
    EXPECT_EQ(r.frames.size(), 1u);
    EXPECT_EQ(r.error, "The file " + q(p1) + " appears to have been cut short in the middle of a packet.");
    std::string p2 = dir.write("b.pcapng", in_block);
    r = read_capture(p2);
    EXPECT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.error, "The file " + q(p2) + " appears to have been cut short in the middle of a pcapng block.");
}

TEST(BadFile, MalformedOptionsDoNotCrash) {
    // An option length running past its block ends option parsing quietly.
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0, {Option{2, bytes_of("eth0")}});
    ByteWriter w(false);
    w.u32(0);
    w.u32(0);
    w.u32(1);
    w.u32(4);
    w.u32(4);
    w.raw(bytes_of("data"));
    w.u16(1);
    w.u16(0xFFFF);  // comment "of 65535 bytes"
    w.raw(bytes_of("abc"));
    b.block(6, w.out);
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("opt.pcapng", b.bytes()));
    ASSERT_EQ(r.frames.size(), 1u) << r.error;
    EXPECT_EQ(r.frames[0].data, bytes_of("data"));
    EXPECT_EQ(r.frames[0].comment, "");
    EXPECT_EQ(r.last, ReadStatus::End);
}

}  // namespace
}  // namespace ms::test_source
