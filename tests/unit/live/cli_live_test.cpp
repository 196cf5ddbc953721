// mailscope-cli capturing live on lo through the helper: what it prints
// while capturing equals what it prints reading back the file it wrote.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>

#include "live_test_support.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace fs = std::filesystem;
using namespace ms::test;

TEST(CliLive, LiveOutputEqualsReadingTheWrittenFileBack) {
    if (geteuid() != 0) GTEST_SKIP() << "live capture needs root (or the capture capabilities)";
    LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    fs::path dir = fs::temp_directory_path() / ("mailscope-cli-live-" + std::to_string(getpid()));
    fs::create_directories(dir);
    fs::path file = dir / "live.pcapng";
    std::string port = std::to_string(listener.port());
    // -c 12: the three-way handshake, data and the close of one exchange.
    std::string cmd = "PATH=" + shell_quote(fs::path(MAILSCOPE_CAPTURE).parent_path().string()) + ":$PATH " + cli_path() +
                      " -i lo -f " + shell_quote("tcp port " + port) + " -c 12 -a duration:20 -n -w " +
                      shell_quote(file.string()) + " -P 2>/dev/null";
    auto live = std::async(std::launch::async, [&] { return run_command(cmd); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the helper opens lo
    for (int i = 0; i < 20 && live.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready; ++i) {
        listener.exchange(3, 0, 5);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto out = live.get();
    ASSERT_EQ(out.status, 0) << out.out;
    ASSERT_TRUE(fs::exists(file));
    auto back = run_command(cli_path() + " -r " + shell_quote(file.string()) + " -n 2>&1");
    EXPECT_EQ(back.status, 0);
    EXPECT_FALSE(out.out.empty());
    EXPECT_EQ(out.out, back.out);
    fs::remove_all(dir);
}

// `kill PID` (SIGTERM) or a closed terminal (SIGHUP) reaches only the CLI,
// not the helper: the CLI must pass it on as a stop and end as after -a,
// with the helper's counts and its own statistics, not die mid-frame.
TEST(CliLive, SigtermEndsTheCaptureWithCountsAndStatistics) {
    if (geteuid() != 0) GTEST_SKIP() << "live capture needs root (or the capture capabilities)";
    LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    std::string port = std::to_string(listener.port());
    std::string cli = "PATH=" + shell_quote(fs::path(MAILSCOPE_CAPTURE).parent_path().string()) + ":$PATH " + cli_path() +
                      " -i lo -f " + shell_quote("tcp port " + port) + " -a duration:60 -n -q -z conv,tcp";
    std::string cmd = "sh -c " + shell_quote(cli + " & pid=$!; sleep 3; kill -TERM $pid; wait $pid; echo exit=$?") + " 2>&1";
    const auto start = std::chrono::steady_clock::now();
    auto live = std::async(std::launch::async, [&] { return run_command(cmd); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the helper opens lo
    listener.exchange(3, 0, 5);
    auto out = live.get();
    const auto took = std::chrono::steady_clock::now() - start;
    EXPECT_LT(took, std::chrono::seconds(30)) << "the stop request was not passed on";
    EXPECT_NE(out.out.find("exit=0"), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("Packets captured: "), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("TCP Conversations"), std::string::npos) << out.out;
}
