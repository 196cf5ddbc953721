#include <gtest/gtest.h>

#include "dissectors/core/value_format.hpp"

TEST(ValueFormat, RelativeTimesKeepNineDigitsAndSign) {
    std::string s;
    ms::append_rel_time(s, 34025000);
    EXPECT_EQ(s, "0.034025000");
    s.clear();
    ms::append_rel_time(s, -1500000000);
    EXPECT_EQ(s, "-1.500000000");
}

TEST(ValueFormat, AbsoluteTimeInTsharkShape) {
    setenv("TZ", "UTC", 1);
    tzset();
    std::string s;
    ms::append_abs_time(s, 1254722767492060000LL);
    EXPECT_EQ(s, "Oct  5, 2009 06:06:07.492060000 UTC");
}

TEST(ValueFormat, UnsignedInEachBase) {
    std::string s;
    ms::append_uint(s, 0x0800, ms::FieldType::U16, ms::Base::Hex);
    EXPECT_EQ(s, "0x0800");
    s.clear();
    ms::append_uint(s, 6, ms::FieldType::U8, ms::Base::DecHex);
    EXPECT_EQ(s, "6 (0x06)");
    s.clear();
    ms::append_uint(s, 18, ms::FieldType::U32, ms::Base::HexDec);
    EXPECT_EQ(s, "0x00000012 (18)");
}

TEST(ValueFormat, BitPatternsGroupByNibble) {
    std::string s;
    ms::append_bit_pattern(s, 0x002, 1, 12);
    EXPECT_EQ(s, ".... .... ..1. = ");
    s.clear();
    ms::append_bit_pattern(s, 0xe00, 0, 12);
    EXPECT_EQ(s, "000. .... .... = ");
}
