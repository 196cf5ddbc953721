// Every shared capture, frame by frame: the eth/ip fields mailscope produces
// must equal tshark's, value for value (tshark computed at test time).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "ip_test_support.hpp"
#include "support/test_paths.hpp"

namespace ms::test {
namespace {

const char* const kFields[] = {"ip.src", "ip.dst", "ip.len", "ip.ttl", "ip.id", "eth.src", "eth.dst", "eth.type"};

bool tshark_available() { return std::system("tshark -v > /dev/null 2>&1") == 0; }

std::string run_command(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

std::string quoted(const std::string& path) {
    std::string q = "'";
    for (char c : path) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// A minimal reader for the classic pcap that tshark converts every capture
// to (pcapng and gzip included), so this test needs no capture library.
struct PcapFrames {
    uint32_t linktype = 0;
    std::vector<std::pair<uint32_t, Bytes>> frames;  // wire length, captured bytes
    std::string error;
};

PcapFrames parse_pcap(const std::string& data) {
    PcapFrames out;
    auto u32 = [&](std::size_t at, bool swap) {
        uint32_t v;
        std::memcpy(&v, data.data() + at, 4);
        return swap ? __builtin_bswap32(v) : v;
    };
    if (data.size() < 24) {
        out.error = "short pcap";
        return out;
    }
    const uint32_t magic = u32(0, false);
    bool swap;
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) swap = false;
    else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) swap = true;
    else {
        out.error = "not a pcap";
        return out;
    }
    out.linktype = u32(20, swap) & 0x0fffffff;
    std::size_t pos = 24;
    while (pos + 16 <= data.size()) {
        const uint32_t caplen = u32(pos + 8, swap), wirelen = u32(pos + 12, swap);
        pos += 16;
        if (caplen > data.size() - pos) {
            out.error = "truncated record";
            break;
        }
        out.frames.emplace_back(wirelen, Bytes(data.begin() + std::ptrdiff_t(pos), data.begin() + std::ptrdiff_t(pos + caplen)));
        pos += caplen;
    }
    return out;
}

class WholeCapture : public LinkFixture {
protected:
    std::string our_line() const {
        std::string line;
        for (std::size_t i = 0; i < std::size(kFields); ++i) {
            if (i) line += '\t';
            auto v = values(kFields[i]);
            for (std::size_t j = 0; j < v.size(); ++j) line += (j ? "," : "") + v[j];
        }
        return line;
    }
};

TEST_F(WholeCapture, EthAndIpFieldsMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!tshark_available()) GTEST_SKIP() << "tshark not on PATH; skipping the differential check against tshark";
    const auto captures = shared_captures();
    ASSERT_FALSE(captures.empty());
    std::string field_args;
    for (const char* f : kFields) field_args += std::string(" -e ") + f;
    uint64_t frames_checked = 0;
    for (const auto& path : captures) {
        SCOPED_TRACE(path.string());
        const std::string q = quoted(path.string());
        PcapFrames pcap = parse_pcap(run_command("tshark -r " + q + " -F pcap -w - 2>/dev/null"));
        ASSERT_TRUE(pcap.error.empty()) << pcap.error;
        std::istringstream expected(run_command("tshark -r " + q + " -n -T fields" + field_args + " 2>/dev/null"));
        make_layers();
        std::string want;
        std::size_t n = 0;
        for (const auto& [wirelen, bytes] : pcap.frames) {
            ++n;
            ASSERT_TRUE(std::getline(expected, want)) << "tshark printed fewer lines than frames";
            run(pcap.linktype, bytes, wirelen);
            EXPECT_EQ(our_line(), want) << "frame " << n;
            ++frames_checked;
        }
        EXPECT_FALSE(std::getline(expected, want)) << "tshark printed more lines than frames";
    }
    EXPECT_GT(frames_checked, 1000u);
}

}  // namespace
}  // namespace ms::test
