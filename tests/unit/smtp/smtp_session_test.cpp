// Whole sessions through the dissector: fields, Info, request/reply
// matching, messages, and the same results for any split of the bytes.
#include <gtest/gtest.h>

#include "smtp_harness.hpp"

using namespace smtp_test;
using Strings = std::vector<std::string>;

namespace {

const std::vector<Step> kBasic = {
    S("220-mx.example.org ESMTP ready\r\n220 no spam please\r\n"),
    C("EHLO client.example.com\r\n"),
    S("250-mx.example.org Hello client\r\n250-SIZE 52428800\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n"
      "250-8BITMIME\r\n250 CHUNKING\r\n"),
    C("MAIL FROM:<alice@example.com> SIZE=120 BODY=8BITMIME\r\n"),
    S("250 2.1.0 Ok\r\n"),
    C("RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org\r\n"),
    S("250 2.1.5 Ok\r\n"),
    C("DATA\r\n"),
    S("354 End data with <CR><LF>.<CR><LF>\r\n"),
    C("Subject: hi\r\n\r\n..leading dot\r\n...two\r\nend\r\n.\r\n"),
    S("250 2.0.0 Ok: queued as ABC\r\n"),
    C("QUIT\r\n"),
    S("221 2.0.0 Bye\r\n"),
};

// The fields that must not depend on how the bytes were split.
// (smtp.response.code is not among them: like Wireshark, a reply spread
// over frames shows its code in each; see collapsed_codes.)
const Strings kStable = {"smtp.req.command", "smtp.req.parameter", "smtp.rsp.parameter",
                         "smtp.ehlo.extension", "smtp.req.reverse_path", "smtp.req.forward_path",
                         "smtp.req.size", "smtp.auth.username", "smtp.auth.password", "smtp.bdat.size",
                         "smtp.response.enhanced", "smtp.address", "smtp.data.message.length"};

TEST(SmtpSession, CommandsRepliesAndParameters) {
    Session s;
    s.run(kBasic);
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"EHLO", "MAIL", "RCPT", "DATA", "QUIT"}));
    EXPECT_EQ(s.values("smtp.req.parameter"),
              (Strings{"client.example.com", "FROM:<alice@example.com> SIZE=120 BODY=8BITMIME",
                       "TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org"}));
    // One code per reply, as Wireshark shows it.
    EXPECT_EQ(s.values("smtp.response.code"), (Strings{"220", "250", "250", "250", "354", "250", "221"}));
    EXPECT_EQ(s.values("smtp.ehlo.extension"), (Strings{"SIZE", "PIPELINING", "AUTH", "8BITMIME", "CHUNKING"}));
    EXPECT_EQ(s.values("smtp.ehlo.extension.param"), (Strings{"52428800", "PLAIN", "LOGIN"}));
    EXPECT_EQ(s.values("smtp.req.reverse_path"), (Strings{"<alice@example.com>"}));
    EXPECT_EQ(s.values("smtp.req.forward_path"), (Strings{"<bob@example.org>"}));
    EXPECT_EQ(s.values("smtp.req.size"), (Strings{"120"}));
    EXPECT_EQ(s.values("smtp.req.body"), (Strings{"8BITMIME"}));
    EXPECT_EQ(s.values("smtp.req.notify"), (Strings{"SUCCESS,FAILURE"}));
    EXPECT_EQ(s.values("smtp.req.orcpt"), (Strings{"rfc822;bob@example.org"}));
    EXPECT_EQ(s.values("smtp.response.enhanced"), (Strings{"2.1.0", "2.1.5", "2.0.0", "2.0.0"}));
    EXPECT_EQ(s.values("smtp.rsp.parameter")[0], "mx.example.org ESMTP ready");
    EXPECT_EQ(s.values("smtp.rsp.parameter")[1], "no spam please");
    EXPECT_EQ(s.values("smtp.command_line")[0], "EHLO client.example.com\r\n");
    EXPECT_TRUE(s.has_label("Command Line: EHLO client.example.com\\r\\n"));
    EXPECT_TRUE(s.has_label("Response code: <domain> Service ready (220)"));
    EXPECT_TRUE(s.has_label("Enhanced status code: 2.1.5 (Destination address valid)"));
    EXPECT_TRUE(s.has_label("Reply class: Positive Completion reply (2)"));
}

