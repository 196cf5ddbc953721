// gzip: detected by magic whatever the name, streamed, members concatenated.
#include <gtest/gtest.h>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

Bytes sample_pcap(int frames) {
    PcapBuilder b(false, true, kLinkEthernet);
    for (int i = 0; i < frames; ++i) b.packet(uint32_t(i), uint32_t(i), Bytes(std::size_t(50 + i % 1000), uint8_t(i)));
    return b.bytes();
}

Bytes sample_pcapng() {
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0).enhanced(0, 1, bytes_of("alpha")).enhanced(0, 2, bytes_of("beta"));
    return b.bytes();
}

TEST(Gzip, PcapDetectedByMagicNotByName) {
    ScratchDir dir;
    std::string path = dir.write_gzip("plain-name.pcap", sample_pcap(3));
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.format, "gzip-compressed pcap");
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 3u);
    EXPECT_EQ(r.frames[2].ts_ns, 2'000'000'002);
}

TEST(Gzip, UncompressedFileNamedGzIsReadAsIs) {
    ScratchDir dir;
    ReadResult r = read_capture(dir.write("not-really.pcap.gz", sample_pcap(2)));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.format, "pcap");
    EXPECT_EQ(r.frames.size(), 2u);
}

TEST(Gzip, Pcapng) {
    ScratchDir dir;
    ReadResult r = read_capture(dir.write_gzip("x.pcapng.gz", sample_pcapng()));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.format, "gzip-compressed pcapng");
    ASSERT_EQ(r.frames.size(), 2u);
    EXPECT_EQ(r.frames[1].data, bytes_of("beta"));
}

TEST(Gzip, LargeFileStreamsThroughManyRefills) {
    Bytes plain = sample_pcap(30000);  // ~16 MiB uncompressed
    ScratchDir dir;
    ReadResult r = read_capture(dir.write_gzip("big.pcap.gz", plain));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 30000u);
    EXPECT_EQ(r.frames[29999].data, Bytes(50 + 29999 % 1000, uint8_t(29999)));
}

TEST(Gzip, ConcatenatedMembers) {
    Bytes plain = sample_pcap(50);
    ScratchDir dir;
    std::string path = dir.write_gzip("multi.pcap.gz", plain, 4);
    // Sanity: the file really holds several members.
    Bytes raw = read_file(path);
    int magics = 0;
    for (std::size_t i = 0; i + 2 < raw.size(); ++i)
        if (raw[i] == 0x1f && raw[i + 1] == 0x8b && raw[i + 2] == 8) ++magics;
    ASSERT_GE(magics, 4);
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 50u);
    for (std::size_t i = 0; i < 50; ++i) EXPECT_EQ(r.frames[i].number, i + 1);
}

TEST(Gzip, TrailingGarbageAfterAMemberIsIgnored) {
    ScratchDir dir;
    std::string path = dir.write_gzip("garbage.pcap.gz", sample_pcap(5));
    Bytes raw = read_file(path);
    raw.insert(raw.end(), {0, 0, 0, 0, 0, 0, 0, 0});
    ReadResult r = read_capture(dir.write("garbage2.pcap.gz", raw));
    EXPECT_EQ(r.frames.size(), 5u);
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
}

TEST(Gzip, ZeroLengthFileNamedGz) {
    ScratchDir dir;
    std::string path = dir.write("zero.pcap.gz", {});
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file \"" + path + "\" is empty, so it isn't a capture file.");
}

TEST(Gzip, CompressedEmptyContent) {
    ScratchDir dir;
    std::string path = dir.write_gzip("nothing.gz", {});
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file \"" + path + "\" is gzip-compressed but holds no data, so it isn't a capture file.");
}

TEST(Gzip, CompressedNonCapture) {
    ScratchDir dir;
    std::string path = dir.write_gzip("text.gz", bytes_of("just some text, not packets"));
    ReadResult r = read_capture(path);
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("isn't a capture file"), std::string::npos) << r.open_error;
}

TEST(Gzip, TruncatedStreamGivesFramesThenError) {
    Bytes plain = sample_pcap(2000);
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("full.pcap.gz", plain));
    Bytes cut(gz.begin(), gz.begin() + std::ptrdiff_t(gz.size() / 2));
    std::string path = dir.write("half.pcap.gz", cut);
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_GT(r.frames.size(), 100u);
    EXPECT_LT(r.frames.size(), 2000u);
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_EQ(r.error, "The file \"" + path +
                           "\" appears to have been cut short in the middle of a packet (the gzip-compressed "
                           "data ends before its end marker).");
    // Frames read before the cut are intact.
    for (std::size_t i = 0; i < r.frames.size(); ++i)
        ASSERT_EQ(r.frames[i].data, Bytes(50 + i % 1000, uint8_t(i)));
}

TEST(Gzip, MissingTrailerOnlyIsStillAnError) {
    // All packet bytes are there, only the 8-byte CRC/size trailer is gone.
    Bytes plain = sample_pcap(3);
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("t.pcap.gz", plain));
    gz.resize(gz.size() - 8);
    ReadResult r = read_capture(dir.write("notrailer.pcap.gz", gz));
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.frames.size(), 3u);
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("cut short"), std::string::npos) << r.error;
}

TEST(Gzip, CorruptDataIsReported) {
    Bytes plain = sample_pcap(200);
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("c.pcap.gz", plain));
    for (std::size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] ^= 0xA5;
    std::string path = dir.write("corrupt.pcap.gz", gz);
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::Error);
    EXPECT_NE(r.error.find("damaged or corrupt"), std::string::npos) << r.error;
    EXPECT_EQ(r.error.find('\n'), std::string::npos);
}

TEST(Gzip, HeaderOnlyIsCutShort) {
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("h.pcap.gz", sample_pcap(1)));
    gz.resize(10);  // the gzip header and nothing more
    ReadResult r = read_capture(dir.write("hdronly.gz", gz));
    EXPECT_FALSE(r.opened);
    EXPECT_NE(r.open_error.find("cut short"), std::string::npos) << r.open_error;
}

}  // namespace
}  // namespace ms::test_source
