// The mailscope-capture program itself, run as a child process.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "capture/live/helper_process.hpp"
#include "support/run_command.hpp"
#include "unit/live/live_test_support.hpp"

namespace ms {
namespace {

namespace fs = std::filesystem;
using test::shell_quote;

std::unique_ptr<HelperProcess> spawn_helper(const std::vector<std::string>& args) {
    std::string error;
    auto p = HelperProcess::spawn(test::capture_helper_path(), args, error);
    EXPECT_TRUE(p) << error;
    return p;
}

std::size_t count_lines(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

TEST(CaptureHelper, ListsLoopbackNumberedLikeTshark) {
    test::CommandResult r = test::run_command(shell_quote(test::capture_helper_path()) + " -D");
    ASSERT_EQ(r.status, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"((^|\n)\d+\. lo \(Loopback\)\n)"))) << r.out;
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^1\. \S+)"))) << r.out;
}

TEST(CaptureHelper, HelpAndBadOptions) {
    test::CommandResult help = test::run_command(shell_quote(test::capture_helper_path()) + " -h");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("-b filesize:KB"), std::string::npos);
    test::CommandResult bad = test::run_command(shell_quote(test::capture_helper_path()) + " -c zero 2>&1");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.out.find("mailscope-capture: Invalid packet count \"zero\""), std::string::npos) << bad.out;
}

TEST(CaptureHelper, BadCaptureFilterGivesLibpcapsMessage) {
    MS_REQUIRE_ROOT();
    test::CommandResult r =
        test::run_command(shell_quote(test::capture_helper_path()) + " -i lo -c 1 -f 'tcp prot 25' 2>&1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("mailscope-capture: Invalid capture filter \"tcp prot 25\" for interface \"lo\": "),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("syntax error"), std::string::npos) << r.out;
    EXPECT_EQ(count_lines(r.out), 1u) << r.out;
}

TEST(CaptureHelper, UnknownInterfaceIsOneClearMessage) {
    MS_REQUIRE_ROOT();
    test::CommandResult r = test::run_command(shell_quote(test::capture_helper_path()) + " -i nosuch0 -c 1 2>&1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no interface named \"nosuch0\""), std::string::npos) << r.out;
    EXPECT_EQ(count_lines(r.out), 1u) << r.out;
}

TEST(CaptureHelper, WithoutPrivilegesSaysWhatToDo) {
    MS_REQUIRE_ROOT();
    std::string drop;
    if (test::have_program("setpriv")) drop = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    else if (test::have_program("runuser")) drop = "runuser -u nobody -- ";
    else GTEST_SKIP() << "neither setpriv nor runuser is installed; skipping the unprivileged run";
    // The helper must be reachable by the unprivileged user.
    test::CommandResult reach = test::run_command(drop + "test -x " + shell_quote(test::capture_helper_path()));
    if (reach.status != 0) GTEST_SKIP() << "the helper is not executable by user 65534 here; skipping";

    test::CommandResult r =
        test::run_command(drop + shell_quote(test::capture_helper_path()) + " -i lo -c 1 2>&1 >/dev/null");
    EXPECT_EQ(r.status, 2);
    std::string expected = "mailscope-capture: You don't have permission to capture on interface \"lo\".\n"
                           "Give the capture helper the capability: sudo setcap cap_net_raw,cap_net_admin+eip " +
                           fs::canonical(test::capture_helper_path()).string() + "\n(or run it as root).\n";
    EXPECT_EQ(r.out, expected);

    // Listing needs no privileges.
    test::CommandResult list = test::run_command(drop + shell_quote(test::capture_helper_path()) + " -D");
    EXPECT_EQ(list.status, 0);
    EXPECT_NE(list.out.find(" lo"), std::string::npos);
}