TEST(SmtpSession, InfoColumns) {
    Session s;
    s.run(kBasic);
    ASSERT_EQ(s.frames.size(), kBasic.size());
    EXPECT_EQ(s.frames[0].info, "S: 220-mx.example.org ESMTP ready | no spam please");
    EXPECT_EQ(s.frames[0].protocol, "SMTP");
    EXPECT_EQ(s.frames[1].info, "C: EHLO client.example.com");
    EXPECT_EQ(s.frames[2].info,
              "S: 250-mx.example.org Hello client | SIZE 52428800 | PIPELINING | AUTH PLAIN LOGIN | 8BITMIME | CHUNKING");
    EXPECT_EQ(s.frames[3].info, "C: MAIL FROM:<alice@example.com> SIZE=120 BODY=8BITMIME");
    EXPECT_EQ(s.frames[4].info, "S: 250 2.1.0 Ok");
    EXPECT_EQ(s.frames[9].info, "C: DATA fragment, 43 bytes | C: .");
}

TEST(SmtpSession, DotStuffingRemovedAndMessageExact) {
    Session s;
    s.run(kBasic);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "Subject: hi\r\n\r\n.leading dot\r\n..two\r\nend\r\n");
    EXPECT_TRUE(s.messages[0].complete);
    EXPECT_FALSE(s.messages[0].chunked);
    EXPECT_EQ(s.values("smtp.data.message.length"), (Strings{"41"}));
    EXPECT_EQ(s.count("smtp.eom"), 1u);
    EXPECT_EQ(s.values("smtp.data.fragment"), (Strings{"10"}));
    EXPECT_EQ(s.values("smtp.data.reassembled.length"), (Strings{"43"}));
    // With a message sink attached the message layer shows the message
    // bytes; SMTP adds its own "Message" item only when there is none.
    EXPECT_FALSE(s.has_label("Message (41 bytes)"));
    EXPECT_TRUE(s.has_label("1 DATA fragments (43 bytes): #10(43)"));
    EXPECT_EQ(s.count("smtp.req.unknown"), 0u);
}

TEST(SmtpSession, DotStuffingRules) {
    Session s;
    s.run({S("220 x\r\n"), C("EHLO a\r\n"), S("250 x\r\n"), C("MAIL FROM:<>\r\n"), S("250 ok\r\n"),
           C("RCPT TO:<b@c>\r\n"), S("250 ok\r\n"), C("DATA\r\n"), S("354 go\r\n"),
           C("..\r\n...x\r\n.y\r\nz.\r\n.\r\n")});
    ASSERT_EQ(s.messages.size(), 1u);
    // ".." -> ".", "...x" -> "..x", ".y" -> "y" (the first dot always goes), "z." stays.
    EXPECT_EQ(s.messages[0].bytes, ".\r\n..x\r\ny\r\nz.\r\n");
}

TEST(SmtpSession, EmptyMessage) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<>\r\n"), S("250 ok\r\n"), C("RCPT TO:<b@c>\r\n"), S("250 ok\r\n"),
           C("DATA\r\n"), S("354 go\r\n"), C(".\r\nQUIT\r\n")});
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "");
    EXPECT_EQ(s.values("smtp.req.command").back(), "QUIT");
}

TEST(SmtpSession, RepliesMatchRequestsWithFramesAndTime) {
    Session s;
    s.run(kBasic);
    // Replies (frames 3,5,7,9,11,13) name their requests (2,4,6,8,10,12).
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"2", "4", "6", "8", "10", "12"}));
    EXPECT_EQ(s.values("smtp.time")[0], "0.001000000");
    EXPECT_TRUE(s.has_label("Response Time: 0.001000000 seconds"));
}

