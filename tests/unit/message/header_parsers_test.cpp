// The header value parsers: RFC 2047 words, RFC 5322 addresses and dates,
// Received, Content-Type parameters (RFC 2231) and the small structured ones.
#include <gtest/gtest.h>

#include "dissectors/imf/address_list.hpp"
#include "dissectors/imf/date_time.hpp"
#include "dissectors/imf/encoded_word.hpp"
#include "dissectors/imf/received.hpp"
#include "dissectors/imf/structured_headers.hpp"
#include "dissectors/mime/content_header.hpp"

namespace {
using namespace ms::imf;

TEST(EncodedWords, Rfc2047Examples) {
    EXPECT_EQ(decode_encoded_words("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=").text, "Keld J\xC3\xB8rn Simonsen");
    EXPECT_EQ(decode_encoded_words("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= "
                                   "=?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=")
                  .text,
              "If you can read this you understand the example.");
    // RFC 2047 section 8's whitespace table.
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a?=)").text, "(a)");
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a?= b)").text, "(a b)");
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)").text, "(ab)");
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)").text, "(ab)");
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a_b?=)").text, "(a b)");
    EXPECT_EQ(decode_encoded_words("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)").text, "(a b)");
    EXPECT_EQ(decode_encoded_words("=?US-ASCII*EN?Q?Keith_Moore?=").text, "Keith Moore");  // RFC 2231 language
}

TEST(EncodedWords, MultibyteCharacterSplitAcrossWords) {
    // "✓" (E2 9C 93) split between two base64 words of the same charset.
    auto d = decode_encoded_words("=?UTF-8?B?4pw=?= =?UTF-8?B?kw==?=");
    EXPECT_EQ(d.text, "\xE2\x9C\x93");
    EXPECT_FALSE(d.malformed);
}

TEST(EncodedWords, MalformedWordsStayRaw) {
    auto d = decode_encoded_words("Hi =?UTF-8?X?abc?= there");
    EXPECT_EQ(d.text, "Hi =?UTF-8?X?abc?= there");
    EXPECT_TRUE(d.malformed);
    auto q = decode_encoded_words("=?UTF-8?Q?bad=ZZ?=");
    EXPECT_TRUE(q.malformed);
    auto plain = decode_encoded_words("no words =? here");
    EXPECT_EQ(plain.text, "no words =? here");
    EXPECT_FALSE(plain.had_words);
}

TEST(EncodedWords, Rfc6532Utf8AndLatin1Passthrough) {
    EXPECT_EQ(decode_encoded_words("Caf\xC3\xA9").text, "Caf\xC3\xA9");
    EXPECT_EQ(decode_encoded_words("Caf\xE9").text, "Caf\xC3\xA9");  // raw 8-bit read as Latin-1
}

TEST(AddressList, QuotedNamesCommentsGroupsRoutes) {
    auto l = parse_address_list(
        "\"Doe, John\" <john@example.com>, (comment) jane@example.com (Jane Roe), "
        "Team: a@x.test, \"B\" <b@x.test>;, <@USC-ISIF.ARPA:Quincy@isi.edu>, undisclosed-recipients:;");
    ASSERT_EQ(l.mailboxes.size(), 5u);
    EXPECT_EQ(l.mailboxes[0].display_name, "Doe, John");
    EXPECT_EQ(l.mailboxes[0].address, "john@example.com");
    EXPECT_EQ(l.mailboxes[1].address, "jane@example.com");
    EXPECT_EQ(l.mailboxes[1].display_name, "comment");
    EXPECT_EQ(l.mailboxes[2].group, "Team");
    EXPECT_EQ(l.mailboxes[2].address, "a@x.test");
    EXPECT_EQ(l.mailboxes[3].group, "Team");
    EXPECT_EQ(l.mailboxes[3].display_name, "B");
    EXPECT_EQ(l.mailboxes[4].route, "@USC-ISIF.ARPA");
    EXPECT_EQ(l.mailboxes[4].address, "Quincy@isi.edu");
    ASSERT_EQ(l.empty_groups.size(), 1u);
    EXPECT_EQ(l.empty_groups[0], "undisclosed-recipients");
    EXPECT_FALSE(l.malformed);
}

TEST(AddressList, ObsoleteEmptyElementsAndUnterminated) {
    auto l = parse_address_list(" , a@b.c,, Joe Q. Public <joe@q.test> ,");
    ASSERT_EQ(l.mailboxes.size(), 2u);
    EXPECT_EQ(l.mailboxes[1].display_name, "Joe Q. Public");
    auto bad = parse_address_list("\"Unterminated <x@y>");
    EXPECT_TRUE(bad.malformed);
}

