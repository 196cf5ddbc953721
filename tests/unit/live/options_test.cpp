#include <gtest/gtest.h>

#include "capture/live/capture_options.hpp"
#include "capture/live/interface_list.hpp"

namespace ms {
namespace {

HelperOptions parse_ok(std::vector<std::string> args) {
    HelperOptions o;
    std::string error;
    EXPECT_TRUE(parse_helper_args(args, o, error)) << error;
    return o;
}

std::string parse_error(std::vector<std::string> args) {
    HelperOptions o;
    std::string error;
    EXPECT_FALSE(parse_helper_args(args, o, error));
    return error;
}

TEST(HelperOptions, OptionsBeforeTheFirstInterfaceAreDefaults) {
    HelperOptions o = parse_ok({"-f", "tcp port 25", "-s", "96", "-i", "lo", "-i", "eth0", "-p", "-f", "udp"});
    ASSERT_EQ(o.interfaces.size(), 2u);
    EXPECT_EQ(o.interfaces[0].name, "lo");
    EXPECT_EQ(o.interfaces[0].filter, "tcp port 25");
    EXPECT_EQ(o.interfaces[0].snaplen, 96u);
    EXPECT_TRUE(o.interfaces[0].promiscuous);
    EXPECT_EQ(o.interfaces[1].name, "eth0");
    EXPECT_EQ(o.interfaces[1].filter, "udp");
    EXPECT_FALSE(o.interfaces[1].promiscuous);
}

TEST(HelperOptions, StopConditionsAndRingBuffer) {
    HelperOptions o = parse_ok({"-i", "lo", "-c", "10", "-a", "duration:1.5", "-a", "filesize:20", "-a", "files:4",
                                "-w", "/tmp/x.pcapng", "-b", "files:3", "-b", "filesize:100", "-b", "duration:2"});
    EXPECT_EQ(o.packet_limit, 10u);
    EXPECT_EQ(o.duration_limit_ms, 1500u);
    EXPECT_EQ(o.filesize_limit_kb, 20u);
    EXPECT_EQ(o.files_limit, 4u);
    EXPECT_EQ(o.ring.files, 3u);
    EXPECT_EQ(o.ring.filesize_kb, 100u);
    EXPECT_EQ(o.ring.duration_ms, 2000u);
    EXPECT_FALSE(o.writes_to_stdout());
}

TEST(HelperOptions, GroupedFlagsAndAttachedValues) {
    HelperOptions o = parse_ok({"-lq", "-c5", "-ilo", "-Fpcap"});
    EXPECT_TRUE(o.immediate);
    EXPECT_TRUE(o.quiet);
    EXPECT_EQ(o.packet_limit, 5u);
    ASSERT_EQ(o.interfaces.size(), 1u);
    EXPECT_EQ(o.interfaces[0].name, "lo");
    EXPECT_EQ(o.format, LiveFileFormat::Pcap);
    EXPECT_TRUE(o.writes_to_stdout());
}

TEST(HelperOptions, ZeroSnaplenMeansTheLargest) {
    EXPECT_EQ(parse_ok({"-s", "0"}).defaults.snaplen, kDefaultSnaplen);
    EXPECT_EQ(parse_ok({"-s", "999999"}).defaults.snaplen, kDefaultSnaplen);
}

TEST(HelperOptions, BadCommandLinesAreRefusedWithAReason) {
    EXPECT_NE(parse_error({"-c", "ten"}).find("packet count"), std::string::npos);
    EXPECT_NE(parse_error({"-c"}).find("requires an argument"), std::string::npos);
    EXPECT_NE(parse_error({"-a", "bogus:1"}).find("-a"), std::string::npos);
    EXPECT_NE(parse_error({"-a", "duration:"}).find("-a"), std::string::npos);
    EXPECT_NE(parse_error({"-b", "files:3"}).find("Ring buffer"), std::string::npos);  // no -w
    EXPECT_NE(parse_error({"-w", "x.pcapng", "-b", "files:3"}).find("no condition"), std::string::npos);
    EXPECT_NE(parse_error({"-F", "erf"}).find("erf"), std::string::npos);
    EXPECT_NE(parse_error({"-F", "pcap", "-i", "lo", "-i", "eth0"}).find("pcapng"), std::string::npos);
    EXPECT_NE(parse_error({"-Z"}).find("invalid option"), std::string::npos);
    EXPECT_NE(parse_error({"stray"}).find("stray"), std::string::npos);
}

TEST(InterfaceListing, HumanLinesLookLikeTsharks) {
    InterfaceDesc lo{3, "lo", "Loopback", true, true, {"127.0.0.1"}};
    InterfaceDesc eth{1, "eth0", "", false, true, {}};
    EXPECT_EQ(format_interface_line(lo), "3. lo (Loopback)");
    EXPECT_EQ(format_interface_line(eth), "1. eth0");
}

TEST(InterfaceListing, MachineLinesRoundTrip) {
    std::vector<InterfaceDesc> in = {
        {1, "eth0", "", false, true, {"192.0.2.2", "fe80::1"}},
        {2, "any", "Pseudo-device that captures on all interfaces", false, true, {}},
        {3, "lo", "Loopback", true, false, {"127.0.0.1", "::1"}},
    };
    std::string text = "some warning line\n";
    for (const auto& d : in) text += format_interface_machine_line(d) + "\n";
    std::vector<InterfaceDesc> out = parse_interface_listing(text);
    ASSERT_EQ(out.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(out[i].number, in[i].number);
        EXPECT_EQ(out[i].name, in[i].name);
        EXPECT_EQ(out[i].description, in[i].description);
        EXPECT_EQ(out[i].loopback, in[i].loopback);
        EXPECT_EQ(out[i].up, in[i].up);
        EXPECT_EQ(out[i].addresses, in[i].addresses);
    }
}

TEST(InterfaceListing, FindByNameThenByNumber) {
    std::vector<InterfaceDesc> list = {{1, "eth0", "", false, true, {}}, {2, "3", "", false, true, {}},
                                       {3, "lo", "Loopback", true, true, {}}};
    ASSERT_NE(find_interface(list, "lo"), nullptr);
    EXPECT_EQ(find_interface(list, "lo")->number, 3u);
    EXPECT_EQ(find_interface(list, "1")->name, "eth0");
    EXPECT_EQ(find_interface(list, "3")->name, "3");  // a name wins over a number
    EXPECT_EQ(find_interface(list, "9"), nullptr);
    EXPECT_EQ(find_interface(list, "wlan0"), nullptr);
    EXPECT_EQ(find_interface(list, "0"), nullptr);
}

}  // namespace
}  // namespace ms