TEST(SmtpSession, PipeliningManyCommandsAndRepliesPerSegment) {
    Session s;
    s.run({S("220 mx\r\n"), C("EHLO c\r\n"), S("250-mx\r\n250 PIPELINING\r\n"),
           C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nRCPT TO:<e@f>\r\nDATA\r\n"),
           S("250 ok\r\n250 ok\r\n550 5.1.1 no such user\r\n354 go\r\n"), C("hello\r\n.\r\n"), S("250 done\r\n")});
    EXPECT_EQ(s.frames[3].info, "C: MAIL FROM:<a@b> | C: RCPT TO:<c@d> | C: RCPT TO:<e@f> | C: DATA");
    EXPECT_EQ(s.frames[4].info, "S: 250 ok | S: 250 ok | S: 550 5.1.1 no such user | S: 354 go");
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"2", "4", "4", "4", "4", "6"}));
    EXPECT_EQ(s.count("smtp.pipelining_unannounced"), 0u);
    EXPECT_EQ(s.count("smtp.response.error"), 1u);
    EXPECT_TRUE(s.has_label("Detail: Bad destination mailbox address (1)"));
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "hello\r\n");
}

TEST(SmtpSession, PipeliningWithoutTheExtensionIsNoted) {
    Session s;
    s.run({S("220 mx\r\n"), C("HELO c\r\n"), S("250 mx\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n"),
           S("250 ok\r\n250 ok\r\n")});
    EXPECT_EQ(s.count("smtp.pipelining_unannounced"), 1u);
}

TEST(SmtpSession, OutOfOrderCommands) {
    Session s;
    s.run({S("220 mx\r\n"), C("RCPT TO:<c@d>\r\n"), S("503 need MAIL\r\n"), C("DATA\r\n"),
           S("503 no valid recipients\r\n"), C("MAIL FROM:<a@b>\r\n"), S("250 ok\r\n"), C("RCPT TO:<c@d>\r\n"),
           S("550 no\r\n"), C("DATA\r\n"), S("554 no valid recipients\r\n"), C("QUIT\r\n")});
    EXPECT_EQ(s.count("smtp.req.out_of_order"), 3u);
    EXPECT_TRUE(s.has_label("RCPT before MAIL"));
    EXPECT_TRUE(s.has_label("DATA without MAIL"));
    EXPECT_TRUE(s.has_label("DATA although no RCPT was accepted"));
    // The refused DATA took no message: QUIT is a command.
    EXPECT_EQ(s.values("smtp.req.command").back(), "QUIT");
    EXPECT_TRUE(s.messages.empty());
}

TEST(SmtpSession, EveryCommandIsRecognised) {
    Session s;
    std::string all =
        "HELO a\r\nEHLO a\r\nRSET\r\nNOOP\r\nVRFY bob\r\nEXPN staff\r\nHELP MAIL\r\nTURN\r\nETRN example.org\r\n"
        "ATRN example.org\r\nSEND FROM:<a@b>\r\nSOML FROM:<a@b>\r\nSAML FROM:<a@b>\r\n"
        "XCLIENT NAME=spike.porcupine.org ADDR=168.100.189.2\r\nXFORWARD PROTO=ESMTP\r\nSTARTTLS\r\n";
    s.run({C(all)});
    EXPECT_EQ(s.values("smtp.req.command"),
              (Strings{"HELO", "EHLO", "RSET", "NOOP", "VRFY", "EXPN", "HELP", "TURN", "ETRN", "ATRN", "SEND", "SOML",
                       "SAML", "XCLIENT", "XFORWARD", "STARTTLS"}));
    EXPECT_EQ(s.count("smtp.req.unknown"), 0u);
    EXPECT_EQ(s.values("smtp.req.xclient_attr"),
              (Strings{"NAME=spike.porcupine.org", "ADDR=168.100.189.2", "PROTO=ESMTP"}));
    EXPECT_EQ(s.values("smtp.req.reverse_path"), (Strings{"<a@b>", "<a@b>", "<a@b>"}));
    EXPECT_EQ(s.values("smtp.req.domain"), (Strings{"a", "a", "example.org", "example.org"}));
}

TEST(SmtpSession, UnknownCommandNoted) {
    Session s;
    s.run({S("220 x\r\n"), C("FROB x\r\n"), S("500 5.5.2 unrecognized\r\n")});
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"FROB"}));
    EXPECT_EQ(s.count("smtp.req.unknown"), 1u);
    EXPECT_TRUE(s.has_label("Unknown command: FROB"));
}

