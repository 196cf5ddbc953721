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
