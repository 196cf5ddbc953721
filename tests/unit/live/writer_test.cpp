#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "capture/live/capture_output.hpp"
#include "capture/live/live_file_writer.hpp"
#include "capture/live/ring_file_name.hpp"
#include "capture/source/frame_source.hpp"
#include "unit/live/live_test_support.hpp"

namespace ms {
namespace {

namespace fs = std::filesystem;

const uint8_t kBytes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

LivePacket packet(uint32_t iface, int64_t sec, uint32_t frac, uint32_t caplen, uint32_t wirelen) {
    LivePacket p;
    p.interface_index = iface;
    p.ts_sec = sec;
    p.ts_frac = frac;
    p.caplen = caplen;
    p.wirelen = wirelen;
    p.data = kBytes;
    return p;
}

std::vector<LiveInterface> two_interfaces() {
    return {LiveInterface{"lo", "Loopback", kLinkEthernet, 65535, true},
            LiveInterface{"any", "Pseudo-device", kLinkLinuxSll, 262144, false}};
}

TEST(LiveFileWriter, PcapngKeepsEachInterfaceNameAndClock) {
    test::TempDir dir;
    fs::path file = dir.path() / "two.pcapng";
    std::FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    LiveFileWriter w(f, LiveFileFormat::Pcapng, two_interfaces(), "test app");
    ASSERT_TRUE(w.write_header());
    ASSERT_TRUE(w.write_packet(packet(0, 1700000000, 123456789, 11, 60)));
    ASSERT_TRUE(w.write_packet(packet(1, 1700000001, 654321, 5, 5)));
    ASSERT_TRUE(w.write_statistics(0, 1700000002'000000000, 2, 1));
    ASSERT_FALSE(w.write_packet(packet(2, 0, 0, 1, 1)));  // no such interface
    ASSERT_TRUE(w.flush());
    EXPECT_EQ(uint64_t(std::ftell(f)), w.bytes_written());
    std::fclose(f);

    std::string error;
    auto src = open_capture(file.string(), error);
    ASSERT_TRUE(src) << error;
    RawFrame fr;
    ASSERT_EQ(src->next(fr), ReadStatus::Frame);
    EXPECT_EQ(fr.interface_id, 0u);
    EXPECT_EQ(fr.linktype, uint32_t(kLinkEthernet));
    EXPECT_EQ(fr.ts_ns, 1700000000'123456789);
    EXPECT_EQ(fr.caplen, 11u);
    EXPECT_EQ(fr.wirelen, 60u);
    EXPECT_EQ(std::vector<uint8_t>(fr.data.begin(), fr.data.end()), std::vector<uint8_t>(kBytes, kBytes + 11));
    ASSERT_EQ(src->next(fr), ReadStatus::Frame);
    EXPECT_EQ(fr.interface_id, 1u);
    EXPECT_EQ(fr.linktype, uint32_t(kLinkLinuxSll));
    EXPECT_EQ(fr.ts_ns, 1700000001'654321000);
    EXPECT_EQ(fr.caplen, 5u);
    EXPECT_EQ(src->next(fr), ReadStatus::End) << src->error();

    const auto& ifs = src->interfaces();
    ASSERT_EQ(ifs.size(), 2u);
    EXPECT_EQ(ifs[0].name, "lo");
    EXPECT_EQ(ifs[0].description, "Loopback");
    EXPECT_EQ(ifs[0].snaplen, 65535u);
    EXPECT_EQ(ifs[0].tsresol_num, 1'000'000'000);
    EXPECT_EQ(ifs[1].name, "any");
    EXPECT_EQ(ifs[1].tsresol_num, 1'000'000);
}

TEST(LiveFileWriter, ClassicPcapUsesTheInterfacesPrecision) {
    test::TempDir dir;
    fs::path file = dir.path() / "one.pcap";
    std::FILE* f = std::fopen(file.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    LiveFileWriter w(f, LiveFileFormat::Pcap, {LiveInterface{"lo", "", kLinkEthernet, 262144, true}}, "");
    ASSERT_TRUE(w.write_header());
    ASSERT_TRUE(w.write_packet(packet(0, 1700000000, 5, 3, 3)));
    ASSERT_TRUE(w.write_statistics(0, 0, 1, 0));  // nowhere to put them: a no-op
    ASSERT_TRUE(w.flush());
    std::fclose(f);
    EXPECT_EQ(fs::file_size(file), 24u + 16u + 3u);

    std::string error;
    auto src = open_capture(file.string(), error);
    ASSERT_TRUE(src) << error;
    EXPECT_EQ(src->format_name(), "pcap");
    RawFrame fr;
    ASSERT_EQ(src->next(fr), ReadStatus::Frame);
    EXPECT_EQ(fr.ts_ns, 1700000000'000000005);
    EXPECT_EQ(src->next(fr), ReadStatus::End);
}

TEST(RingFileName, LooksLikeTsharks) {
    std::tm tm{};
    tm.tm_year = 2024 - 1900;
    tm.tm_mon = 0;
    tm.tm_mday = 31;
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 58;
    tm.tm_isdst = -1;
    std::time_t t = std::mktime(&tm);
    EXPECT_EQ(ring_file_name("/tmp/mail.pcapng", 1, t), "/tmp/mail_00001_20240131235958.pcapng");
    EXPECT_EQ(ring_file_name("/tmp/dir.d/mail", 42, t), "/tmp/dir.d/mail_00042_20240131235958");
    EXPECT_EQ(ring_file_name("cap.x.pcap", 123456, t), "cap.x_123456_20240131235958.pcap");
}

TEST(CaptureOutput, SingleFileAppearsOnlyWhenComplete) {
    test::TempDir dir;
    OutputPlan plan;
    plan.path = (dir.path() / "single.pcapng").string();
    plan.interfaces = two_interfaces();
    CaptureOutput out;
    std::string error;
    ASSERT_TRUE(out.open(plan, error)) << error;
    ASSERT_TRUE(out.write(packet(0, 1, 0, 4, 4)));
    EXPECT_FALSE(fs::exists(plan.path));
    EXPECT_TRUE(fs::exists(plan.path + ".tmp"));
    ASSERT_TRUE(out.close({{10, 1}, {0, 0}})) << out.error();
    EXPECT_TRUE(fs::exists(plan.path));
    EXPECT_FALSE(fs::exists(plan.path + ".tmp"));
    test::ReadBack rb = test::read_capture(plan.path);
    EXPECT_EQ(rb.error, "");
    EXPECT_EQ(rb.frames, 1u);
    EXPECT_EQ(rb.interface_names, (std::vector<std::string>{"lo", "any"}));
}

TEST(CaptureOutput, UnclosedOutputLeavesNoFileBehind) {
    test::TempDir dir;
    OutputPlan plan;
    plan.path = (dir.path() / "abandoned.pcapng").string();
    plan.interfaces = two_interfaces();
    {
        CaptureOutput out;
        std::string error;
        ASSERT_TRUE(out.open(plan, error)) << error;
        ASSERT_TRUE(out.write(packet(0, 1, 0, 4, 4)));
    }
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(CaptureOutput, RingKeepsTheNewestFiles) {
    test::TempDir dir;
    OutputPlan plan;
    plan.path = (dir.path() / "ring.pcapng").string();
    plan.interfaces = two_interfaces();
    plan.ring = true;
    plan.ring_max_files = 3;
    CaptureOutput out;
    std::string error;
    ASSERT_TRUE(out.open(plan, error)) << error;
    for (int i = 0; i < 6; ++i) {
        ASSERT_TRUE(out.write(packet(0, i, 0, 4, 4)));
        ASSERT_TRUE(out.write(packet(1, i, 1, 4, 4)));
        if (i < 5) {
            ASSERT_TRUE(out.rotate()) << out.error();
        }
    }
    ASSERT_TRUE(out.close({{12, 0}, {0, 0}})) << out.error();
    EXPECT_EQ(out.files_started(), 6u);

    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    ASSERT_EQ(names.size(), 3u);
    std::regex shape(R"(ring_0000([456])_\d{14}\.pcapng)");
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(names[i], m, shape)) << names[i];
        EXPECT_EQ(m[1].str(), std::to_string(4 + i));
        test::ReadBack rb = test::read_capture(dir.path() / names[i]);
        EXPECT_EQ(rb.error, "") << names[i];
        EXPECT_EQ(rb.frames, 2u) << names[i];
    }
}

TEST(CaptureOutput, UncreatableFileIsReported) {
    OutputPlan plan;
    plan.path = "/nonexistent-folder/x.pcapng";
    plan.interfaces = two_interfaces();
    CaptureOutput out;
    std::string error;
    ASSERT_FALSE(out.open(plan, error));
    EXPECT_NE(error.find("/nonexistent-folder/x.pcapng.tmp"), std::string::npos) << error;
    EXPECT_NE(error.find("could not be opened"), std::string::npos) << error;
}

}  // namespace
}  // namespace ms
