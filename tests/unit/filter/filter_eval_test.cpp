// Every construct of the filter language evaluated on the hand-built frame
// of filter_fixture.cpp: each TEST pairs filters that must match with
// filters that must not, so a construct that always says yes (or no) fails.
#include "filter_fixture.hpp"

namespace ft_test {
namespace {

TEST_F(FilterTest, EmptyFilterMatchesEverything) {
    EXPECT_TRUE(match(""));
    EXPECT_TRUE(match("   "));
}

TEST_F(FilterTest, ProtocolAndFieldExistence) {
    EXPECT_TRUE(match("ft"));
    EXPECT_TRUE(match("ft.cmd"));
    EXPECT_TRUE(match("ft.label"));
    EXPECT_TRUE(match("ftm"));
    EXPECT_FALSE(match("ftx"));
    EXPECT_FALSE(match("ftx.val"));
    EXPECT_TRUE(match("!ftx"));
    EXPECT_TRUE(match("not ftx.val"));
}

TEST_F(FilterTest, IntegerEqualityAndWordForms) {
    EXPECT_TRUE(match("ft.dstport == 25"));
    EXPECT_TRUE(match("ft.dstport eq 25"));
    EXPECT_TRUE(match("ft.dstport any_eq 25"));
    EXPECT_FALSE(match("ft.dstport == 26"));
    EXPECT_TRUE(match("ft.srcport != 25"));
    EXPECT_TRUE(match("ft.srcport ne 25"));
    EXPECT_FALSE(match("ft.dstport != 25"));
    EXPECT_TRUE(match("ft.dstport==25"));  // no blanks needed around symbols
}

TEST_F(FilterTest, MultiOccurrenceFieldsUseAnyAndAllSemantics) {
    // ft.port occurs twice: 1470 and 25.
    EXPECT_TRUE(match("ft.port == 25"));
    EXPECT_TRUE(match("ft.port == 1470"));
    EXPECT_FALSE(match("ft.port != 25"));       // != is "all not equal" (tshark 4.0)
    EXPECT_TRUE(match("ft.port != 80"));
    EXPECT_TRUE(match("ft.port all_ne 80"));
    EXPECT_FALSE(match("ft.port === 25"));      // all equal
    EXPECT_FALSE(match("ft.port all_eq 25"));
    EXPECT_TRUE(match("ft.port !== 25"));       // any not equal
    EXPECT_TRUE(match("ft.port ~= 25"));
    EXPECT_TRUE(match("ft.port any_ne 25"));
    EXPECT_FALSE(match("ft.port any_ne 25 and ft.dstport any_ne 25"));
    EXPECT_FALSE(match("not ft.port == 25"));
    EXPECT_TRUE(match("not ft.port == 80"));
    EXPECT_TRUE(match("ft.addr == 74.53.140.153"));
}

TEST_F(FilterTest, AllAndAnyQuantifiers) {
    EXPECT_FALSE(match("all ft.port == 25"));
    EXPECT_TRUE(match("any ft.port == 25"));
    EXPECT_TRUE(match("all ft.port > 20"));
    EXPECT_FALSE(match("all ft.port > 30"));
    EXPECT_TRUE(match("any ft.port != 25"));     // the modifier beats != 's own "all"
    EXPECT_FALSE(match("all ft.port != 25"));
    EXPECT_TRUE(match("any ft.port === 25"));
    EXPECT_TRUE(match("all ft.port in {25, 1470}"));
    EXPECT_FALSE(match("all ft.port in {25, 80}"));
    EXPECT_TRUE(match("all ft.param matches \"e\""));
    EXPECT_TRUE(match("any ft.param contains \"1000\""));
    EXPECT_FALSE(match("all ft.param contains \"x\""));
}

TEST_F(FilterTest, AbsentFieldsMakeComparisonsFalse) {
    EXPECT_FALSE(match("ftx.val == 3"));
    EXPECT_FALSE(match("ftx.val != 3"));
    EXPECT_TRUE(match("not ftx.val == 3"));
    EXPECT_TRUE(match("!(ftx.val == 3)"));
    EXPECT_FALSE(match("all ftx.val == 3"));
}

TEST_F(FilterTest, Ordering) {
    EXPECT_TRUE(match("ft.ttl < 65"));
    EXPECT_FALSE(match("ft.ttl < 64"));
    EXPECT_TRUE(match("ft.ttl <= 64"));
    EXPECT_FALSE(match("ft.ttl <= 63"));
    EXPECT_TRUE(match("ft.ttl > 63"));
    EXPECT_FALSE(match("ft.ttl > 64"));
    EXPECT_TRUE(match("ft.ttl >= 64"));
    EXPECT_FALSE(match("ft.ttl >= 65"));
    EXPECT_TRUE(match("ft.ttl lt 65 and ft.ttl le 64 and ft.ttl gt 63 and ft.ttl ge 64"));
    EXPECT_FALSE(match("ft.ttl gt 64"));
}

TEST_F(FilterTest, IntegerLiteralForms) {
    EXPECT_TRUE(match("ft.ttl == 0x40"));
    EXPECT_TRUE(match("ft.ttl == 0X40"));
    EXPECT_TRUE(match("ft.ttl == 0100"));       // octal
    EXPECT_TRUE(match("ft.ttl == 0b1000000"));
    EXPECT_TRUE(match("ft.ttl == '@'"));        // character constant
    EXPECT_TRUE(match("ft.ttl == '\\x40'"));
    EXPECT_TRUE(match("ft.ttl == '\\100'"));
    EXPECT_FALSE(match("ft.ttl == 'A'"));
    EXPECT_TRUE(match("ft.ttl > '\\n'"));
    EXPECT_FALSE(match("ft.dstport == -1"));    // wraps like strtoull: matches nothing
    EXPECT_FALSE(match("ft.dstport > -1"));
}

TEST_F(FilterTest, SignedAndFloatingPoint) {
    EXPECT_TRUE(match("ft.delta == -3"));
    EXPECT_TRUE(match("ft.delta < 0"));
    EXPECT_FALSE(match("ft.delta > -3"));
    EXPECT_TRUE(match("ft.ratio == 0.5"));
    EXPECT_TRUE(match("ft.ratio < 1"));
    EXPECT_TRUE(match("ft.ratio > 1e-3"));
    EXPECT_FALSE(match("ft.ratio > 0.5"));
    EXPECT_TRUE(match("ft.num == 5"));
    EXPECT_TRUE(match("ft.num in {1..5}"));
    EXPECT_FALSE(match("ft.num in {6..9}"));
}

TEST_F(FilterTest, Booleans) {
    EXPECT_TRUE(match("ft.flag"));
    EXPECT_TRUE(match("ft.flag == 1"));
    EXPECT_TRUE(match("ft.flag == True"));
    EXPECT_TRUE(match("ft.flag == TRUE"));
    EXPECT_TRUE(match("ft.flag == 2"));         // any non-zero number is true
    EXPECT_FALSE(match("ft.flag == 0"));
    EXPECT_FALSE(match("ft.flag == False"));
    EXPECT_FALSE(match("ft.flag == FALSE"));
    EXPECT_TRUE(match("ft.flag == \"Set\""));   // value names work too
    EXPECT_TRUE(match("ft.flag == Set"));
    EXPECT_FALSE(match("ft.flag == \"Not set\""));
    EXPECT_TRUE(match("ft.flag > 0"));
}

TEST_F(FilterTest, BitwiseAnd) {
    // ft.flags = 0x012
    EXPECT_TRUE(match("ft.flags & 0x02"));
    EXPECT_FALSE(match("ft.flags & 0x04"));
    EXPECT_TRUE(match("ft.flags bitwise_and 0x10"));
    EXPECT_TRUE(match("ft.flags & 0x12 == 0x12"));
    EXPECT_FALSE(match("ft.flags & 0x13 == 0x13"));
    EXPECT_TRUE(match("ft.flags & 0x0f == 2"));
    EXPECT_TRUE(match("!(ft.flags & 0x04)"));
    EXPECT_TRUE(match("ft.srcport & ft.dstport"));  // 1470 & 25 = 24
    EXPECT_TRUE(match("ft.data[0] & 0x0f == 05"));  // 'E' = 0x45
    EXPECT_FALSE(match("ft.data[0] & 0x0f == 06"));
    EXPECT_FALSE(match("ft.data[0] & 0x30"));
}

TEST_F(FilterTest, ValueNames) {
    EXPECT_TRUE(match("ft.status == \"Unverified\""));
    EXPECT_TRUE(match("ft.status == unverified"));  // names compare case-insensitively
    EXPECT_TRUE(match("ft.status == 2"));
    EXPECT_FALSE(match("ft.status == \"Good\""));
    EXPECT_TRUE(match("ft.status in {Good, Unverified}"));
    EXPECT_FALSE(match("ft.status in {\"Bad\", \"Good\"}"));
}

TEST_F(FilterTest, IPv4AddressesAndSubnets) {
    EXPECT_TRUE(match("ft.src == 10.10.1.4"));
    EXPECT_FALSE(match("ft.src == 10.10.1.5"));
    EXPECT_TRUE(match("ft.src == 10.10.1.0/24"));
    EXPECT_TRUE(match("ft.src eq 10.0.0.0/8"));
    EXPECT_FALSE(match("ft.dst == 10.0.0.0/8"));
    EXPECT_TRUE(match("ft.addr == 74.53.0.0/16"));
    EXPECT_TRUE(match("ft.src == 0.0.0.0/0"));
    EXPECT_FALSE(match("ft.addr != 10.10.1.4"));
    EXPECT_TRUE(match("ft.addr != 192.168.0.0/16"));
    EXPECT_TRUE(match("ft.src > 10.10.1.3"));
    EXPECT_FALSE(match("ft.src > 10.10.1.4"));
    EXPECT_TRUE(match("ft.dst > ft.src"));
    EXPECT_TRUE(match("ft.src in {10.10.1.1 .. 10.10.1.9}"));
    EXPECT_TRUE(match("ft.src in {192.168.1.1, 10.10.1.4}"));
    EXPECT_FALSE(match("ft.src in {10.10.1.5..10.10.1.9}"));
}

TEST_F(FilterTest, IPv6Addresses) {
    EXPECT_TRUE(match("ft.ip6 == fe80::1"));
    EXPECT_FALSE(match("ft.ip6 == fe80::2"));
    EXPECT_TRUE(match("ft.ip6 == fe80::/10"));
    EXPECT_FALSE(match("ft.ip6 == 2001:db8::/32"));
    EXPECT_TRUE(match("ft.ip6 > ::1"));
}

TEST_F(FilterTest, EthernetAddresses) {
    EXPECT_TRUE(match("ft.mac == 00:e0:1c:3c:17:c2"));
    EXPECT_TRUE(match("ft.mac == 00-e0-1c-3c-17-c2"));
    EXPECT_TRUE(match("ft.mac == 00.e0.1c.3c.17.c2"));
    EXPECT_TRUE(match("ft.mac == 00e01c3c17c2"));
    EXPECT_TRUE(match("ft.mac eq 00:E0:1C:3C:17:C2"));
    EXPECT_FALSE(match("ft.mac == 00:e0:1c:3c:17:c3"));
    EXPECT_TRUE(match("ft.mac[0:3] == 00:e0:1c"));
    EXPECT_TRUE(match("ft.mac contains 3c:17"));
    EXPECT_FALSE(match("ft.mac contains 17:3c"));
}

TEST_F(FilterTest, Strings) {
    EXPECT_TRUE(match("ft.cmd == \"EHLO\""));
    EXPECT_TRUE(match("ft.cmd == EHLO"));           // bare words are strings for string fields
    EXPECT_FALSE(match("ft.cmd == \"ehlo\""));      // == compares bytes exactly
    EXPECT_TRUE(match("ft.cmd == \"\\x45HLO\""));
    EXPECT_TRUE(match("ft.cmd == \"\\105HLO\""));
    EXPECT_TRUE(match("ft.cmd == \"\\u0045HLO\""));
    EXPECT_TRUE(match("ft.cmd == r\"EHLO\""));
    EXPECT_TRUE(match("ft.cmd > \"E\""));
    EXPECT_TRUE(match("ft.cmd < \"F\""));
    EXPECT_FALSE(match("ft.cmd < \"EHLN\""));
    EXPECT_TRUE(match("ft.param == \"SIZE=1000\""));
    EXPECT_TRUE(match("ft.subject == \"R\\u00e9union caf\\xc3\\xa9\""));
    EXPECT_TRUE(match("ft.data contains \"\\r\\n\""));
    EXPECT_FALSE(match("ft.data contains \"\\n\\r\""));
    EXPECT_TRUE(match("ft.cmd == 'E' or ft.cmd contains 'H'"));
    EXPECT_TRUE(match("ft.cmd != \"HELO\""));
    EXPECT_TRUE(match("ft.cmd in {\"HELO\" \"EHLO\"}"));  // blank-separated set
    EXPECT_TRUE(match("ft.cmd in {HELO, EHLO}"));
    EXPECT_FALSE(match("ft.cmd in {\"HELO\", \"MAIL\"}"));
}

TEST_F(FilterTest, RawStringsKeepBackslashes) {
    ctx_.tree.add_string(ctx_.tree.root(), ft_fields::id(ft_fields::param), {}, "\\\\SERVER\\SHARE");
    EXPECT_TRUE(match("ft.param contains r\"\\\\SERVER\\SHARE\""));
    EXPECT_TRUE(match("ft.param contains \"\\\\\\\\SERVER\\\\SHARE\""));
    EXPECT_FALSE(match("ft.param contains r\"\\SERVER\\\\SHARE\""));
    EXPECT_TRUE(match("ft.param matches r\"^\\\\\\\\server\""));
}

TEST_F(FilterTest, Contains) {
    EXPECT_TRUE(match("ft contains \"EHLO\""));            // protocol bytes in its source
    EXPECT_TRUE(match("ft contains 45:48:4c:4f"));
    EXPECT_TRUE(match("ft contains 0a:0a:01:04"));
    EXPECT_FALSE(match("ft contains 00:e0:1c"));            // before ft's range
    EXPECT_TRUE(match("ft.data contains \"example\""));
    EXPECT_TRUE(match("ft.data contains 0x0d"));
    EXPECT_TRUE(match("ft.cmd contains \"HL\""));
    EXPECT_FALSE(match("ft.cmd contains \"hl\""));
    EXPECT_TRUE(match("ftm contains \"MAIL FROM\""));       // a reassembled source
    EXPECT_FALSE(match("ft contains \"MAIL\""));
    EXPECT_TRUE(match("ft.data contains ft.cmd"));
    EXPECT_TRUE(match("ft.param contains \"1000\""));
}

TEST_F(FilterTest, Matches) {
    EXPECT_TRUE(match("ft.cmd matches \"^eh\""));           // case-insensitive by default
    EXPECT_FALSE(match("ft.cmd matches \"(?-i)^eh\""));
    EXPECT_TRUE(match("ft.cmd matches \"(?-i)^EH\""));
    EXPECT_TRUE(match("ft.cmd ~ \"LO$\""));
    EXPECT_FALSE(match("ft.cmd matches \"^LO\""));
    EXPECT_TRUE(match("ft matches \"example\\\\.com\""));
    EXPECT_TRUE(match("ft.param matches \"^size=\\\\d+$\""));  // the second occurrence
    EXPECT_TRUE(match("ft.data matches \"com\\r\\n$\""));
    EXPECT_TRUE(match("ft.subject matches \"CAF\\u00c9$\""));  // UTF-8 case folding
    EXPECT_TRUE(match("ft.subject matches \"^r.union\""));     // . is one character
    EXPECT_TRUE(match("ftm matches \"<[a-z]+@example\\\\.com>\""));
}

TEST_F(FilterTest, InSetsAndRanges) {
    EXPECT_TRUE(match("ft.dstport in {25 587 465}"));
    EXPECT_TRUE(match("ft.dstport in {25, 587, 465}"));
    EXPECT_TRUE(match("ft.dstport in {20..30}"));
    EXPECT_TRUE(match("ft.dstport in {20 .. 30, 80}"));
    EXPECT_TRUE(match("ft.dstport in {80, 0x10..0x20}"));
    EXPECT_FALSE(match("ft.dstport in {1..10}"));
    EXPECT_FALSE(match("ft.dstport in {30..20}"));
    EXPECT_TRUE(match("ft.port in {1470}"));
    EXPECT_FALSE(match("ft.dstport not in {25}"));
    EXPECT_TRUE(match("ft.dstport not in {80, 110}"));
    EXPECT_TRUE(match("ftx.val not in {1}"));  // negation of "in": true when absent
    EXPECT_FALSE(match("ftx.val in {1}"));
    EXPECT_TRUE(match("ft.rel in {1 .. 2}"));
    EXPECT_TRUE(match("ft.ratio in {0.25..0.75}"));
    EXPECT_TRUE(match("ft.dstport in {ft.srcport, 25}"));
}

TEST_F(FilterTest, Slices) {
    // ft covers frame bytes 6..35; ft.data is "EHLO example.com\r\n".
    EXPECT_TRUE(match("ft[0:4] == 0a:0a:01:04"));
    EXPECT_TRUE(match("ft.data[0:4] == \"EHLO\""));
    EXPECT_TRUE(match("ft.data[0:4] == 45:48:4c:4f"));
    EXPECT_TRUE(match("ft.data[0:4] == 45484c4f"));
    EXPECT_TRUE(match("ft.data[1-3] == \"HLO\""));
    EXPECT_TRUE(match("ft.data[-2:] == 0d:0a"));
    EXPECT_TRUE(match("ft.data[-2:2] == 0d:0a"));
    EXPECT_TRUE(match("ft.data[:2] == \"EH\""));
    EXPECT_TRUE(match("ft.data[0] == 45"));
    EXPECT_TRUE(match("ft.data[0] == 0x45"));
    EXPECT_TRUE(match("ft.data[0:2,4] == 45:48:20"));
    EXPECT_TRUE(match("ft.data[0,2-3,-1] == \"ELO\\n\""));
    EXPECT_TRUE(match("ft.data[5:] == \"example.com\\r\\n\""));
    EXPECT_FALSE(match("ft.data[0:4] == \"HELO\""));
    EXPECT_TRUE(match("ft.data[0:2]"));                  // a slice that fits exists
    EXPECT_FALSE(match("ft.data[100:2]"));
    EXPECT_FALSE(match("ft.data[17:2]"));                // runs past the end
    EXPECT_FALSE(match("ft.data[100:2] == 00:00"));
    EXPECT_TRUE(match("ft.data[100:2] != 00:00"));       // "all" over no values
    EXPECT_TRUE(match("ft.data[0:4] contains \"HL\""));
    EXPECT_TRUE(match("ft.data[0:4] matches \"^eh\""));
    EXPECT_TRUE(match("ft.data[0:2] > \"EA\""));
    EXPECT_TRUE(match("ft.src[0] == 0a"));
    EXPECT_TRUE(match("ft.src[2:2] == 01:04"));
    EXPECT_TRUE(match("ft.cmd[1:2] == \"HL\""));
    EXPECT_TRUE(match("ft.ip6[0:2] == fe:80"));
    EXPECT_TRUE(match("ft.param[0:4] == \"SIZE\""));     // each occurrence is sliced
    EXPECT_TRUE(match("ft.data[0:8][5:3] == \"exa\""));  // slices of slices
}

TEST_F(FilterTest, Functions) {
    EXPECT_TRUE(match("len(ft.cmd) == 4"));
    EXPECT_TRUE(match("len(ft.data) == 18"));
    EXPECT_TRUE(match("len(ft) == 30"));
    EXPECT_TRUE(match("len(ft.dstport) == 2"));
    EXPECT_TRUE(match("len(ft.param) > 10"));
    EXPECT_FALSE(match("len(ft.param) > 11"));
    EXPECT_TRUE(match("count(ft.port) == 2"));
    EXPECT_TRUE(match("count(ft.param) == 2"));
    EXPECT_TRUE(match("count(ft.cmd) == 1"));
    EXPECT_FALSE(match("count(ftx.val) == 0"));  // the argument implies existence
    EXPECT_TRUE(match("lower(ft.cmd) == \"ehlo\""));
    EXPECT_FALSE(match("lower(ft.cmd) == \"EHLO\""));
    EXPECT_TRUE(match("upper(ft.param) contains \"EXAMPLE\""));
    EXPECT_TRUE(match("upper(ft.param) == \"EXAMPLE.COM\""));
    EXPECT_TRUE(match("string(ft.dstport) == \"25\""));
    EXPECT_TRUE(match("string(ft.flags) == \"18\""));        // decimal, whatever the base
    EXPECT_TRUE(match("string(ft.src) == \"10.10.1.4\""));
    EXPECT_TRUE(match("string(ft.num) matches \"[13579]$\""));
    EXPECT_FALSE(match("string(ft.ttl) matches \"[13579]$\""));
    EXPECT_TRUE(match("string(ft.delta) == \"-3\""));
    EXPECT_TRUE(match("string(ft.port) == \"1470\""));
}

TEST_F(FilterTest, LogicAndPrecedence) {
    EXPECT_TRUE(match("ft and ft.cmd"));
    EXPECT_TRUE(match("ft && ft.cmd"));
    EXPECT_FALSE(match("ft and ftx"));
    EXPECT_TRUE(match("ftx or ft"));
    EXPECT_TRUE(match("ftx || ft"));
    EXPECT_FALSE(match("ftx or ftx.val"));
    EXPECT_TRUE(match("ft xor ftx"));
    EXPECT_TRUE(match("ft ^^ ftx"));
    EXPECT_FALSE(match("ft xor ft"));
    EXPECT_FALSE(match("ftx ^^ ftx"));
    EXPECT_TRUE(match("not ftx"));
    EXPECT_FALSE(match("!ft"));
    EXPECT_TRUE(match("!!ft"));
    // and binds tighter than or: ft or (ftx and ftx).
    EXPECT_TRUE(match("ft or ftx and ftx"));
    EXPECT_FALSE(match("(ft or ftx) and ftx"));
    // not binds tighter than and: (not ftx) and ft.
    EXPECT_TRUE(match("not ftx and ft"));
    EXPECT_FALSE(match("not (ftx or ft)"));
    EXPECT_TRUE(match("((ft.dstport == 25) && (ft.srcport == 1470)) || ftx"));
    EXPECT_TRUE(match("ft.dstport eq 25 and not ft.ttl ge 65"));
}

TEST_F(FilterTest, FieldToFieldComparisons) {
    EXPECT_FALSE(match("ft.srcport == ft.dstport"));
    EXPECT_TRUE(match("ft.srcport > ft.dstport"));
    EXPECT_TRUE(match("ft.src == ft.addr"));
    EXPECT_TRUE(match("ft.ttl < ft.srcport"));      // integers of different widths
    EXPECT_TRUE(match("ft.port == ft.dstport"));    // any pair
    EXPECT_FALSE(match("ft.port === ft.dstport"));  // all pairs
    EXPECT_TRUE(match("ft.param != ft.cmd"));
}

TEST_F(FilterTest, AbsoluteAndRelativeTimes) {
    EXPECT_TRUE(match("ft.time == \"2009-10-05 06:06:07.49206\""));
    EXPECT_TRUE(match("ft.time == \"2009-10-05T06:06:07.492060Z\""));
    EXPECT_TRUE(match("ft.time >= \"Oct  5, 2009 06:06:07\""));
    EXPECT_TRUE(match("ft.time >= \"Oct 5, 2009 06:06:07 UTC\""));
    EXPECT_TRUE(match("ft.time < \"Oct  5, 2009 06:06:08\""));
    EXPECT_FALSE(match("ft.time < \"2009-10-05 06:06:07\""));
    EXPECT_TRUE(match("ft.time > \"2009-10-05\""));
    EXPECT_TRUE(match("ft.time == \"2009-10-05 08:06:07.49206+02:00\""));
    EXPECT_TRUE(match("ft.time in {\"2009-10-05\" .. \"2009-10-06\"}"));
    EXPECT_TRUE(match("ft.rel > 1.4"));
    EXPECT_TRUE(match("ft.rel == 1.5"));
    EXPECT_TRUE(match("ft.rel < 2"));
    EXPECT_FALSE(match("ft.rel < 1.5"));
    EXPECT_TRUE(match("ft.rel > -1"));
    EXPECT_TRUE(match("ft.rel >= .5"));
}

TEST_F(FilterTest, OneCompiledFilterServesManyFrames) {
    ms::FilterError e;
    auto f = ms::DisplayFilter::compile("ft.dstport == 25 && ft.cmd matches \"^ehlo\"", e);
    ASSERT_TRUE(f) << e.message;
    EXPECT_TRUE(f->matches(ctx_));
    // Next frame: same tree shape, another command.
    ctx_.begin_frame(frame_);
    auto p = ctx_.tree.add_none(ctx_.tree.root(), ft_fields::id(ft_fields::proto), {0, 6, 30});
    ctx_.tree.add_uint(p, ft_fields::id(ft_fields::dstport), {}, 25);
    ctx_.tree.add_string(p, ft_fields::id(ft_fields::cmd), {}, "QUIT");
    EXPECT_FALSE(f->matches(ctx_));
    ctx_.begin_frame(frame_);
    EXPECT_FALSE(f->matches(ctx_));  // an empty tree
}

}  // namespace
}  // namespace ft_test
