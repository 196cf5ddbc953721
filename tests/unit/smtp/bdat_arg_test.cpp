// BDAT sizes parsed strictly in 64 bits, hostile values rejected.
#include <gtest/gtest.h>

#include "dissectors/smtp/bdat_arg.hpp"

using ms::smtp::BdatError;
using ms::smtp::parse_bdat_arg;

TEST(BdatArg, SizeAndLast) {
    auto a = parse_bdat_arg("86 LAST");
    EXPECT_TRUE(a.ok());
    EXPECT_EQ(a.size, 86u);
    EXPECT_TRUE(a.last);
    auto b = parse_bdat_arg("1000");
    EXPECT_TRUE(b.ok());
    EXPECT_FALSE(b.last);
    auto c = parse_bdat_arg("0 last");
    EXPECT_TRUE(c.ok());
    EXPECT_EQ(c.size, 0u);
    EXPECT_TRUE(c.last);
}

TEST(BdatArg, LargestAcceptedIsTwoToThe63) {
    auto a = parse_bdat_arg("9223372036854775808");  // 2^63
    EXPECT_TRUE(a.ok());
    EXPECT_EQ(a.size, uint64_t(1) << 63);
    EXPECT_EQ(parse_bdat_arg("9223372036854775809").error, BdatError::TooLarge);  // 2^63+1
}

TEST(BdatArg, HostileSizes) {
    EXPECT_EQ(parse_bdat_arg("18446744073709551615").error, BdatError::TooLarge);   // 2^64-1
    EXPECT_EQ(parse_bdat_arg("18446744073709551617").error, BdatError::TooLarge);   // 2^64+1
    EXPECT_EQ(parse_bdat_arg("184467440737095516150").error, BdatError::TooLarge);  // UINT64_MAX*10
    EXPECT_EQ(parse_bdat_arg("99999999999999999999999999999999").error, BdatError::TooLarge);
    EXPECT_EQ(parse_bdat_arg("-5").error, BdatError::Negative);
    EXPECT_EQ(parse_bdat_arg("-0 LAST").error, BdatError::Negative);
    EXPECT_EQ(parse_bdat_arg("12x").error, BdatError::NotNumeric);
    EXPECT_EQ(parse_bdat_arg("+12").error, BdatError::NotNumeric);
    EXPECT_EQ(parse_bdat_arg("0x10").error, BdatError::NotNumeric);
    EXPECT_EQ(parse_bdat_arg("").error, BdatError::MissingSize);
    EXPECT_EQ(parse_bdat_arg("LAST").error, BdatError::MissingSize);
    EXPECT_EQ(parse_bdat_arg("10 FIRST").error, BdatError::ExtraTokens);
    EXPECT_EQ(parse_bdat_arg("10 LAST more").error, BdatError::ExtraTokens);
}