TEST(SmtpSession, VrfyAnsweredListsAddresses) {
    Session s;
    s.run({S("220 x\r\n"), C("EXPN staff\r\n"),
           S("250-Jon Postel <jon@isi.edu>\r\n250 Fred Fonebone <fred@physics.foo-u.edu>\r\n"), C("VRFY nobody\r\n"),
           S("550 5.1.1 unknown\r\n")});
    EXPECT_EQ(s.values("smtp.address"), (Strings{"staff", "jon@isi.edu", "fred@physics.foo-u.edu", "nobody"}));
    EXPECT_EQ(s.count("smtp.vrfy_answered"), 1u);
}

TEST(SmtpSession, MultilineCodeMismatch) {
    Session s;
    s.run({S("220 x\r\n"), C("EHLO a\r\n"), S("250-x\r\n251 y\r\n")});
    EXPECT_EQ(s.count("smtp.response.code.unexpected"), 1u);
}

TEST(SmtpSession, AuthPlainInitialResponse) {
    Session s;
    // "\0bob\0secret"
    s.run({S("220 x\r\n"), C("AUTH PLAIN AGJvYgBzZWNyZXQ=\r\n"), S("235 2.7.0 Authentication successful\r\n"),
           C("MAIL FROM:<bob@x>\r\n")});
    EXPECT_EQ(s.values("smtp.auth.mechanism"), (Strings{"PLAIN"}));
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"bob"}));
    EXPECT_EQ(s.values("smtp.auth.password"), (Strings{"secret"}));
    EXPECT_EQ(s.values("smtp.auth.username_password"), (Strings{"bob/secret"}));
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"AUTH", "MAIL"}));
}

TEST(SmtpSession, AuthPlainAfterChallenge) {
    Session s;
    s.run({S("220 x\r\n"), C("AUTH PLAIN\r\n"), S("334 \r\n"), C("YWRtaW4AYm9iAHNlY3JldA==\r\n"),
           S("235 ok\r\n")});
    EXPECT_EQ(s.values("smtp.auth.authzid"), (Strings{"admin"}));
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"bob"}));
    EXPECT_EQ(s.values("smtp.auth.password"), (Strings{"secret"}));
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"2", "4"}));
}

TEST(SmtpSession, AuthLoginExchange) {
    Session s;
    // The exchange from the zeek smtp.pcap capture.
    s.run({S("220 x\r\n"), C("AUTH LOGIN\r\n"), S("334 VXNlcm5hbWU6\r\n"), C("Z3VycGFydGFwQHBhdHJpb3RzLmlu\r\n"),
           S("334 UGFzc3dvcmQ6\r\n"), C("cHVuamFiQDEyMw==\r\n"), S("235 Authentication succeeded\r\n"),
           C("MAIL FROM: <gurpartap@patriots.in>\r\n")});
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"gurpartap@patriots.in"}));
    EXPECT_EQ(s.values("smtp.auth.password"), (Strings{"punjab@123"}));
    EXPECT_EQ(s.values("smtp.auth.challenge"), (Strings{"Username:", "Password:"}));
    EXPECT_EQ(s.frames[3].info, "C: User: Z3VycGFydGFwQHBhdHJpb3RzLmlu");
    EXPECT_EQ(s.frames[5].info, "C: Pass: cHVuamFiQDEyMw==");
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"AUTH", "MAIL"}));
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"2", "4", "6"}));
}

TEST(SmtpSession, AuthLoginWithoutServerSide) {
    Session s;
    s.run({C("AUTH LOGIN\r\nYm9i\r\nc2VjcmV0\r\nMAIL FROM:<a@b>\r\n")});
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"bob"}));
    EXPECT_EQ(s.values("smtp.auth.password"), (Strings{"secret"}));
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"AUTH", "MAIL"}));
}

