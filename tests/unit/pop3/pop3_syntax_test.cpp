// The pure POP3 syntax helpers: commands, arguments, status lines, SASL.
#include <gtest/gtest.h>

#include <string>

#include "dissectors/pop3/pop3_protocol.hpp"
#include "dissectors/pop3/pop3_sasl.hpp"
#include "dissectors/pop3/pop3_syntax.hpp"

using namespace ms::pop3;

TEST(Pop3Syntax, CommandsAreCaseInsensitive) {
    EXPECT_EQ(command_from_verb("retr"), Command::Retr);
    EXPECT_EQ(command_from_verb("StLs"), Command::Stls);
    EXPECT_EQ(command_from_verb("TOP"), Command::Top);
    EXPECT_EQ(command_from_verb("TOPS"), Command::Unknown);
    EXPECT_EQ(command_from_verb(""), Command::Unknown);
    EXPECT_EQ(command_name(Command::Uidl), "UIDL");
}

TEST(Pop3Syntax, StatesFollowRfc1939) {
    EXPECT_TRUE(allowed_in(Command::User, SessionState::Authorization));
    EXPECT_FALSE(allowed_in(Command::User, SessionState::Transaction));
    EXPECT_FALSE(allowed_in(Command::Retr, SessionState::Authorization));
    EXPECT_TRUE(allowed_in(Command::Retr, SessionState::Transaction));
    EXPECT_TRUE(allowed_in(Command::Capa, SessionState::Authorization));
    EXPECT_TRUE(allowed_in(Command::Capa, SessionState::Transaction));
    EXPECT_TRUE(allowed_in(Command::Quit, SessionState::Authorization));
    EXPECT_FALSE(allowed_in(Command::Quit, SessionState::Update));
    EXPECT_FALSE(allowed_in(Command::Stls, SessionState::Transaction));
}

TEST(Pop3Syntax, MessageArguments) {
    auto a = parse_message_args(Command::Retr, "12");
    EXPECT_TRUE(a.has_msg);
    EXPECT_EQ(a.msg, 12u);
    EXPECT_FALSE(a.malformed);
    EXPECT_TRUE(parse_message_args(Command::Retr, "x").malformed);
    EXPECT_TRUE(parse_message_args(Command::Retr, "").malformed);
    EXPECT_TRUE(parse_message_args(Command::Dele, "1 2").malformed);
    EXPECT_FALSE(parse_message_args(Command::List, "").malformed);
    EXPECT_FALSE(parse_message_args(Command::List, "").has_msg);
    auto t = parse_message_args(Command::Top, "3 10");
    EXPECT_TRUE(t.has_msg && t.has_lines);
    EXPECT_EQ(t.msg, 3u);
    EXPECT_EQ(t.lines, 10u);
    EXPECT_TRUE(parse_message_args(Command::Top, "3").malformed);
    EXPECT_TRUE(parse_message_args(Command::Top, "3 10 x").malformed);
    // 20 digits do not fit: rejected, not wrapped.
    EXPECT_TRUE(parse_message_args(Command::Retr, "99999999999999999999").malformed);
}

TEST(Pop3Syntax, MultilineIsDecidedByTheCommand) {
    EXPECT_TRUE(multiline_answer(Command::List, false));
    EXPECT_FALSE(multiline_answer(Command::List, true));
    EXPECT_TRUE(multiline_answer(Command::Uidl, false));
    EXPECT_FALSE(multiline_answer(Command::Uidl, true));
    EXPECT_TRUE(multiline_answer(Command::Retr, true));
    EXPECT_TRUE(multiline_answer(Command::Top, true));
    EXPECT_TRUE(multiline_answer(Command::Capa, false));
    EXPECT_TRUE(multiline_answer(Command::Auth, false));
    EXPECT_FALSE(multiline_answer(Command::Auth, true));
    EXPECT_FALSE(multiline_answer(Command::Stat, false));
}

TEST(Pop3Syntax, StatusLines) {
    auto ok = parse_status("+OK 2 200");
    EXPECT_TRUE(ok.valid && ok.ok);
    EXPECT_EQ(ok.indicator, "+OK");
    EXPECT_EQ(ok.description, "2 200");
    auto bare = parse_status("+OK");
    EXPECT_TRUE(bare.valid);
    EXPECT_TRUE(bare.description.empty());
    auto err = parse_status("-ERR [SYS/TEMP] try later");
    EXPECT_TRUE(err.valid);
    EXPECT_FALSE(err.ok);
    EXPECT_EQ(err.code, "SYS/TEMP");
    EXPECT_EQ(parse_status("-ERR [IN-USE] locked").code, "IN-USE");
    EXPECT_EQ(parse_status("-ERR [] x").code, "");
    EXPECT_FALSE(parse_status("+OKAY").valid);
    EXPECT_FALSE(parse_status("+ abc").valid);
    EXPECT_FALSE(parse_status("").valid);
    EXPECT_FALSE(parse_status("GARBAGE").valid);
}

