// The pure pieces: literal markers, the tokenizer, modified UTF-7, base64.
#include <gtest/gtest.h>

#include "dissectors/imap/imap_literal.hpp"
#include "dissectors/imap/imap_tokens.hpp"
#include "dissectors/imap/mutf7.hpp"
#include "dissectors/imap/sasl_base64.hpp"

namespace {

using namespace ms::imap;
using Size = LiteralMarker::Size;

TEST(LiteralMarker, Sizes) {
    auto m = parse_literal_marker("{298}");
    EXPECT_TRUE(m.ok);
    EXPECT_EQ(m.size, 298u);
    EXPECT_EQ(m.size_class, Size::Ok);
    EXPECT_FALSE(m.non_sync);

    m = parse_literal_marker("{4294967295}");
    EXPECT_EQ(m.size, 4294967295u);
    EXPECT_EQ(m.size_class, Size::Ok);
    EXPECT_TRUE(literal_size_usable(m));

    m = parse_literal_marker("{4294967296}");
    EXPECT_EQ(m.size_class, Size::Over32);
    EXPECT_TRUE(literal_size_usable(m));

    m = parse_literal_marker("{9223372036854775807}");
    EXPECT_EQ(m.size_class, Size::Over32);

    m = parse_literal_marker("{9223372036854775808}");
    EXPECT_EQ(m.size_class, Size::OutOfRange);
    EXPECT_FALSE(literal_size_usable(m));

    m = parse_literal_marker("{18446744073709551615}");
    EXPECT_TRUE(m.ok);
    EXPECT_EQ(m.size, UINT64_MAX);
    EXPECT_EQ(m.size_class, Size::OutOfRange);
    EXPECT_FALSE(literal_size_usable(m));

    for (const char* s : {"{18446744073709551616}", "{99999999999999999999999999}"}) {
        m = parse_literal_marker(s);
        EXPECT_TRUE(m.ok) << s;
        EXPECT_EQ(m.size_class, Size::Overflow) << s;
        EXPECT_FALSE(literal_size_usable(m)) << s;
    }
}

TEST(LiteralMarker, Forms) {
    auto m = parse_literal_marker("{5+}");
    EXPECT_TRUE(m.ok);
    EXPECT_TRUE(m.non_sync);
    m = parse_literal_marker("~{7}");
    EXPECT_TRUE(m.ok);
    EXPECT_TRUE(m.binary);
    EXPECT_EQ(m.size, 7u);
    for (const char* bad : {"{}", "{x}", "{5", "{5}x", "{+}", "{-5}", "~5}", "{5++}"})
        EXPECT_FALSE(parse_literal_marker(bad).ok) << bad;
}

std::vector<std::string> values(const TokenList& t) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < t.size(); ++i) v.emplace_back(t.value(i));
    return v;
}

TEST(Tokenizer, AtomsQuotedNilLists) {
    TokenList t;
    auto scan = tokenize_line(R"(a1 STORE 2:4,7 +FLAGS (\Seen \*) "q \"x\" \\y" NIL nil)", 0, LineMode::Args, t);
    EXPECT_FALSE(scan.has_literal);
    EXPECT_EQ(values(t), (std::vector<std::string>{"a1", "STORE", "2:4,7", "+FLAGS", "(", "\\Seen", "\\*", ")",
                                                    "q \"x\" \\y", "NIL", "nil"}));
    EXPECT_EQ(t.tokens[4].kind, TokenKind::Open);
    EXPECT_EQ(t.tokens[4].match, 7u);
    EXPECT_EQ(t.tokens[5].depth, 1);
    EXPECT_EQ(t.tokens[7].depth, 0);
    EXPECT_EQ(t.tokens[8].kind, TokenKind::Quoted);
    EXPECT_EQ(t.tokens[9].kind, TokenKind::Nil);
    EXPECT_EQ(t.tokens[10].kind, TokenKind::Nil);
    EXPECT_EQ(t.skip(4), 8u);
    // Positions point into the line.
    EXPECT_EQ(t.tokens[2].pos, 9u);
    EXPECT_EQ(t.tokens[2].len, 5u);
}

TEST(Tokenizer, SectionsAreOneAtom) {
    TokenList t;
    tokenize_line(R"x(a FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]<0.100> BODY[1.2.MIME] BINARY[]))x", 0,
                  LineMode::Args, t);
    EXPECT_EQ(values(t), (std::vector<std::string>{"a", "FETCH", "2", "(", "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]<0.100>",
                                                    "BODY[1.2.MIME]", "BINARY[]", ")"}));
}