TEST(SmtpSession, AuthCramMd5AndXoauth2AndBadBase64) {
    Session s;
    // "bob 0123456789abcdef" and "user=u@x\x01auth=Bearer tok\x01\x01"
    s.run({S("220 x\r\n"), C("AUTH CRAM-MD5\r\n"), S("334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+\r\n"),
           C("Ym9iIDAxMjM0NTY3ODlhYmNkZWY=\r\n"), S("235 ok\r\n"),
           C("AUTH XOAUTH2 dXNlcj11QHgBYXV0aD1CZWFyZXIgdG9rAQE=\r\n"), S("235 ok\r\n"), C("AUTH LOGIN\r\n"),
           S("334 VXNlcm5hbWU6\r\n"), C("!!notbase64\r\n"), S("535 bad\r\n")});
    EXPECT_EQ(s.values("smtp.auth.challenge"),
              (Strings{"<1896.697170952@postoffice.example.net>", "Username:"}));
    EXPECT_EQ(s.values("smtp.auth.digest"), (Strings{"0123456789abcdef"}));
    EXPECT_EQ(s.values("smtp.auth.token"), (Strings{"tok"}));
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"bob", "u@x", "!!notbase64"}));
    EXPECT_EQ(s.count("smtp.base64_decode"), 1u);
}

TEST(SmtpSession, StarttlsTurnsTheRestIntoTls) {
    Session s;
    s.run({S("220 x\r\n"), C("EHLO a\r\n"), S("250-x\r\n250 STARTTLS\r\n"), C("STARTTLS\r\n"),
           S("220 2.0.0 Ready to start TLS\r\n"), C(std::string("\x16\x03\x01\x00\x05hello", 10)),
           S(std::string("\x16\x03\x03\x00\x02hi", 7)), C("QUIT\r\n")});
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"EHLO", "STARTTLS"}));
    EXPECT_EQ(s.count("smtp.tls_data"), 3u);
    EXPECT_EQ(s.frames[5].protocol, "TLS");
    EXPECT_EQ(s.frames[5].info, "Encrypted data (TLS after STARTTLS), 10 bytes");
    EXPECT_EQ(s.count("smtp.starttls"), 1u);
    EXPECT_TRUE(s.dissector().parser()->server_tls());
}

TEST(SmtpSession, StarttlsRefusedStaysSmtp) {
    Session s;
    s.run({S("220 x\r\n"), C("STARTTLS\r\n"), S("454 4.7.0 TLS not available\r\n"), C("QUIT\r\n"), S("221 bye\r\n")});
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"STARTTLS", "QUIT"}));
    EXPECT_EQ(s.count("smtp.tls_data"), 0u);
}

TEST(SmtpSession, LineExpertsAndDataAfterQuit) {
    Session s;
    s.run({S("220 x\r\n"), C("NOOP " + std::string(1200, 'a') + "\r\n"), S("250 ok\n"), C("NOOP\rX\r\n"),
           S("250 ok\r\n"), C("QUIT\r\nNOOP\r\n")});
    EXPECT_EQ(s.count("smtp.line_too_long"), 1u);
    EXPECT_EQ(s.count("smtp.bare_lf"), 1u);
    EXPECT_EQ(s.count("smtp.bare_cr"), 1u);
    EXPECT_EQ(s.count("smtp.data_after_quit"), 1u);
}

TEST(SmtpSession, OverlongLineTruncatedAtTheLimit) {
    Session s;
    s.limits.max_line_length = 64;
    s.run({S("220 x\r\n"), C("NOOP " + std::string(500, 'b') + "\r\nQUIT\r\n")});
    EXPECT_EQ(s.count("smtp.line_truncated"), 1u);
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"NOOP", "QUIT"}));
    EXPECT_EQ(s.values("smtp.req.parameter")[0].size(), 59u);
}

TEST(SmtpSession, MessageNeverEnded) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\n"), S("250 ok\r\n"), C("RCPT TO:<c@d>\r\n"), S("250 ok\r\n"),
           C("DATA\r\n"), S("354 go\r\n"), C("partial body\r\n")});
    s.end(Dir::ToServer);
    EXPECT_EQ(s.count("smtp.message.unterminated"), 1u);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_TRUE(s.messages[0].ended);
    EXPECT_FALSE(s.messages[0].complete);
    EXPECT_EQ(s.messages[0].bytes, "partial body\r\n");
}