TEST(DateTime, ZonesToUtc) {
    auto d = parse_date_time("Mon, 06 Nov 2023 09:00:00 +0100");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->utc_ns / 1'000'000'000, 1699261200 - 3600);
    auto e = parse_date_time("Fri, 21 Nov 1997 09:55:06 -0600");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->utc_ns / 1'000'000'000, 880127706);
    auto obs = parse_date_time("21 Nov 97 09:55:06 GMT");  // obsolete 2-digit year, named zone
    ASSERT_TRUE(obs);
    EXPECT_EQ(obs->utc_ns / 1'000'000'000, 880106106);
    EXPECT_TRUE(obs->obsolete_zone);
    auto est = parse_date_time("Thu, 13 Feb 1969 23:32 EST (comment)");
    ASSERT_TRUE(est);
    EXPECT_EQ(est->utc_ns / 1'000'000'000, -27718080);
    EXPECT_FALSE(parse_date_time("yesterday at noon"));
    EXPECT_FALSE(parse_date_time("Mon, 32 Nov 2023 09:00:00 +0000"));
}

TEST(Received, PostfixAndEximShapes) {
    auto r = parse_received(
        "from client.example (host.rdns.example [192.0.2.7])\r\n\tby mail.example.test (Postfix) with ESMTPS id 4ABC\r\n\t"
        "for <alice@example.test>; Mon, 06 Nov 2023 09:00:00 +0000");
    EXPECT_EQ(r.helo, "client.example");
    EXPECT_EQ(r.rdns, "host.rdns.example");
    EXPECT_EQ(r.ip, "192.0.2.7");
    EXPECT_EQ(r.by, "mail.example.test");
    EXPECT_EQ(r.with, "ESMTPS");
    EXPECT_EQ(r.id, "4ABC");
    EXPECT_EQ(r.for_addr, "alice@example.test");
    ASSERT_TRUE(r.date_ns);
    auto x = parse_received("from rdns.example ([198.51.100.1] helo=hello.example) by mx with esmtp; 1 Jan 2020 00:00:00 +0000");
    EXPECT_EQ(x.ip, "198.51.100.1");
    // Exim writes the verified name first and the HELO argument in the
    // comment when they differ.
    EXPECT_EQ(x.helo, "hello.example");
    EXPECT_EQ(x.rdns, "rdns.example");
}

TEST(ContentHeader, TokensNotSubstrings) {
    auto h = ms::mime::parse_content_header("application/octet-stream; x=\"filename=wrong.txt\"; filename=real.exe");
    EXPECT_EQ(h.value, "application/octet-stream");
    EXPECT_EQ(h.param("filename"), "real.exe");
    EXPECT_EQ(h.param("x"), "filename=wrong.txt");
    auto c = ms::mime::parse_content_header("Multipart/Mixed (comment); boundary=\"a;b\\\"c\" ; charset=UTF-8");
    EXPECT_EQ(c.value, "multipart/mixed");
    EXPECT_EQ(c.param("boundary"), "a;b\"c");
    EXPECT_EQ(c.param("CHARSET"), "UTF-8");
}

TEST(ContentHeader, Rfc2231ContinuationsAndCharset) {
    auto h = ms::mime::parse_content_header(
        "attachment; filename*1*=%20na%C3%AFve.txt; filename*0*=utf-8'en'r%C3%A9sum%C3%A9");
    ASSERT_NE(h.find("filename"), nullptr);
    EXPECT_EQ(h.param("filename"), "r\xC3\xA9sum\xC3\xA9 na\xC3\xAFve.txt");
    EXPECT_EQ(h.find("filename")->language, "en");
    auto l = ms::mime::parse_content_header("message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"");
    EXPECT_EQ(l.param("url"), "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
    auto t = ms::mime::parse_content_header("application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
    EXPECT_EQ(t.param("title"), "This is ***fun***");
}

TEST(StructuredHeaders, MsgIdsTagsAuthResults) {
    auto ids = parse_msg_ids("<a@b> (comment <x@y>)\r\n <c@d>");
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[1], "<c@d>");
    auto tags = parse_tag_list("v=1; a=rsa-sha256; d=example.net; s=brisbane;\r\n b=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSb\r\n av3yWf9ab==");
    ASSERT_EQ(tags.size(), 5u);
    EXPECT_EQ(tags[2].second, "example.net");
    EXPECT_EQ(tags[4].second, "dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav3yWf9ab==");
    auto ar = parse_authentication_results("mx.example.org; spf=pass smtp.mailfrom=example.net; dkim=fail (bad sig) header.d=example.net");
    EXPECT_EQ(ar.authserv_id, "mx.example.org");
    ASSERT_EQ(ar.results.size(), 2u);
    EXPECT_EQ(ar.results[1], "dkim=fail header.d=example.net");
    EXPECT_EQ(received_spf_result("Pass (mailfrom) identity=mailfrom; client-ip=1.2.3.4"), "pass");
    auto uris = parse_angle_uris("<mailto:list@example.org?subject=unsub>, <https://example.org/u>");
    ASSERT_EQ(uris.size(), 2u);
}

}  // namespace
