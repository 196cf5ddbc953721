// A hand-built frame for the display filter tests: a made-up protocol "ft"
// with one field of every type the filters handle, multi-occurrence fields
// (ft.port, ft.addr, ft.param), and a second data source with protocol "ftm".
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/filter/display_filter.hpp"

#define MS_FILTER_TEST_FIELDS(X)                                          \
    X(proto, "ft", "Filter Test Protocol", Protocol, None)                \
    X(mac, "ft.mac", "MAC", Ether, None)                                  \
    X(src, "ft.src", "Source", IPv4, None)                                \
    X(dst, "ft.dst", "Destination", IPv4, None)                           \
    X(addr, "ft.addr", "Address", IPv4, None)                             \
    X(srcport, "ft.srcport", "Source Port", U16, Dec)                     \
    X(dstport, "ft.dstport", "Destination Port", U16, Dec)                \
    X(port, "ft.port", "Port", U16, Dec)                                  \
    X(cmd, "ft.cmd", "Command", String, None)                             \
    X(param, "ft.param", "Parameter", String, None)                       \
    X(subject, "ft.subject", "Subject", String, None)                     \
    X(data, "ft.data", "Data", Bytes, None)                               \
    X(flags, "ft.flags", "Flags", U16, Hex)                               \
    X(flag, "ft.flag", "Syn", Boolean, None, ft_test::kSetNotSet, 0x002)  \
    X(status, "ft.status", "Status", U8, Dec, ft_test::kStatus)           \
    X(ttl, "ft.ttl", "TTL", U8, Dec)                                      \
    X(delta, "ft.delta", "Delta", I32, Dec)                               \
    X(ratio, "ft.ratio", "Ratio", Double, None)                           \
    X(num, "ft.num", "Frame", FrameNum, None)                             \
    X(arrival, "ft.time", "Arrival Time", AbsTime, None)                     \
    X(rel, "ft.rel", "Time since request", RelTime, None)                 \
    X(ip6, "ft.ip6", "IPv6", IPv6, None)                                  \
    X(label, "ft.label", "A text-only item", None, None)                  \
    X(absent, "ftx", "Absent Protocol", Protocol, None)                   \
    X(absent_val, "ftx.val", "Absent Value", U32, Dec)                    \
    X(mail, "ftm", "Reassembled Mail", Protocol, None)

namespace ft_test {
inline const ms::ValueName kSetNotSet[] = {{0, "Not set"}, {1, "Set"}};
inline const ms::ValueName kStatus[] = {{0, "Bad"}, {1, "Good"}, {2, "Unverified"}};
}  // namespace ft_test

MS_DECLARE_FIELDS(ft_fields, MS_FILTER_TEST_FIELDS)

namespace ft_test {

// 2009-10-05 06:06:07.492060000 UTC
inline constexpr int64_t kArrivalNs = 1254722767492060000;

class FilterTest : public ::testing::Test {
protected:
    void SetUp() override;

    // Compiles (expecting success) and evaluates on the frame.
    bool match(std::string_view filter);
    // Compiles expecting failure; returns the error.
    ms::FilterError error(std::string_view filter);

    std::vector<uint8_t> frame_;
    ms::FrameContext ctx_;
};

}  // namespace ft_test