TEST(SmtpSession, LargeMessageHandedOnInPieces) {
    Session s;
    s.limits.max_decoded_bytes = 1000;
    std::string body;
    for (int i = 0; i < 100; ++i) body += "line " + std::to_string(i) + " of the message body\r\n";
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\n"), S("250 ok\r\n"), C("RCPT TO:<c@d>\r\n"), S("250 ok\r\n"),
           C("DATA\r\n"), S("354 go\r\n")});
    s.send(Dir::ToServer, body + ".\r\n", 700);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, body);
    EXPECT_EQ(s.count("smtp.message.too_big"), 1u);
    EXPECT_EQ(s.count("smtp.data.message"), 0u);
    EXPECT_EQ(s.values("smtp.data.message.length"), (Strings{std::to_string(body.size())}));
}

TEST(SmtpSession, NodeRangesPointIntoFrameOrReassembledSource) {
    Session s;
    s.deliver(Dir::ToClient, "220 x\r\n");
    s.deliver(Dir::ToServer, "NOOP\r\nMAIL FR");
    // The MAIL line spans two segments: a reassembled source holds it.
    s.deliver(Dir::ToServer, "OM:<a@b>\r\n");
    const auto& ctx = s.ctx;
    ASSERT_EQ(ctx.sources.size(), 2u);
    EXPECT_EQ(ctx.sources[1].name, "Reassembled SMTP (17 bytes)");
    const auto& reg = ms::FieldRegistry::global();
    bool found = false;
    for (uint32_t i = 1; i < ctx.tree.size(); ++i) {
        const auto& n = ctx.tree.node(i);
        if (std::string_view(reg.def(n.field).abbrev) == "smtp.req.parameter") {
            EXPECT_EQ(n.range.source, 1);
            EXPECT_EQ(n.range.offset, 5u);
            EXPECT_EQ(n.range.length, 10u);
            found = true;
        }
    }
    EXPECT_TRUE(found);
    // In the previous frame, NOOP sat at offset 0 of the frame itself.
    Session t;
    t.deliver(Dir::ToServer, "NOOP\r\nRSET\r\n");
    for (uint32_t i = 1; i < t.ctx.tree.size(); ++i) {
        const auto& n = t.ctx.tree.node(i);
        if (std::string_view(reg.def(n.field).abbrev) == "smtp.req.command" && t.ctx.tree.value_text(i) == "RSET") {
            EXPECT_EQ(n.range.source, 0);
            EXPECT_EQ(n.range.offset, 6u);
            EXPECT_EQ(n.range.length, 4u);
        }
    }
}

// ---- BDAT ------------------------------------------------------------------

std::vector<Step> bdat_session(const std::string& chunk1, const std::string& chunk2) {
    return {S("220 x\r\n"), C("EHLO a\r\n"), S("250-x\r\n250 CHUNKING\r\n"), C("MAIL FROM:<a@b>\r\n"), S("250 ok\r\n"),
            C("RCPT TO:<c@d>\r\n"), S("250 ok\r\n"),
            C("BDAT " + std::to_string(chunk1.size()) + "\r\n" + chunk1 + "BDAT " + std::to_string(chunk2.size()) +
              " LAST\r\n" + chunk2 + "QUIT\r\n"),
            S("250 2.0.0 chunk\r\n250 2.0.0 queued\r\n221 bye\r\n")};
}

TEST(SmtpSession, BdatChunksAnySplit) {
    // Chunk contents that would end DATA or look like commands stay content.
    const std::string c1 = "Subject: x\r\n\r\n.\r\nQUIT\r\n", c2 = "..dots stay\r\n";
    auto steps = bdat_session(c1, c2);
    Session whole;
    whole.run(steps);
    ASSERT_EQ(whole.messages.size(), 1u);
    EXPECT_TRUE(whole.messages[0].chunked);
    EXPECT_EQ(whole.messages[0].bytes, c1 + c2);
    EXPECT_TRUE(whole.messages[0].complete);
    EXPECT_EQ(whole.values("smtp.req.command"), (Strings{"EHLO", "MAIL", "RCPT", "BDAT", "BDAT", "QUIT"}));
    EXPECT_EQ(whole.values("smtp.bdat.size"), (Strings{std::to_string(c1.size()), std::to_string(c2.size())}));
    EXPECT_EQ(whole.values("smtp.bdat.last"), (Strings{"0", "1"}));
    EXPECT_EQ(whole.values("smtp.response_to"), (Strings{"2", "4", "6", "8", "8", "8"}));
    for (std::size_t chunk = 1; chunk <= 13; ++chunk) {
        Session s;
        s.run(steps, chunk);
        ASSERT_EQ(s.messages.size(), 1u) << chunk;
        EXPECT_EQ(s.messages[0].bytes, c1 + c2) << chunk;
        EXPECT_EQ(s.values(kStable), whole.values(kStable)) << chunk;
    }
}

