// Pure helpers: command verbs, paths and ESMTP parameters, enhanced codes,
// base64, content detection.
#include <gtest/gtest.h>

#include <cstring>

#include "dissectors/core/sasl_base64.hpp"
#include "dissectors/smtp/smtp_codes.hpp"
#include "dissectors/smtp/smtp_commands.hpp"
#include "dissectors/smtp/smtp_protocol.hpp"

using namespace ms::smtp;
using ms::decode_base64;
using ms::printable;

TEST(SmtpCommands, VerbsAreCaseInsensitive) {
    EXPECT_EQ(command_from_verb("mail"), Command::Mail);
    EXPECT_EQ(command_from_verb("StartTLS"), Command::Starttls);
    EXPECT_EQ(command_from_verb("SOML"), Command::Soml);
    EXPECT_EQ(command_from_verb("XFORWARD"), Command::Xforward);
    EXPECT_EQ(command_from_verb("FOOB"), Command::Unknown);
    EXPECT_EQ(command_from_verb(""), Command::Unknown);
}

TEST(SmtpCommands, MailFromWithParams) {
    auto p = parse_path_arg("FROM:<a@b.c> SIZE=1234 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ314159", "FROM:");
    EXPECT_TRUE(p.ok);
    EXPECT_EQ(p.path, "<a@b.c>");
    EXPECT_EQ(p.mailbox, "a@b.c");
    ASSERT_EQ(p.params.size(), 5u);
    EXPECT_EQ(p.params[0].keyword, "SIZE");
    EXPECT_EQ(p.params[0].value, "1234");
    EXPECT_EQ(p.params[2].keyword, "SMTPUTF8");
    EXPECT_FALSE(p.params[2].has_value);
    EXPECT_EQ(p.params[4].value, "QQ314159");
}

TEST(SmtpCommands, PathVariants) {
    auto a = parse_path_arg("from: <x@y>", "FROM:");  // space after the colon, lower case
    EXPECT_TRUE(a.ok);
    EXPECT_EQ(a.mailbox, "x@y");
    auto nul = parse_path_arg("FROM:<>", "FROM:");  // null reverse path
    EXPECT_TRUE(nul.ok);
    EXPECT_EQ(nul.mailbox, "");
    auto route = parse_path_arg("TO:<@hosta.int,@jkl.org:userc@d.bar.org>", "TO:");
    EXPECT_EQ(route.mailbox, "userc@d.bar.org");
    auto quoted = parse_path_arg("TO:<\"a>b\"@c> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;x@y", "TO:");
    EXPECT_EQ(quoted.mailbox, "\"a>b\"@c");
    ASSERT_EQ(quoted.params.size(), 2u);
    EXPECT_EQ(quoted.params[1].value, "rfc822;x@y");
    EXPECT_FALSE(parse_path_arg("<x@y>", "FROM:").ok);
    EXPECT_FALSE(parse_path_arg("FROM:x@y", "FROM:").ok);
    EXPECT_FALSE(parse_path_arg("FROM:<x@y", "FROM:").ok);
}

TEST(SmtpCommands, AuthAndExtensions) {
    auto a = parse_auth_arg("PLAIN AGJvYgBzZWNyZXQ=");
    EXPECT_EQ(a.mech, AuthMech::Plain);
    EXPECT_EQ(a.initial_response, "AGJvYgBzZWNyZXQ=");
    EXPECT_EQ(parse_auth_arg("cram-md5").mech, AuthMech::CramMd5);
    EXPECT_EQ(parse_auth_arg("GSSAPI").mech, AuthMech::Other);
    auto e = parse_extension("AUTH PLAIN LOGIN");
    EXPECT_EQ(e.keyword, "AUTH");
    EXPECT_EQ(e.params, "PLAIN LOGIN");
    EXPECT_EQ(parse_extension("AUTH=LOGIN").keyword, "AUTH");
    EXPECT_EQ(parse_extension("SIZE 52428800").params, "52428800");
}

TEST(SmtpCodes, EnhancedStatusCodes) {
    auto c = parse_enhanced_code("2.1.0 Ok");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->cls, 2);
    EXPECT_EQ(c->subject, 1);
    EXPECT_EQ(c->detail, 0);
    EXPECT_EQ(c->length, 5u);
    auto d = parse_enhanced_code("5.7.139 blocked");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->detail, 139);
    EXPECT_FALSE(parse_enhanced_code("3.1.0 x"));     // class must be 2, 4 or 5
    EXPECT_FALSE(parse_enhanced_code("2.1.1234 x"));  // at most three digits
    EXPECT_FALSE(parse_enhanced_code("2.1 x"));
    EXPECT_FALSE(parse_enhanced_code("2.1.0x"));
    EXPECT_EQ(enhanced_detail_meaning(1, 1), "Bad destination mailbox address");
    EXPECT_EQ(enhanced_detail_meaning(7, 8), "Authentication credentials invalid");
    EXPECT_TRUE(enhanced_detail_meaning(9, 9).empty());
}

TEST(SmtpBase64, DecodesAndRejects) {
    std::string out;
    EXPECT_TRUE(decode_base64("VXNlcm5hbWU6", out));
    EXPECT_EQ(out, "Username:");
    EXPECT_TRUE(decode_base64("AGJvYgBzZWNyZXQ=", out));
    EXPECT_EQ(out, std::string("\0bob\0secret", 11));
    EXPECT_TRUE(decode_base64("=", out));
    EXPECT_EQ(out, "");
    EXPECT_FALSE(decode_base64("abc", out));
    EXPECT_FALSE(decode_base64("ab!d", out));
    EXPECT_FALSE(decode_base64("ab=d", out));
    EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
}

TEST(SmtpProtocol, ContentDetectionAndPorts) {
    auto b = [](const char* s) {
        return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s), std::strlen(s));
    };
    EXPECT_TRUE(looks_like(ms::Dir::ToClient, b("220 mx ESMTP\r\n")));
    EXPECT_TRUE(looks_like(ms::Dir::ToClient, b("220-mx\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("+OK POP3\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("2200")));
    EXPECT_TRUE(looks_like(ms::Dir::ToServer, b("EHLO client\r\n")));
    EXPECT_TRUE(looks_like(ms::Dir::ToServer, b("helo x\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToServer, b("EHLOX\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToServer, b("GET / HTTP/1.1\r\n")));
    auto p = app_protocol();
    EXPECT_STREQ(p.name, "smtp");
    EXPECT_EQ(p.ports, (std::vector<uint16_t>{25, 587, 2525}));
    ASSERT_TRUE(p.create);
    EXPECT_TRUE(p.create(ms::ConnectionInfo{0, 25, 40000}) != nullptr);
}
