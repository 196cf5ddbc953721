// Follow TCP Stream, raw: byte-identical to tshark's for every TCP stream of
// every shared capture (the acceptance test for reassembly).
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

std::set<unsigned> stream_ids(const std::string& capture) {
    auto r = run_command("tshark -r " + shell_quote(capture) + " -n -T fields -e tcp.stream 2>/dev/null");
    std::set<unsigned> ids;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) ids.insert(static_cast<unsigned>(std::stoul(line)));
    return ids;
}

TEST(FollowDiff, RawFollowIsByteIdenticalToTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_program("tshark")) GTEST_SKIP() << "tshark not installed; differential test skipped";
    int compared = 0;
    for (const auto& cap : shared_captures()) {
        auto ids = stream_ids(cap.string());
        if (ids.empty()) continue;
        std::string z;
        for (unsigned id : ids) z += " -z follow,tcp,raw," + std::to_string(id);
        std::string args = " -r " + shell_quote(cap.string()) + " -n -q" + z;
        auto theirs = run_command("tshark" + args + " 2>/dev/null");
        auto ours = run_command(cli_path() + args + " 2>&1");
        EXPECT_EQ(ours.status, 0) << cap;
        // Compare stream by stream so a failure names the stream.
        auto split = [](const std::string& s) {
            std::vector<std::string> parts;
            std::size_t pos = 0;
            const std::string mark = "\n===================================================================\nFollow:";
            while (true) {
                auto next = s.find(mark, pos + 1);
                parts.push_back(s.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
                if (next == std::string::npos) break;
                pos = next;
            }
            return parts;
        };
        auto a = split(ours.out), b = split(theirs.out);
        ASSERT_EQ(a.size(), b.size()) << cap;
        for (std::size_t i = 0; i < a.size(); ++i) {
            EXPECT_EQ(a[i], b[i]) << cap << " stream block " << i;
            ++compared;
        }
    }
    EXPECT_GT(compared, 30);
}

}  // namespace
