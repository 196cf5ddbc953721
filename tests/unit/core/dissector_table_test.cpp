// Decode As rules: a rule overrides the well-known port, and removing it
// gives the port back to its own protocol.
#include <gtest/gtest.h>

#include <string_view>

#include "dissectors/core/dissector_table.hpp"

namespace ms {
namespace {

DissectorTable two_protocols() {
    DissectorTable t;
    t.add(AppProtocol{"smtp", {25}, nullptr, nullptr});
    t.add(AppProtocol{"pop", {110}, nullptr, nullptr});
    return t;
}

TEST(DissectorTable, WellKnownPortsWithoutRules) {
    DissectorTable t = two_protocols();
    ASSERT_NE(t.by_port(25), nullptr);
    EXPECT_EQ(std::string_view(t.by_port(25)->name), "smtp");
    EXPECT_EQ(std::string_view(t.by_port(110)->name), "pop");
    EXPECT_EQ(t.by_port(2525), nullptr);
}

TEST(DissectorTable, DecodeAsOverridesAndUnknownNamesAreRefused) {
    DissectorTable t = two_protocols();
    EXPECT_TRUE(t.decode_as(110, "smtp"));
    EXPECT_TRUE(t.decode_as(2525, "smtp"));
    EXPECT_FALSE(t.decode_as(143, "imap"));  // not registered in this table
    EXPECT_EQ(std::string_view(t.by_port(110)->name), "smtp");
    EXPECT_EQ(std::string_view(t.by_port(2525)->name), "smtp");
    EXPECT_EQ(t.by_port(143), nullptr);
}

TEST(DissectorTable, RemovingARuleRestoresThePortsOwnProtocol) {
    DissectorTable t = two_protocols();
    ASSERT_TRUE(t.decode_as(110, "smtp"));
    ASSERT_TRUE(t.decode_as(2525, "pop"));
    t.remove_decode_as(110);
    EXPECT_EQ(std::string_view(t.by_port(110)->name), "pop");
    EXPECT_EQ(std::string_view(t.by_port(2525)->name), "pop");  // other rules stay
    t.clear_decode_as();
    EXPECT_EQ(t.by_port(2525), nullptr);
}

}  // namespace
}  // namespace ms
