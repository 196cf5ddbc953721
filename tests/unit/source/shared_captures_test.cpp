// The real captures in ../shared/captures: every one reads to a clean end
// with the packet count PROVENANCE.md lists, and timestamps match tshark.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "crafted_capture.hpp"
#include "support/test_paths.hpp"

namespace ms::test_source {
namespace {

// "| zeek/smtp.pcap | ether | 125 | 40943 | ..." rows of PROVENANCE.md's file table.
std::map<std::string, uint64_t> provenance_packet_counts() {
    std::map<std::string, uint64_t> counts;
    std::ifstream f(ms::test::shared_captures_dir() / "PROVENANCE.md");
    std::string line;
    while (std::getline(f, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, '|')) {
            auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
            cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
        }
        // cells[0] is before the first '|'.
        if (cells.size() >= 5 && cells[1].find(".pcap") != std::string::npos &&
            cells[3].find_first_not_of("0123456789") == std::string::npos && !cells[3].empty())
            counts[cells[1]] = std::stoull(cells[3]);
    }
    return counts;
}

std::string relative_name(const std::filesystem::path& p) {
    return std::filesystem::relative(p, ms::test::shared_captures_dir()).generic_string();
}

TEST(SharedCaptures, HardCodedCounts) {
    MS_REQUIRE_SHARED_CAPTURES();
    const std::map<std::string, uint64_t> expected = {
        {"zeek/smtp.pcap", 125},
        {"zeek/smtp__smtp-many-addresses.pcap.gz", 2508},
        {"zeek/smtp__smtp-bdat-cmd-invalid.pcapng", 66},
        {"zeek/tls__pop3-starttls.pcap", 33},
        {"ndpi/pops.pcapng", 5},
    };
    for (const auto& [name, count] : expected) {
        ReadResult r = read_capture((ms::test::shared_captures_dir() / name).string());
        ASSERT_TRUE(r.opened) << name << ": " << r.open_error;
        EXPECT_EQ(r.last, ReadStatus::End) << name << ": " << r.error;
        EXPECT_EQ(r.frames.size(), count) << name;
    }
}

TEST(SharedCaptures, EveryFileMatchesProvenance) {
    MS_REQUIRE_SHARED_CAPTURES();
    auto counts = provenance_packet_counts();
    ASSERT_GE(counts.size(), 30u) << "PROVENANCE.md's table did not parse";
    std::size_t checked = 0;
    for (const auto& path : ms::test::shared_captures()) {
        std::string name = relative_name(path);
        ReadResult r = read_capture(path.string());
        ASSERT_TRUE(r.opened) << name << ": " << r.open_error;
        EXPECT_EQ(r.last, ReadStatus::End) << name << ": " << r.error;
        auto it = counts.find(name);
        if (it == counts.end()) continue;
        EXPECT_EQ(r.frames.size(), it->second) << name;
        for (const auto& f : r.frames) {
            EXPECT_EQ(f.caplen, f.data.size());
            EXPECT_GE(f.wirelen, f.caplen);
        }
        ++checked;
    }
    EXPECT_EQ(checked, counts.size()) << "some files in PROVENANCE.md were not found";
}

// Values from `tshark -r F -T fields -e frame.time_epoch -e frame.len`.
TEST(SharedCaptures, TimestampsAgreeWithTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    struct Expect {
        const char* file;
        std::size_t index;  // 0-based
        int64_t ts_ns;
        uint32_t wirelen;
    };
    const Expect expected[] = {
        {"zeek/smtp.pcap", 0, 1254722767492060000, 76},
        {"zeek/smtp.pcap", 1, 1254722767526085000, 142},
        {"zeek/smtp.pcap", 2, 1254722767529046000, 62},
        {"zeek/smtp.pcap", 124, 1437831800217854000, 54},
        {"ndpi/pops.pcapng", 0, 1614938117011128000, 66},
        {"ndpi/pops.pcapng", 2, 1614938117298382000, 238},
        {"ndpi/pops.pcapng", 4, 1614938117559643000, 1314},
        {"zeek/smtp__smtp-many-addresses.pcap.gz", 0, 1785968796471478000, 0},
        {"zeek/smtp__smtp-many-addresses.pcap.gz", 2507, 1785968796739158000, 0},
        {"zeek/smtp__smtp-bdat-cmd-invalid.pcapng", 0, 1705333298367948000, 0},
        {"zeek/smtp__smtp-bdat-cmd-invalid.pcapng", 65, 1705333415080240000, 0},
        {"zeek/tls__pop3-starttls.pcap", 0, 1400173552423915000, 0},
    };
    std::map<std::string, ReadResult> cache;
    for (const auto& e : expected) {
        auto it = cache.find(e.file);
        if (it == cache.end())
            it = cache.emplace(e.file, read_capture((ms::test::shared_captures_dir() / e.file).string())).first;
        const ReadResult& r = it->second;
        ASSERT_GT(r.frames.size(), e.index) << e.file;
        EXPECT_EQ(r.frames[e.index].ts_ns, e.ts_ns) << e.file << " frame " << e.index + 1;
        if (e.wirelen) {
            EXPECT_EQ(r.frames[e.index].wirelen, e.wirelen) << e.file << " frame " << e.index + 1;
        }
    }
    EXPECT_EQ(cache["zeek/tls__pop3-starttls.pcap"].frames.at(0).linktype, uint32_t(kLinkNull));
    EXPECT_EQ(cache["zeek/smtp.pcap"].frames.at(0).linktype, uint32_t(kLinkEthernet));
    EXPECT_EQ(cache["zeek/smtp__smtp-many-addresses.pcap.gz"].format, "gzip-compressed pcap");
}

}  // namespace
}  // namespace ms::test_source
