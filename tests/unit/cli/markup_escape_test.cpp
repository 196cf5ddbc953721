// The escaping under -T json|ek|pdml|psml: wire bytes (quotes, control
// bytes, bytes that are not UTF-8) must come out as valid JSON / XML text.
#include <gtest/gtest.h>

#include "app/cli/printers/json_writer.hpp"
#include "app/cli/printers/markup_escape.hpp"
#include "strict_json.hpp"

namespace {

using namespace ms::cli;

std::string json(std::string_view s) {
    std::string o;
    append_json_string(o, s);
    return o;
}
std::string xml(std::string_view s) {
    std::string o;
    append_xml_escaped(o, s);
    return o;
}

TEST(JsonEscape, QuotesBackslashesAndControlBytes) {
    EXPECT_EQ(json("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(json("\r\n\t\b\f"), "\"\\r\\n\\t\\b\\f\"");
    EXPECT_EQ(json(std::string_view("\x00\x01\x1b\x1f", 4)), "\"\\u0000\\u0001\\u001b\\u001f\"");
    EXPECT_EQ(json("\x7f"), "\"\x7f\"");  // DEL is allowed in JSON strings
}

TEST(JsonEscape, KeepsValidUtf8) {
    EXPECT_EQ(json("Gr\xC3\xBC\xC3\x9F" "e \xE2\x9C\x93 \xF0\x9F\x93\xA7"), "\"Gr\xC3\xBC\xC3\x9F" "e \xE2\x9C\x93 \xF0\x9F\x93\xA7\"");
}

TEST(JsonEscape, ReplacesBytesThatAreNotUtf8) {
    const std::string r = "\xEF\xBF\xBD";
    EXPECT_EQ(json("caf\xE9"), "\"caf" + r + "\"");                 // Latin-1 byte
    EXPECT_EQ(json("\xC0\xAF"), "\"" + r + r + "\"");               // overlong '/'
    EXPECT_EQ(json("\xED\xA0\x80"), "\"" + r + r + r + "\"");       // UTF-16 surrogate
    EXPECT_EQ(json("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // past U+10FFFF
    EXPECT_EQ(json("\xE2\x9C"), "\"" + r + r + "\"");               // truncated sequence
    EXPECT_EQ(json("\xFF\xFE"), "\"" + r + r + "\"");
}

TEST(JsonEscape, EveryByteStringParsesBack) {
    // All 256 single bytes and a sweep of pairs: the result always parses.
    for (int a = 0; a < 256; ++a)
        for (int b = 0; b < 256; b += 7) {
            std::string s{char(a), char(b), '"', '\\'};
            ms::test::JsonValue v;
            std::string err;
            ASSERT_TRUE(ms::test::StrictJson::parse(json(s), v, err)) << a << "," << b << ": " << err;
            if (a < 0x80 && b < 0x80) EXPECT_EQ(v.text, s);
        }
}

TEST(XmlEscape, MarkupCharactersBecomeEntities) {
    EXPECT_EQ(xml("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;");
}

TEST(XmlEscape, ControlBytesAreWrittenAsText) {
    EXPECT_EQ(xml(std::string_view("a\x01" "b\x1b\x00\x7f", 6)), "a\\x01b\\x1b\\x00\\x7f");
    EXPECT_EQ(xml("l1\r\nl2\t"), "l1\r\nl2\t");  // as tshark keeps them
    EXPECT_EQ(xml("caf\xE9"), "caf\xEF\xBF\xBD");
}

TEST(JsonWriter, PrettyAndCompactLayouts) {
    std::string p;
    JsonWriter w(p, true);
    w.begin_object();
    w.key("a");
    w.string("1");
    w.key("b", "_tree");
    w.begin_object();
    w.key("c");
    w.literal("null");
    w.end_object();
    w.key("e");
    w.begin_array();
    w.string("x");
    w.string("y");
    w.end_array();
    w.key("empty");
    w.begin_object();
    w.end_object();
    w.end_object();
    EXPECT_EQ(p, "{\n  \"a\": \"1\",\n  \"b_tree\": {\n    \"c\": null\n  },\n  \"e\": [\n    \"x\",\n    \"y\"\n  ],\n"
                 "  \"empty\": {}\n}");
    std::string c;
    JsonWriter k(c, false);
    k.begin_object();
    k.key("a\"b");
    k.begin_array();
    k.literal("true");
    k.string("q");
    k.end_array();
    k.end_object();
    EXPECT_EQ(c, "{\"a\\\"b\":[true,\"q\"]}");
}

}  // namespace
