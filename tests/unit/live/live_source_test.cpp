// The analyzer side: start_live_capture() and list_interfaces() running the
// real helper.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "capture/live/helper_process.hpp"
#include "capture/live/live_source.hpp"
#include "unit/live/live_test_support.hpp"

namespace ms {
namespace {

namespace fs = std::filesystem;

LiveCaptureOptions loopback_options(uint16_t port) {
    LiveCaptureOptions o;
    o.helper_path = test::capture_helper_path();
    o.interfaces = {"lo"};
    o.capture_filter = "tcp port " + std::to_string(port);
    o.autostop = {"duration:10"};  // the tests stay bounded whatever happens
    return o;
}

struct Collected {
    uint64_t frames = 0;
    std::string bytes;
    ReadStatus last = ReadStatus::Frame;
};

Collected read_all(LiveCapture& live) {
    Collected c;
    RawFrame f;
    while ((c.last = live.next(f)) == ReadStatus::Frame) {
        ++c.frames;
        EXPECT_EQ(f.number, c.frames);
        EXPECT_EQ(f.linktype, uint32_t(kLinkEthernet));
        c.bytes.append(reinterpret_cast<const char*>(f.data.data()), f.data.size());
    }
    return c;
}

TEST(LiveSource, ArgumentsPutSharedOptionsBeforeTheInterfaces) {
    LiveCaptureOptions o;
    o.interfaces = {"lo", "2"};
    o.capture_filter = "tcp port 25";
    o.snaplen = 128;
    o.promiscuous = false;
    o.packet_count = 7;
    o.autostop = {"duration:3"};
    std::vector<std::string> expected = {"-f", "tcp port 25", "-s", "128", "-p", "-l", "-c", "7",
                                         "-a", "duration:3", "-i", "lo", "-i", "2", "-w", "-"};
    EXPECT_EQ(live_capture_arguments(o), expected);
}

TEST(LiveSource, ListInterfacesIncludesLoopback) {
    std::string error;
    std::vector<InterfaceDesc> list = list_interfaces(error, test::capture_helper_path());
    ASSERT_EQ(error, "");
    ASSERT_FALSE(list.empty());
    const InterfaceDesc* lo = find_interface(list, "lo");
    ASSERT_NE(lo, nullptr);
    EXPECT_TRUE(lo->loopback);
    EXPECT_EQ(lo->description, "Loopback");
    for (std::size_t i = 0; i < list.size(); ++i) EXPECT_EQ(list[i].number, i + 1);
}

TEST(LiveSource, FindsTheHelperOnPath) {
    std::string dir = fs::path(test::capture_helper_path()).parent_path().string();
    const char* old = std::getenv("PATH");
    std::string saved = old ? old : "";
    setenv("PATH", (dir + ":/usr/bin:/bin").c_str(), 1);
    std::string found = find_capture_helper();
    setenv("PATH", saved.c_str(), 1);
    EXPECT_EQ(fs::canonical(found), fs::canonical(test::capture_helper_path()));
}

TEST(LiveSource, MissingHelperIsReported) {
    LiveCaptureOptions o;
    o.helper_path = "/nonexistent/mailscope-capture";
    std::string error;
    EXPECT_EQ(start_live_capture(o, error), nullptr);
    EXPECT_NE(error.find("/nonexistent/mailscope-capture"), std::string::npos) << error;
}

TEST(LiveSource, CapturesUntilThePacketCount) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    LiveCaptureOptions o = loopback_options(listener.port());
    o.packet_count = 8;
    std::string error;
    auto live = start_live_capture(o, error);
    ASSERT_TRUE(live) << error;
    // start_live_capture returns once the interface is open: traffic from
    // now on is captured.
    std::thread traffic([&] { EXPECT_TRUE(listener.exchange(6)); });
    Collected c = read_all(*live);
    traffic.join();
    EXPECT_EQ(c.last, ReadStatus::End) << live->error();
    EXPECT_EQ(c.frames, 8u);
    EXPECT_NE(c.bytes.find(test::test_line(1) + "\n"), std::string::npos);
    EXPECT_EQ(live->exit_status(), 0);
    ASSERT_EQ(live->interfaces().size(), 1u);
    EXPECT_EQ(live->interfaces()[0].name, "lo");
    EXPECT_NE(live->helper_messages().find("Packets captured: 8"), std::string::npos) << live->helper_messages();
}

TEST(LiveSource, StopDeliversEveryCapturedPacket) {
    MS_REQUIRE_ROOT();
    test::LoopbackListener listener;
    ASSERT_TRUE(listener.ok());
    std::string error;
    auto live = start_live_capture(loopback_options(listener.port()), error);
    ASSERT_TRUE(live) << error;
    std::thread traffic([&] {
        EXPECT_TRUE(listener.exchange(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        live->stop();  // from another thread, as a GUI would
    });
    auto started = std::chrono::steady_clock::now();
    Collected c = read_all(*live);
    traffic.join();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
    EXPECT_EQ(c.last, ReadStatus::End) << live->error();
    EXPECT_GE(c.frames, 8u);
    for (int i = 1; i <= 5; ++i) EXPECT_NE(c.bytes.find(test::test_line(i)), std::string::npos) << i;
    EXPECT_EQ(live->exit_status(), 0);
}

TEST(LiveSource, BadFilterComesBackAsTheError) {
    MS_REQUIRE_ROOT();
    LiveCaptureOptions o = loopback_options(1);
    o.capture_filter = "tcp prot 25";
    std::string error;
    EXPECT_EQ(start_live_capture(o, error), nullptr);
    EXPECT_EQ(error.rfind("mailscope-capture: Invalid capture filter \"tcp prot 25\" for interface \"lo\": ", 0), 0u)
        << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

TEST(LiveSource, DestroyingALiveCaptureStopsTheHelper) {
    MS_REQUIRE_ROOT();
    std::string error;
    {
        auto live = start_live_capture(loopback_options(1), error);
        ASSERT_TRUE(live) << error;
    }
    // No zombie or orphan: the destructor reaped it (waitpid finds no child).
    EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
}

}  // namespace
}  // namespace ms
