// The writer's output reads back identically, appears under its final name
// only on close(), and reports write failures.
#include <gtest/gtest.h>

#include <filesystem>

#include "capture/source/capture_writer.hpp"
#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

namespace fs = std::filesystem;

RawFrame frame(uint64_t number, int64_t ts_ns, const Bytes& data, uint32_t linktype, uint32_t wirelen = 0,
               std::string_view comment = {}) {
    RawFrame f;
    f.number = number;
    f.ts_ns = ts_ns;
    f.data = data;
    f.caplen = uint32_t(data.size());
    f.wirelen = wirelen ? wirelen : uint32_t(data.size());
    f.linktype = linktype;
    f.comment = comment;
    return f;
}

class WriterFormats : public ::testing::TestWithParam<CaptureFileFormat> {};

TEST_P(WriterFormats, RoundTrip) {
    const CaptureFileFormat format = GetParam();
    ScratchDir dir;
    std::string path = (dir.path() / "out.cap").string();
    CaptureWriterOptions opt;
    opt.format = format;
    std::string err;
    auto w = CaptureWriter::create(path, opt, err);
    ASSERT_TRUE(w) << err;
    Bytes a = bytes_of("first frame bytes"), b = bytes_of("2nd"), c;
    ASSERT_TRUE(w->write(frame(1, 1700000000123456789, a, kLinkEthernet, 1514)));
    ASSERT_TRUE(w->write(frame(2, 1700000001000001000, b, kLinkEthernet)));
    ASSERT_TRUE(w->write(frame(3, 5, c, kLinkEthernet)));
    EXPECT_FALSE(fs::exists(path)) << "nothing under the final name before close()";
    EXPECT_TRUE(fs::exists(path + ".tmp"));
    ASSERT_TRUE(w->close()) << w->error();
    EXPECT_TRUE(fs::exists(path));
    EXPECT_FALSE(fs::exists(path + ".tmp"));
    EXPECT_EQ(w->frames_written(), 3u);

    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    EXPECT_EQ(r.format, format == CaptureFileFormat::Pcapng ? "pcapng" : "pcap");
    ASSERT_EQ(r.frames.size(), 3u);
    int64_t t0 = format == CaptureFileFormat::Pcap ? 1700000000123456000 : 1700000000123456789;
    EXPECT_EQ(r.frames[0].ts_ns, t0);
    EXPECT_EQ(r.frames[0].data, a);
    EXPECT_EQ(r.frames[0].wirelen, 1514u);
    EXPECT_EQ(r.frames[1].ts_ns, 1700000001000001000);
    EXPECT_EQ(r.frames[1].data, b);
    EXPECT_EQ(r.frames[2].ts_ns, format == CaptureFileFormat::Pcap ? 0 : 5);
    EXPECT_TRUE(r.frames[2].data.empty());
    for (const auto& f : r.frames) EXPECT_EQ(f.linktype, uint32_t(kLinkEthernet));
}

INSTANTIATE_TEST_SUITE_P(All, WriterFormats,
                         ::testing::Values(CaptureFileFormat::Pcap, CaptureFileFormat::PcapNanoseconds,
                                           CaptureFileFormat::Pcapng),
                         [](const auto& info) {
                             switch (info.param) {
                                 case CaptureFileFormat::Pcap: return std::string("Pcap");
                                 case CaptureFileFormat::PcapNanoseconds: return std::string("PcapNs");
                                 default: return std::string("Pcapng");
                             }
                         });

TEST(CaptureWriter, PcapngKeepsLinkTypesCommentsAndSectionComment) {
    ScratchDir dir;
    std::string path = (dir.path() / "mixed.pcapng").string();
    CaptureWriterOptions opt;
    opt.format = CaptureFileFormat::Pcapng;
    opt.section_comment = "written by a test";
    std::string err;
    auto w = CaptureWriter::create(path, opt, err);
    ASSERT_TRUE(w) << err;
    Bytes x = bytes_of("x"), y = bytes_of("yy");
    ASSERT_TRUE(w->write(frame(1, 1, x, kLinkEthernet, 0, "a packet comment")));
    ASSERT_TRUE(w->write(frame(2, 2, y, kLinkLinuxSll)));
    ASSERT_TRUE(w->write(frame(3, 3, x, kLinkEthernet)));
    ASSERT_TRUE(w->close()) << w->error();

    ReadResult r = read_capture(path);
    ASSERT_EQ(r.frames.size(), 3u) << r.error;
    EXPECT_EQ(r.frames[0].comment, "a packet comment");
    EXPECT_EQ(r.frames[1].linktype, uint32_t(kLinkLinuxSll));
    EXPECT_EQ(r.frames[1].interface_id, 1u);
    EXPECT_EQ(r.frames[2].interface_id, 0u);
    EXPECT_EQ(r.interfaces.size(), 2u);
    EXPECT_EQ(r.comments, std::vector<std::string>{"written by a test"});
}