TEST(SmtpSession, BdatZeroLast) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 5\r\nhelloBDAT 0 LAST\r\nQUIT\r\n")});
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "hello");
    EXPECT_TRUE(s.messages[0].complete);
    EXPECT_EQ(s.values("smtp.req.command").back(), "QUIT");
}

TEST(SmtpSession, BdatHostileSizesContinueAsCommands) {
    for (const char* bad : {"-5", "18446744073709551617", "9223372036854775809", "abc", "", "12 LAST junk"}) {
        Session s;
        s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT " + std::string(bad) + "\r\nNOOP\r\n")});
        EXPECT_EQ(s.count("smtp.bdat.bad_size"), 1u) << bad;
        EXPECT_EQ(s.values("smtp.req.command"), (Strings{"MAIL", "RCPT", "BDAT", "NOOP"})) << bad;
        EXPECT_EQ(s.count("smtp.bdat.size"), 0u) << bad;
    }
}

TEST(SmtpSession, BdatHugeSizeStreamsWithoutHolding) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 9223372036854775808 LAST\r\n")});
    s.send(Dir::ToServer, std::string(5000, 'x'), 1000);
    EXPECT_EQ(s.values("smtp.bdat.size"), (Strings{"9223372036854775808"}));
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes.size(), 5000u);
    EXPECT_EQ(s.frames.back().info, "C: DATA fragment, 1000 bytes");
    s.end(Dir::ToServer);
    EXPECT_EQ(s.count("smtp.message.unterminated"), 1u);
}

// ---- gaps ------------------------------------------------------------------

TEST(SmtpSession, GapInCommandsSkipsPartialLine) {
    Session s;
    s.send(Dir::ToClient, "220 x\r\n");
    s.send(Dir::ToServer, "NOOP\r\nMAIL FR");
    s.gap(Dir::ToServer, 10);
    s.send(Dir::ToServer, "b.c>\r\nRSET\r\n");
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"NOOP", "RSET"}));
    EXPECT_EQ(s.count("smtp.gap"), 1u);
    EXPECT_EQ(s.count("smtp.gap.partial_line"), 1u);
    EXPECT_TRUE(s.has_label("10 bytes at stream offset 13, parsing resumes at offset 23"));
}

TEST(SmtpSession, GapInDataResyncsOnTheReply) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\n"), S("250 ok\r\n"), C("RCPT TO:<c@d>\r\n"), S("250 ok\r\n"),
           C("DATA\r\n"), S("354 go\r\n"), C("first part\r\n")});
    s.gap(Dir::ToServer, 100);  // the rest of the body and the final dot are lost
    s.send(Dir::ToClient, "250 2.0.0 queued\r\n");
    s.send(Dir::ToServer, "QUIT\r\n");
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"MAIL", "RCPT", "DATA", "QUIT"}));
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_FALSE(s.messages[0].complete);
    EXPECT_EQ(s.messages[0].bytes, "first part\r\n");
    EXPECT_GE(s.count("smtp.gap"), 2u);
}

TEST(SmtpSession, GapInDataFindsTheDotWhenItIsThere) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n"), C("abc\r\n")});
    s.gap(Dir::ToServer, 50);
    s.send(Dir::ToServer, "tail\r\n.\r\nQUIT\r\n");
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"MAIL", "RCPT", "DATA", "QUIT"}));
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "abc\r\ntail\r\n");
}

