// Decode As rules: a rule overrides the well-known port, and removing it
// gives the port back to its own protocol.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"

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

namespace ms {
namespace {
FieldId field_named(const char* abbrev) {
    FieldRegistry& reg = FieldRegistry::mutable_global();
    FieldId f = reg.find(abbrev);
    return f != kNoField ? f : reg.add(FieldDef{abbrev, abbrev, FieldType::String});
}

DissectorTable three_protocols() {
    DissectorTable t = two_protocols();
    t.add(AppProtocol{"imap", {143}, nullptr, nullptr});
    return t;
}
}  // namespace

// A run that reads only some fields need not dissect the protocols none of
// them can come from; a field any protocol may add keeps them all.
TEST(DissectorTable, UnreadProtocolsFollowTheWantedFieldsFamilies) {
    DissectorTable t = three_protocols();
    const FieldId number = field_named("frame.number"), stream = field_named("tcp.stream");
    const FieldId smtp_cmd = field_named("smtp.req.command"), pop_cmd = field_named("pop.request.command");
    using V = std::vector<std::string>;
    EXPECT_EQ(t.unread_by(std::vector<FieldId>{}), (V{"smtp", "pop", "imap"}));
    EXPECT_EQ(t.unread_by(std::vector<FieldId>{number, stream}), (V{"smtp", "pop", "imap"}));
    EXPECT_EQ(t.unread_by(std::vector<FieldId>{number, smtp_cmd}), (V{"pop", "imap"}));
    EXPECT_EQ(t.unread_by(std::vector<FieldId>{pop_cmd, smtp_cmd}), (V{"imap"}));
    // Message fields come from every transport; frame.protocols and the
    // columns name the application layer; unknown families may too.
    for (const char* any : {"imf.from", "frame.protocols", "_ws.col.info", "data.data", "mime_multipart.type"})
        EXPECT_TRUE(t.unread_by(std::vector<FieldId>{number, field_named(any)}).empty()) << any;
}

}  // namespace ms