TEST(CaptureWriter, PcapRejectsASecondLinkType) {
    ScratchDir dir;
    std::string path = (dir.path() / "two.pcap").string();
    CaptureWriterOptions opt;
    opt.format = CaptureFileFormat::Pcap;
    std::string err;
    auto w = CaptureWriter::create(path, opt, err);
    ASSERT_TRUE(w) << err;
    Bytes x = bytes_of("x");
    ASSERT_TRUE(w->write(frame(1, 1, x, kLinkLinuxSll)));
    EXPECT_FALSE(w->write(frame(2, 1, x, kLinkEthernet)));
    EXPECT_NE(w->error().find("pcapng"), std::string::npos) << w->error();
    EXPECT_FALSE(w->close());
    EXPECT_FALSE(fs::exists(path));
    EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(CaptureWriter, EmptyPcapUsesTheDefaultLinkType) {
    ScratchDir dir;
    std::string path = (dir.path() / "empty.pcap").string();
    CaptureWriterOptions opt;
    opt.format = CaptureFileFormat::Pcap;
    opt.default_linktype = kLinkRaw;
    std::string err;
    auto w = CaptureWriter::create(path, opt, err);
    ASSERT_TRUE(w) << err;
    ASSERT_TRUE(w->close()) << w->error();
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_TRUE(r.frames.empty());
    EXPECT_EQ(r.interfaces.at(0).linktype, uint32_t(kLinkRaw));
}

TEST(CaptureWriter, AbandonedWriterLeavesNoFile) {
    ScratchDir dir;
    std::string path = (dir.path() / "abandoned.pcapng").string();
    {
        std::string err;
        auto w = CaptureWriter::create(path, CaptureWriterOptions{}, err);
        ASSERT_TRUE(w) << err;
        Bytes x = bytes_of("x");
        ASSERT_TRUE(w->write(frame(1, 1, x, kLinkEthernet)));
    }
    EXPECT_FALSE(fs::exists(path));
    EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(CaptureWriter, DiskFullIsReported) {
    std::FILE* full = std::fopen("/dev/full", "wb");
    if (!full) GTEST_SKIP() << "/dev/full is not available";
    std::string err;
    auto w = CaptureWriter::create(full, "full.pcap", CaptureWriterOptions{}, err);
    bool ok = static_cast<bool>(w);
    Bytes data(4000, 0x42);
    for (int i = 0; ok && i < 1000; ++i) ok = w->write(frame(uint64_t(i + 1), i, data, kLinkEthernet));
    if (ok) ok = w->close();
    EXPECT_FALSE(ok);
    std::string message = w ? w->error() : err;
    EXPECT_EQ(message, "An error occurred while writing to the file \"full.pcap\": No space left on device.");
    std::fclose(full);
}

TEST(CaptureWriter, UncreatableFileIsReported) {
    std::string err;
    auto w = CaptureWriter::create("/nonexistent-dir/x.pcap", CaptureWriterOptions{}, err);
    EXPECT_FALSE(w);
    EXPECT_NE(err.find("\"/nonexistent-dir/x.pcap.tmp\" could not be created"), std::string::npos) << err;
}

TEST(CaptureWriter, CopiesASharedCaptureExactly) {
    // Reading a written copy gives the same frames as the original.
    ScratchDir dir;
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0, {Option{9, Bytes{9}}});
    for (int i = 0; i < 100; ++i) b.enhanced(0, uint64_t(i) * 1000003, Bytes(std::size_t(i), uint8_t(i)), uint32_t(i + 10));
    ReadResult original = read_capture(dir.write("orig.pcapng", b.bytes()));
    ASSERT_EQ(original.frames.size(), 100u);
    for (CaptureFileFormat format : {CaptureFileFormat::PcapNanoseconds, CaptureFileFormat::Pcapng}) {
        std::string path = (dir.path() / "copy").string();
        CaptureWriterOptions opt;
        opt.format = format;
        std::string err;
        auto w = CaptureWriter::create(path, opt, err);
        ASSERT_TRUE(w) << err;
        for (const auto& f : original.frames) ASSERT_TRUE(w->write(frame(f.number, f.ts_ns, f.data, f.linktype, f.wirelen)));
        ASSERT_TRUE(w->close()) << w->error();
        ReadResult copy = read_capture(path);
        ASSERT_EQ(copy.frames.size(), 100u);
        for (std::size_t i = 0; i < 100; ++i) {
            EXPECT_EQ(copy.frames[i].ts_ns, original.frames[i].ts_ns);
            EXPECT_EQ(copy.frames[i].data, original.frames[i].data);
            EXPECT_EQ(copy.frames[i].wirelen, original.frames[i].wirelen);
        }
    }
}

}  // namespace
}  // namespace ms::test_source
