// Transfer decoders and charset conversion, fed whole and in every split.
#include <gtest/gtest.h>

#include <string>

#include "dissectors/mime/base64_decoder.hpp"
#include "dissectors/mime/charset_converter.hpp"
#include "dissectors/mime/qp_decoder.hpp"
#include "dissectors/mime/uu_decoder.hpp"
#include "message_test_util.hpp"

namespace {
using ms::test::as_bytes;

struct StringOut : ms::mime::DecodedOutput {
    std::string s;
    void write(std::span<const uint8_t> b) override { s.append(reinterpret_cast<const char*>(b.data()), b.size()); }
};

std::string b64(std::string_view in, std::size_t piece, uint64_t* invalid = nullptr, bool* bad_pad = nullptr) {
    ms::mime::Base64Decoder d;
    StringOut out;
    for (std::size_t i = 0; i < in.size(); i += piece) d.feed(as_bytes(in.substr(i, piece)), out);
    d.finish(out);
    if (invalid) *invalid = d.invalid_chars();
    if (bad_pad) *bad_pad = d.bad_padding();
    return out.s;
}

TEST(Base64Decoder, DecodesWithWhitespaceAcrossAnySplit) {
    const std::string enc = "SGVsbG8s\r\nIHdv cmxk\tIQ==\r\n";
    for (std::size_t piece = 1; piece <= enc.size(); ++piece) EXPECT_EQ(b64(enc, piece), "Hello, world!") << piece;
}

TEST(Base64Decoder, SkipsAndCountsBadCharacters) {
    uint64_t invalid = 0;
    EXPECT_EQ(b64("SGV*sbG8#=", 3, &invalid), "Hello");
    EXPECT_EQ(invalid, 2u);
}

TEST(Base64Decoder, UnpaddedTailAndDanglingCharacter) {
    bool bad = false;
    EXPECT_EQ(b64("SGk", 1, nullptr, &bad), "Hi");
    EXPECT_FALSE(bad);
    EXPECT_EQ(b64("SGkhQ", 2, nullptr, &bad), "Hi!");
    EXPECT_TRUE(bad);
}

std::string qp(std::string_view in, std::size_t piece, uint64_t* invalid = nullptr) {
    // Split into lines the way the parser does, then feed content in pieces.
    ms::mime::QuotedPrintableDecoder d;
    StringOut out;
    std::size_t start = 0;
    while (start < in.size()) {
        std::size_t lf = in.find('\n', start);
        std::size_t end = lf == std::string_view::npos ? in.size() : lf;
        std::string_view content = in.substr(start, end - start);
        std::string_view eol;
        if (lf != std::string_view::npos) {
            if (!content.empty() && content.back() == '\r') content.remove_suffix(1), eol = "\r\n";
            else eol = "\n";
        }
        for (std::size_t i = 0; i < content.size(); i += piece) d.content(as_bytes(content.substr(i, piece)), out);
        if (!eol.empty()) d.line_end(as_bytes(eol), out);
        start = lf == std::string_view::npos ? in.size() : lf + 1;
    }
    d.finish(out);
    if (invalid) *invalid = d.invalid_escapes();
    return out.s;
}

TEST(QuotedPrintable, SoftBreaksEscapesAndTrailingWhitespace) {
    const std::string enc = "Caf=E9 cr=E8me =\r\nfor all   \r\nline=20two=\t \r\nend";
    for (std::size_t piece = 1; piece < 8; ++piece)
        EXPECT_EQ(qp(enc, piece), "Caf\xE9 cr\xE8me for all\r\nline two" "end") << piece;
}

TEST(QuotedPrintable, InvalidEscapesKeptLiterally) {
    uint64_t invalid = 0;
    EXPECT_EQ(qp("a=ZZb=4", 1, &invalid), "a=ZZb=4");
    EXPECT_EQ(invalid, 2u);
    EXPECT_EQ(qp("lower=3d", 2, &invalid), "lower=");
    EXPECT_EQ(invalid, 0u);
}

TEST(UuDecoder, DecodesBeginDataEnd) {
    ms::mime::UuDecoder d;
    StringOut out;
    // "Cat" uuencoded.
    for (std::string_view line : {"begin 644 cat.txt", "#0V%T", "`", "end"}) {
        d.content(as_bytes(line));
        d.line_end(out);
    }
    d.finish(out);
    EXPECT_EQ(out.s, "Cat");
    EXPECT_EQ(d.filename(), "cat.txt");
}

TEST(CharsetConverter, MultibyteSplitAcrossFeeds) {
    const std::string utf8 = "Gr\xC3\xBC\xC3\x9F" "e \xE2\x9C\x93";
    for (std::size_t piece = 1; piece <= utf8.size(); ++piece) {
        ms::mime::CharsetConverter c;
        ASSERT_TRUE(c.open("utf-8"));
        std::string out;
        for (std::size_t i = 0; i < utf8.size(); i += piece) c.feed(as_bytes(std::string_view(utf8).substr(i, piece)), out, 1000);
        c.finish(out, 1000);
        EXPECT_EQ(out, utf8) << piece;
        EXPECT_FALSE(c.had_errors());
    }
}

TEST(CharsetConverter, ShiftJisSplitAndIso2022Jp) {
    std::string out;
    EXPECT_TRUE(ms::mime::convert_to_utf8("ISO-2022-JP", "\x1b$B$3$s$K$A$O\x1b(B", out));
    EXPECT_EQ(out, "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");  // こんにちは
    const std::string sjis = "\x82\xa0\x82\xa2";  // あい
    ms::mime::CharsetConverter c;
    ASSERT_TRUE(c.open("Shift_JIS"));
    std::string o2;
    for (char ch : sjis) c.feed(as_bytes(std::string_view(&ch, 1)), o2, 100);
    c.finish(o2, 100);
    EXPECT_EQ(o2, "\xE3\x81\x82\xE3\x81\x84");
}

TEST(CharsetConverter, InvalidBytesAndUnknownCharset) {
    std::string out;
    EXPECT_FALSE(ms::mime::convert_to_utf8("utf-8", "a\xFF" "b", out));
    EXPECT_EQ(out, "a\xEF\xBF\xBD" "b");
    out.clear();
    EXPECT_FALSE(ms::mime::convert_to_utf8("x-no-such-charset", "plain", out));
    EXPECT_EQ(out, "plain");
}

TEST(CharsetConverter, CapNeverSplitsACharacter) {
    ms::mime::CharsetConverter c;
    c.open("iso-8859-1");
    std::string out;
    c.feed(as_bytes("\xE9\xE9\xE9"), out, 5);  // each é is 2 bytes in UTF-8
    EXPECT_EQ(out, "\xC3\xA9\xC3\xA9");
}

}  // namespace