TEST(Pop3Syntax, ContinuationsAndTimestamps) {
    std::string_view p;
    EXPECT_TRUE(is_continuation("+ ", p));
    EXPECT_EQ(p, "");
    EXPECT_TRUE(is_continuation("+ abc=", p));
    EXPECT_EQ(p, "abc=");
    EXPECT_TRUE(is_continuation("+", p));
    EXPECT_FALSE(is_continuation("+OK", p));
    EXPECT_EQ(apop_timestamp("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"),
              "<1896.697170952@dbc.mtview.ca.us>");
    EXPECT_EQ(apop_timestamp("ready <no-at-sign> <a@b>"), "<a@b>");
    EXPECT_EQ(apop_timestamp("ready"), "");
    EXPECT_EQ(apop_timestamp("ready <a@b"), "");
}

TEST(Pop3Syntax, NumbersAndOctets) {
    uint64_t a = 0, b = 0;
    EXPECT_TRUE(parse_two_numbers("6 4560", a, b));
    EXPECT_EQ(a, 6u);
    EXPECT_EQ(b, 4560u);
    EXPECT_TRUE(parse_two_numbers("1 120 extra", a, b));
    EXPECT_FALSE(parse_two_numbers("6", a, b));
    EXPECT_FALSE(parse_two_numbers("6 messages:", a, b));
    std::string_view uid;
    EXPECT_TRUE(parse_uidl("2 000000026b038ce3", a, uid));
    EXPECT_EQ(uid, "000000026b038ce3");
    EXPECT_FALSE(parse_uidl("2", a, uid));
    uint64_t n = 0;
    EXPECT_TRUE(octets_in("529 octets", n));
    EXPECT_EQ(n, 529u);
    EXPECT_TRUE(octets_in("message follows (320 octets)", n));
    EXPECT_EQ(n, 320u);
    EXPECT_FALSE(octets_in("message follows", n));
    EXPECT_FALSE(octets_in(" octets", n));
}

TEST(Pop3Syntax, Base64AndPlain) {
    std::string out;
    EXPECT_TRUE(decode_base64("AGFsaWNlAHdvbmRlcmxhbmQ=", out));
    EXPECT_EQ(out, std::string("\0alice\0wonderland", 17));
    auto p = split_plain(out);
    EXPECT_TRUE(p.ok);
    EXPECT_EQ(p.authzid, "");
    EXPECT_EQ(p.user, "alice");
    EXPECT_EQ(p.password, "wonderland");
    EXPECT_TRUE(decode_base64("=", out));
    EXPECT_EQ(out, "");
    EXPECT_FALSE(decode_base64("a!b=", out));
    EXPECT_FALSE(decode_base64("YQ=x", out));
    EXPECT_FALSE(split_plain("no-nul").ok);
    EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(step_for(AuthMech::Login, 0, "x"), AuthStep::Username);
    EXPECT_EQ(step_for(AuthMech::Login, 1, "x"), AuthStep::Password);
    EXPECT_EQ(step_for(AuthMech::Login, 1, "*"), AuthStep::Cancel);
    EXPECT_EQ(step_for(AuthMech::Plain, 0, "x"), AuthStep::Credentials);
    EXPECT_EQ(mech_from_name("cram-md5"), AuthMech::CramMd5);
}

TEST(Pop3Protocol, DetectsTheServerGreeting) {
    auto b = [](std::string_view s) { return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size()); };
    EXPECT_TRUE(looks_like(ms::Dir::ToClient, b("+OK POP3 ready\r\n")));
    EXPECT_TRUE(looks_like(ms::Dir::ToClient, b("+OK\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("+OKAY")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("+PONG\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("220 smtp ready\r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToServer, b("+OK \r\n")));
    EXPECT_FALSE(looks_like(ms::Dir::ToClient, b("+O")));
    auto proto = app_protocol();
    EXPECT_STREQ(proto.name, "pop");
    ASSERT_EQ(proto.ports.size(), 1u);
    EXPECT_EQ(proto.ports[0], 110);
    ASSERT_NE(proto.create, nullptr);
    EXPECT_NE(proto.create(ms::ConnectionInfo{0, 110, 40000}), nullptr);
}