TEST(CaptureHelper, CapturesLoopbackTrafficToAFile) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    test::TempDir dir;
    fs::path file = dir.path() / "lo.pcapng";
    auto p = spawn_helper({"-i", "lo", "-f", "tcp port " + std::to_string(listener.port()), "-c", "8", "-l", "-a",
                           "duration:10", "-w", file.string()});
    ASSERT_TRUE(p);
    std::string said = test::read_until(p->stderr_fd(), "Capturing on 'lo'", 5000);
    ASSERT_NE(said.find("Capturing on 'lo'"), std::string::npos) << said;
    ASSERT_TRUE(listener.exchange(6));
    ASSERT_TRUE(p->wait_for(5000)) << "the helper did not stop after -c 8";
    EXPECT_EQ(p->wait(), 0);
    said += test::read_until(p->stderr_fd(), "\n(never)", 1000);
    EXPECT_NE(said.find("Packets captured: 8\n"), std::string::npos) << said;
    EXPECT_TRUE(std::regex_search(said, std::regex(R"(Packets received/dropped on interface 'lo': 8/0 \(pcap:0/)")))
        << said;

    test::ReadBack rb = test::read_capture(file);
    EXPECT_EQ(rb.error, "");
    EXPECT_EQ(rb.format, "pcapng");
    EXPECT_EQ(rb.frames, 8u);
    EXPECT_EQ(rb.interface_names, std::vector<std::string>{"lo"});
    EXPECT_NE(rb.all_bytes.find(test::test_line(1) + "\n"), std::string::npos);
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST(CaptureHelper, ClassicPcapOutput) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    test::TempDir dir;
    fs::path file = dir.path() / "lo.pcap";
    auto p = spawn_helper({"-i", "lo", "-l", "-F", "pcap", "-c", "3", "-a", "duration:10", "-f",
                           "tcp port " + std::to_string(listener.port()), "-w", file.string()});
    ASSERT_TRUE(p);
    std::string said = test::read_until(p->stderr_fd(), "Capturing on", 5000);
    ASSERT_NE(said.find("Capturing on"), std::string::npos) << said;
    ASSERT_TRUE(listener.exchange(2));
    ASSERT_TRUE(p->wait_for(5000));
    EXPECT_EQ(p->wait(), 0);
    test::ReadBack rb = test::read_capture(file);
    EXPECT_EQ(rb.error, "");
    EXPECT_EQ(rb.format, "pcap");
    EXPECT_EQ(rb.frames, 3u);
}

TEST(CaptureHelper, SigtermLeavesAValidFile) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    test::TempDir dir;
    fs::path file = dir.path() / "term.pcapng";
    auto p = spawn_helper({"-i", "lo", "-f", "tcp port " + std::to_string(listener.port()), "-a", "duration:15",
                           "-w", file.string()});
    ASSERT_TRUE(p);
    std::string said = test::read_until(p->stderr_fd(), "Capturing on", 5000);
    ASSERT_NE(said.find("Capturing on"), std::string::npos) << said;
    ASSERT_TRUE(listener.exchange(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(fs::exists(file.string() + ".tmp"));
    EXPECT_FALSE(fs::exists(file));
    kill(p->pid(), SIGTERM);
    ASSERT_TRUE(p->wait_for(5000));
    EXPECT_EQ(p->wait(), 0);

    test::ReadBack rb = test::read_capture(file);
    EXPECT_EQ(rb.error, "");
    EXPECT_GE(rb.frames, 8u);  // handshake, five data segments, and more
    for (int i = 1; i <= 5; ++i) EXPECT_NE(rb.all_bytes.find(test::test_line(i)), std::string::npos) << i;
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST(CaptureHelper, RingBufferKeepsAtMostThreeValidFiles) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    test::TempDir dir;
    fs::path file = dir.path() / "ring.pcapng";
    auto p = spawn_helper({"-i", "lo", "-l", "-f", "tcp port " + std::to_string(listener.port()), "-a",
                           "duration:15", "-w", file.string(), "-b", "files:3", "-b", "filesize:1"});
    ASSERT_TRUE(p);
    std::string said = test::read_until(p->stderr_fd(), "Capturing on", 5000);
    ASSERT_NE(said.find("Capturing on"), std::string::npos) << said;
    ASSERT_TRUE(listener.exchange(30, 300, 2));  // ~60 packets of 300+ bytes: many 1 kB files
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(p->pid(), SIGTERM);
    ASSERT_TRUE(p->wait_for(5000));
    EXPECT_EQ(p->wait(), 0);

    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    ASSERT_GE(names.size(), 1u);
    EXPECT_LE(names.size(), 3u);
    std::regex shape(R"(ring_(\d{5})_\d{14}\.pcapng)");
    int highest = 0;
    uint64_t total = 0;
    for (const std::string& n : names) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(n, m, shape)) << n;
        highest = std::max(highest, std::stoi(m[1].str()));
        test::ReadBack rb = test::read_capture(dir.path() / n);
        EXPECT_EQ(rb.error, "") << n;
        total += rb.frames;
    }
    EXPECT_GE(total, 3u);
    EXPECT_GT(highest, 3) << "the ring never rotated past its third file";
}

}  // namespace
}  // namespace ms