TEST(SmtpSession, GapInBdatChunk) {
    Session s;
    s.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 20 LAST\r\n0123456789")});
    s.gap(Dir::ToServer, 5);
    s.send(Dir::ToServer, "ABCDEQUIT\r\n");
    EXPECT_EQ(s.values("smtp.req.command"), (Strings{"MAIL", "RCPT", "BDAT", "QUIT"}));
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "0123456789ABCDE");
    // A gap past the chunk's end: resume with commands after the next line end.
    Session t;
    t.run({S("220 x\r\n"), C("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nBDAT 10\r\n01234")});
    t.gap(Dir::ToServer, 12);
    t.send(Dir::ToServer, "T\r\nRSET\r\n");
    EXPECT_EQ(t.values("smtp.req.command"), (Strings{"MAIL", "RCPT", "BDAT", "RSET"}));
}

TEST(SmtpSession, ServerGapForgetsPendingRequests) {
    Session s;
    s.run({S("220 x\r\n"), C("NOOP\r\nNOOP\r\n"), S("250 o")});
    s.gap(Dir::ToClient, 20);
    s.send(Dir::ToClient, "k\r\n");
    s.send(Dir::ToServer, "RSET\r\n");
    s.send(Dir::ToClient, "250 reset\r\n");
    EXPECT_EQ(s.values("smtp.response.code"), (Strings{"220", "250"}));
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"6"}));  // RSET's reply; the NOOPs' were lost
    EXPECT_EQ(s.dissector().parser()->pending(), 0u);
}

// ---- split invariance ------------------------------------------------------

// Reply codes with the repeats of a split reply folded together.
Strings collapsed_codes(const Session& s) {
    Strings out;
    for (const auto& c : s.values("smtp.response.code"))
        if (out.empty() || out.back() != c) out.push_back(c);
    return out;
}

TEST(SmtpSession, ReplySplitOverFramesShowsItsCodeInEach) {
    Session s;
    s.run({S("220 x\r\n"), C("EHLO a\r\n"), S("250-x\r\n"), S("250 CHUNKING\r\n")});
    EXPECT_EQ(s.values("smtp.response.code"), (Strings{"220", "250", "250"}));
    EXPECT_EQ(s.values("smtp.ehlo.extension"), (Strings{"CHUNKING"}));
    EXPECT_EQ(s.values("smtp.response_to"), (Strings{"2"}));
}

TEST(SmtpSession, OneByteAtATimeGivesTheSameFields) {
    std::vector<Step> steps = kBasic;
    steps.insert(steps.begin() + 2, C("AUTH LOGIN\r\n"));
    steps.insert(steps.begin() + 3, S("334 VXNlcm5hbWU6\r\n"));
    steps.insert(steps.begin() + 4, C("Ym9i\r\n"));
    steps.insert(steps.begin() + 5, S("334 UGFzc3dvcmQ6\r\n"));
    steps.insert(steps.begin() + 6, C("c2VjcmV0\r\n"));
    steps.insert(steps.begin() + 7, S("235 ok\r\n"));
    Session whole;
    whole.run(steps);
    Session bytes;
    bytes.run(steps, 1);
    EXPECT_GT(whole.values(kStable).size(), 30u);
    EXPECT_EQ(bytes.values(kStable), whole.values(kStable));
    EXPECT_EQ(collapsed_codes(bytes), collapsed_codes(whole));
    EXPECT_EQ(bytes.values("smtp.response_to").size(), whole.values("smtp.response_to").size());
    ASSERT_EQ(bytes.messages.size(), 1u);
    EXPECT_EQ(bytes.messages[0].bytes, whole.messages[0].bytes);
    for (std::size_t chunk : {2u, 3u, 5u, 7u, 11u}) {
        Session s;
        s.run(steps, chunk);
        EXPECT_EQ(s.values(kStable), whole.values(kStable)) << chunk;
        EXPECT_EQ(collapsed_codes(s), collapsed_codes(whole)) << chunk;
        ASSERT_EQ(s.messages.size(), 1u);
        EXPECT_EQ(s.messages[0].bytes, whole.messages[0].bytes) << chunk;
    }
}

}  // namespace
