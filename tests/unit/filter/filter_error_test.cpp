// Filters that must not compile, with tshark 4.0's message and the span it
// underlines (checked against `tshark -Y` on the same shapes of filter).
#include "filter_fixture.hpp"

namespace ft_test {
namespace {

struct Case {
    const char* filter;
    const char* message;
    std::size_t start, length;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.filter; }

class FilterErrorTest : public FilterTest, public ::testing::WithParamInterface<Case> {};

TEST_P(FilterErrorTest, MessageAndSpan) {
    const Case& c = GetParam();
    ms::FilterError e = error(c.filter);
    EXPECT_EQ(e.message, c.message);
    EXPECT_EQ(e.start, c.start);
    EXPECT_EQ(e.length, c.length);
}

const Case kCases[] = {
    // Names.
    {"ft.foo", "ft.foo is neither a field nor a protocol name.", 0, 6},
    {"ft.dstport == 25 && ft.foo", "ft.foo is neither a field nor a protocol name.", 20, 6},
    {"25", "25 is neither a field nor a protocol name.", 0, 2},
    {"\"abc\"", "\"abc\" is neither a field nor a protocol name.", 0, 5},
    {"25 == 25", "Left side of \"==\" expression must be a field or function, not 25.", 0, 2},
    {"ft.foo == 1", "Left side of \"==\" expression must be a field or function, not ft.foo.", 0, 6},
    {"\"EHLO\" == ft.cmd", "Left side of \"==\" expression must be a field or function, not \"EHLO\".", 0, 6},
    {"ft.foo contains \"a\"", "Left side of contains expression must be a field or function, not ft.foo.", 0, 6},
    // Syntax.
    {"(ft.dstport == 25", "Unexpected end of filter expression.", 17, 0},
    {"ft.dstport == 25)", "\")\" was unexpected in this context.", 16, 1},
    {"ft.dstport ==", "Unexpected end of filter expression.", 13, 0},
    {"ft.dstport == 25 and", "Unexpected end of filter expression.", 20, 0},
    {"!", "Unexpected end of filter expression.", 1, 0},
    {"== 25", "\"==\" was unexpected in this context.", 0, 2},
    {"and ft", "\"and\" was unexpected in this context.", 0, 3},
    {"ft.dstport == 25 and and ft", "\"and\" was unexpected in this context.", 21, 3},
    {"ft.dstport == 25 25", "\"25\" was unexpected in this context.", 17, 2},
    {"ft.dstport = 25", "\"=\" was unexpected in this context.", 11, 1},
    {"ft.dstport @ 25", "\"@\" was unexpected in this context.", 11, 1},
    {"ft.dstport == 25 ||| 1", "\"|\" was unexpected in this context.", 19, 1},
    {"()", "\")\" was unexpected in this context.", 1, 1},
    {"ft.dstport in {}", "\"}\" was unexpected in this context.", 15, 1},
    {"ft.dstport in 25", "\"25\" was unexpected in this context.", 14, 2},
    {"ft.dstport in {25..}", "\"}\" was unexpected in this context.", 19, 1},
    {"ft.dstport in {..25}", "\"..\" was unexpected in this context.", 15, 2},
    {"ft.cmd == \"EHLO\"x", "\"x\" was unexpected in this context.", 16, 1},
    {"all ft.port", "Unexpected end of filter expression.", 11, 0},
    // Lexical.
    {"\"abc", "The final quote was missing from a quoted string.", 4, 1},
    {"ft.cmd == \"abc", "The final quote was missing from a quoted string.", 14, 1},
    {"ft.cmd == \"EH\\LO\"", "\\L is not a valid character escape sequence", 13, 2},
    {"ft.ttl == 'ab'", "'ab' is too long to be a valid character constant.", 10, 4},
    {"ft.ttl == '", "The final quote was missing from a character constant.", 11, 1},
    // Slices.
    {"ft.data[0:2", "The right bracket was missing from a slice.", 11, 1},
    {"ft.data[a]", "\"a\" is not a valid number.", 8, 1},
    {"ft.data[1:2:3]", "\"1:2:3\" is not a valid range.", 8, 5},
    {"ft.data[]", "\"]\" was unexpected in this context.", 8, 1},
    {"ft.dstport[0:2] == 00:19",
     "\"ft.dstport\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.", 0, 10},
    // Literals by field type.
    {"ft.src == 300.1.1.1", "\"300.1.1.1\" is not a valid hostname or IPv4 address.", 10, 9},
    {"ft.src == 10.10.1", "\"10.10.1\" is not a valid hostname or IPv4 address.", 10, 7},
    {"ft.src == localhost", "\"localhost\" is not a valid hostname or IPv4 address.", 10, 9},
    {"ft.src == 10.0.0.0/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 10, 11},
    {"ft.src == \"10.10.1.4\"", "IPv4 address cannot be converted from a string (\"10.10.1.4\").", 10, 11},
    {"ft.ip6 == 10.0.0.1", "\"10.0.0.1\" is not a valid hostname or IPv6 address.", 10, 8},
    {"ft.ip6 == fe80::1/129", "Prefix in a IPv6 address should be <= 128, not 129", 10, 11},
    {"ft.mac == 00:11:22", "\"00:11:22\" contains too few bytes to be a valid Ethernet address.", 10, 8},
    {"ft.mac == 00:11:22:33:44:55:66",
     "\"00:11:22:33:44:55:66\" contains too many bytes to be a valid Ethernet address.", 10, 20},
    {"ft.mac == \"00:11:22:33:44:55\"",
     "Ethernet or other MAC address cannot be converted from a string (\"00:11:22:33:44:55\").", 10, 19},
    {"ft.data == zz", "\"zz\" is not a valid byte string.", 11, 2},
    {"ft.data == 0x1ff", "\"0x1ff\" is not a valid byte string.", 11, 5},
    {"ft.dstport == \"abc\"", "Unsigned integer (2 bytes) cannot be converted from a string (\"abc\").", 14, 5},
    {"ft.dstport > \"x\"", "Unsigned integer (2 bytes) cannot be converted from a string (\"x\").", 13, 3},
    {"ft.dstport == abc", "\"abc\" is not a valid number.", 14, 3},
    {"ft.dstport == 0x1g", "\"0x1g\" is not a valid number.", 14, 4},
    {"ft.dstport == 1.5", "\"1.5\" is not a valid number.", 14, 3},
    {"ft.dstport in {abc}", "\"abc\" is not a valid number.", 15, 3},
    {"ft.dstport in {25..abc}", "\"abc\" is not a valid number.", 19, 3},
    {"ft.dstport == 70000", "\"70000\" too big for this field, maximum 65535.", 14, 5},
    {"ft.ttl == 300", "\"300\" too big for this field, maximum 255.", 10, 3},
    {"ft.delta == 2147483648", "\"2147483648\" too big for this field, maximum 2147483647.", 12, 10},
    {"ft.delta == -2147483649", "\"-2147483649\" too small for this field, minimum -2147483648.", 12, 11},
    {"ft.status == \"Foo\"", "\"Foo\" cannot be found among the possible values for ft.status.", 13, 5},
    {"ft.status == Foo", "\"Foo\" cannot be found among the possible values for ft.status.", 13, 3},
    {"ft.status in {\"Good\", \"Foo\"}", "\"Foo\" cannot be found among the possible values for ft.status.", 22, 5},
    {"ft.flag == maybe", "\"maybe\" cannot be found among the possible values for ft.flag.", 11, 5},
    {"ft.flag == true", "\"true\" cannot be found among the possible values for ft.flag.", 11, 4},
    {"ft.time == \"foo\"",
     "\"foo\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", 11, 5},
    {"ft.time > 5",
     "\"5\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", 10, 1},
    {"ft.time == \"Oct  5, 2009 06:06:07x\"", "Unexpected data after time value.", 11, 24},
    {"ft.rel > abc", "\"abc\" is not a valid time.", 9, 3},
    {"ft.rel > \"abc\"", "Time offset cannot be converted from a string (\"abc\").", 9, 5},
    {"ft.ratio == abc", "\"abc\" is not a valid number.", 12, 3},
    // Operators and types.
    {"ft.dstport contains 25", "ft.dstport (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.",
     0, 10},
    {"ft.src contains 1", "ft.src (type=IPv4 address) cannot participate in contains comparison.", 0, 6},
    {"ft.flag contains 1", "ft.flag (type=Boolean) cannot participate in contains comparison.", 0, 7},
    {"ft.rel matches \"a\"", "ft.rel (type=Time offset) cannot participate in matches comparison.", 0, 6},
    {"ft.dstport matches \"2\"", "ft.dstport (type=Unsigned integer (2 bytes)) cannot participate in matches comparison.",
     0, 10},
    {"ft.cmd matches EHLO", "Matches requires a double quoted string on the right side.", 15, 4},
    {"ft matches \"(\"", "Regex compilation error: missing closing parenthesis.", 0, 0},
    {"ft.cmd matches \"(?i)x(\"", "Regex compilation error: missing closing parenthesis.", 0, 0},
    {"ft.dstport == ft", "ft.dstport and ft are not of compatible types.", 14, 2},
    {"ft.src == ft.mac", "ft.src and ft.mac are not of compatible types.", 10, 6},
    {"ft.data == ft", "ft.data and ft are not of compatible types.", 11, 2},
    {"ft & 0x02", "FT_PROTOCOL cannot &.", 0, 2},
    {"ft.flag & 1", "FT_BOOLEAN cannot &.", 0, 7},
    {"ft.src & 1", "\"1\" is not a valid hostname or IPv4 address.", 9, 1},
    {"ft.data[0:1] in {00}", "Only a field may be tested for membership in a set.", 0, 12},
    {"25 in {1}", "Only a field may be tested for membership in a set.", 0, 2},
    // Functions.
    {"foo(ft.dstport)", "Function 'foo' does not exist", 0, 3},
    {"len(ft.dstport)", "You cannot test whether a function is present.", 0, 3},
    {"count(ft.port)", "You cannot test whether a function is present.", 0, 5},
    {"len(\"abc\") == 3", "Only fields can be used as parameter for len()", 4, 5},
    {"count(25) == 1", "Only fields can be used as parameter for count()", 6, 2},
    {"len(ft.foo) == 1", "Only fields can be used as parameter for len()", 4, 6},
    {"count() == 1", "Function count needs at least 1 arguments.", 0, 5},
    {"count(ft.port, ft.port) == 1", "Function count can only accept 1 arguments.", 0, 5},
    {"lower(ft.dstport) == \"x\"", "Only string type fields can be used as parameter for lower()", 6, 10},
    {"upper(ft) == \"x\"", "Only string type fields can be used as parameter for upper()", 6, 2},
    {"string(ft.cmd) == \"x\"", "String conversion for field \"ft.cmd\" is not supported", 7, 6},
};

INSTANTIATE_TEST_SUITE_P(Tshark, FilterErrorTest, ::testing::ValuesIn(kCases));

TEST(FilterErrorText, FormatsLikeTshark) {
    ms::FilterError e{"smtp.foo is neither a field nor a protocol name.", 0, 8};
    EXPECT_EQ(ms::format_filter_error("tshark", "smtp.foo", e),
              "tshark: smtp.foo is neither a field nor a protocol name.\n"
              "    smtp.foo\n"
              "    ^~~~~~~~\n");
    ms::FilterError mid{"\")\" was unexpected in this context.", 15, 1};
    EXPECT_EQ(ms::format_filter_error("mailscope", "tcp.port == 25)", mid),
              "mailscope: \")\" was unexpected in this context.\n"
              "    tcp.port == 25)\n"
              "                   ^\n");
    ms::FilterError end{"Unexpected end of filter expression.", 13, 0};
    EXPECT_EQ(ms::format_filter_error("mailscope", "tcp.port == ", end),
              "mailscope: Unexpected end of filter expression.\n");
}

TEST_F(FilterTest, FormatsACompileErrorEndToEnd) {
    std::string text = "ft.dstport == 25 and ft.src == 300.1.1.1";
    ms::FilterError e;
    ASSERT_FALSE(ms::DisplayFilter::compile(text, e));
    EXPECT_EQ(ms::format_filter_error("mailscope-cli", text, e),
              "mailscope-cli: \"300.1.1.1\" is not a valid hostname or IPv4 address.\n"
              "    ft.dstport == 25 and ft.src == 300.1.1.1\n"
              "                                   ^~~~~~~~~\n");
}

}  // namespace
}  // namespace ft_test