TEST(Tokenizer, LiteralEndsTheLine) {
    TokenList t;
    auto scan = tokenize_line("a APPEND INBOX (\\Seen) {310}", 3, LineMode::Args, t);
    ASSERT_TRUE(scan.has_literal);
    EXPECT_EQ(scan.literal.size, 310u);
    ASSERT_EQ(scan.literal_token, t.size() - 1);
    const Token& lit = t.tokens.back();
    EXPECT_EQ(lit.kind, TokenKind::Literal);
    EXPECT_EQ(lit.segment, 4u);  // its bytes complete with the next line
    EXPECT_EQ(lit.literal_size, 310u);

    TokenList u;
    scan = tokenize_line("* 1 FETCH (BODY[] ~{12+}", 0, LineMode::Args, u);
    ASSERT_TRUE(scan.has_literal);
    EXPECT_TRUE(scan.literal.binary);
    EXPECT_TRUE(scan.literal.non_sync);
    EXPECT_EQ(u.tokens.back().depth, 1);

    // A brace inside a quoted string or mid-line is no literal.
    TokenList v;
    EXPECT_FALSE(tokenize_line(R"(a SEARCH SUBJECT "{5}")", 0, LineMode::Args, v).has_literal);
    EXPECT_FALSE(tokenize_line("a SEARCH {5} x", 0, LineMode::Args, v).has_literal);
}

TEST(Tokenizer, ServerStatusHasCodeAndText) {
    TokenList t;
    auto scan = tokenize_line("* OK [PERMANENTFLAGS (\\Deleted \\*)] Flags {5}", 0, LineMode::ServerFirst, t);
    EXPECT_FALSE(scan.has_literal);  // resp-text is text, never a literal
    EXPECT_EQ(values(t), (std::vector<std::string>{"*", "OK", "[", "PERMANENTFLAGS", "(", "\\Deleted", "\\*", ")", "]",
                                                    "Flags {5}"}));
    EXPECT_EQ(t.tokens[2].kind, TokenKind::CodeOpen);
    EXPECT_EQ(t.tokens[2].match, 8u);
    EXPECT_EQ(t.tokens.back().kind, TokenKind::Text);

    TokenList c;
    tokenize_line("+ idling now", 0, LineMode::ServerFirst, c);
    EXPECT_EQ(values(c), (std::vector<std::string>{"+", "idling now"}));

    TokenList d;
    tokenize_line("* 3 FETCH (FLAGS (\\Seen) UID 7)", 0, LineMode::ServerFirst, d);
    EXPECT_EQ(d.size(), 11u);
    EXPECT_EQ(d.tokens[3].match, 10u);
    EXPECT_EQ(d.tokens[3].kind, TokenKind::Open);
}

TEST(Tokenizer, DepthAndTokenCapsAreBounded) {
    TokenList t;
    std::string deep = "a X " + std::string(200, '(') + std::string(200, ')');
    auto scan = tokenize_line(deep, 0, LineMode::Args, t);
    EXPECT_TRUE(scan.became_too_deep);
    EXPECT_TRUE(t.too_deep);
    EXPECT_EQ(t.depth(), 0u);

    TokenList u;
    std::string many = "a X";
    for (int i = 0; i < 10000; ++i) many += " x";
    many += " {3}";
    scan = tokenize_line(many, 0, LineMode::Args, u);
    EXPECT_TRUE(scan.became_overflow);
    EXPECT_EQ(u.size(), TokenList::kMaxTokens);
    // The literal is still found: framing never depends on what is stored.
    EXPECT_TRUE(scan.has_literal);
    EXPECT_EQ(scan.literal.size, 3u);
}

TEST(Tokenizer, UnterminatedQuoteAndStrayClose) {
    TokenList t;
    auto scan = tokenize_line(R"(a LOGIN "bob)", 0, LineMode::Args, t);
    EXPECT_TRUE(scan.unterminated_quote);
    EXPECT_EQ(t.value(2), "bob");
    TokenList u;
    EXPECT_TRUE(tokenize_line("a X )", 0, LineMode::Args, u).unbalanced_close);
}

TEST(ModifiedUtf7, Decodes) {
    std::string out;
    EXPECT_TRUE(decode_mutf7("Donn&AOk-es re&AOc-ues", out));
    EXPECT_EQ(out, "Donn\xC3\xA9" "es re\xC3\xA7" "ues");
    EXPECT_TRUE(decode_mutf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-", out));
    EXPECT_EQ(out, "~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
    EXPECT_TRUE(decode_mutf7("Tom &- Jerry", out));
    EXPECT_EQ(out, "Tom & Jerry");
    EXPECT_TRUE(decode_mutf7("&2D3eAA-", out));  // U+1F600 as a surrogate pair
    EXPECT_EQ(out, "\xF0\x9F\x98\x80");
    EXPECT_FALSE(decode_mutf7("&AOk", out));    // run not closed
    EXPECT_FALSE(decode_mutf7("&AGE-", out));   // 'a' must not be encoded
    EXPECT_FALSE(decode_mutf7("&2D0-", out));   // lone high surrogate
    EXPECT_FALSE(decode_mutf7("&!-", out));
}

TEST(SaslBase64, Decodes) {
    std::string out;
    EXPECT_TRUE(decode_base64("AGFsaWNlAHdvbmRlcmxhbmQ=", out));
    EXPECT_EQ(out, std::string("\0alice\0wonderland", 17));
    EXPECT_EQ(printable(out), "\\x00alice\\x00wonderland");
    EXPECT_FALSE(decode_base64("a$b=", out));
    EXPECT_FALSE(decode_base64("abc", out));
}

}  // namespace
