// Crafted POP3 sessions through the real dissector: every command and
// response form, multi-line answers split anywhere, byte-stuffing, RETR
// sizes, STLS, gaps, and a non-POP3 protocol on port 110.
#include <gtest/gtest.h>

#include "pop3_harness.hpp"

using namespace pop3_test;
using V = std::vector<std::string>;

namespace {

const std::string kMsg1Wire =
    "Subject: dots\r\n"
    "\r\n"
    "..hidden\r\n"
    "..\r\n"
    "...two\r\n"
    "end\r\n";
const std::string kMsg1 =
    "Subject: dots\r\n"
    "\r\n"
    ".hidden\r\n"
    ".\r\n"
    "..two\r\n"
    "end\r\n";  // 41 octets

std::vector<Step> full_session() {
    return {
        S("+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n"),
        C("CAPA\r\n"),
        S("+OK Capability list follows\r\nTOP\r\nUIDL\r\nSTLS\r\nSASL PLAIN LOGIN\r\n.\r\n"),
        C("USER alice\r\n"),
        S("+OK\r\n"),
        C("PASS wonderland\r\n"),
        S("+OK Logged in.\r\n"),
        C("STAT\r\n"),
        S("+OK 2 " + std::to_string(kMsg1.size() + 5) + "\r\n"),
        C("LIST\r\n"),
        S("+OK 2 messages:\r\n1 " + std::to_string(kMsg1.size()) + "\r\n2 5\r\n.\r\n"),
        C("LIST 2\r\n"),
        S("+OK 2 5\r\n"),
        C("UIDL\r\n"),
        S("+OK\r\n1 uid-one\r\n2 uid-two\r\n.\r\n"),
        C("UIDL 2\r\n"),
        S("+OK 2 uid-two\r\n"),
        C("TOP 1 0\r\n"),
        S("+OK\r\nSubject: dots\r\n\r\n.\r\n"),
        C("RETR 1\r\n"),
        S("+OK " + std::to_string(kMsg1.size()) + " octets\r\n" + kMsg1Wire + ".\r\n"),
        C("DELE 2\r\n"),
        S("+OK Marked to be deleted.\r\n"),
        C("RSET\r\n"),
        S("+OK\r\n"),
        C("DELE 1\r\n"),
        S("+OK Marked to be deleted.\r\n"),
        C("NOOP\r\n"),
        S("+OK\r\n"),
        C("LAST\r\n"),
        S("+OK 1\r\n"),
        C("QUIT\r\n"),
        S("+OK Logging out.\r\n"),
    };
}

// Field values that must not depend on how the bytes were split.
const V kStableFields = {
    "pop.request.command", "pop.request.parameter", "pop.response.indicator", "pop.response.description",
    "pop.msg",             "pop.list.size",         "pop.uidl.uid",           "pop.capa",
    "pop.capa.arg",        "pop.stat.count",        "pop.stat.size",          "pop.user",
    "pop.password",        "pop.mailbox.listed_count", "pop.mailbox.retrieved_count",
    "pop.mailbox.deleted_count", "pop.mailbox.deleted", "pop.message.length", "pop.message.expected_length",
    "pop.state",           "pop.response.code",     "pop.apop.timestamp",     "pop.top.lines",
    "pop.auth.mechanism",  "pop.auth.challenge",    "pop.request.data",
};

V stable_values(const Session& s) {
    V out;
    for (const auto& f : kStableFields)
        for (const auto& v : s.values(f)) out.push_back(f + "=" + v);
    return out;
}

}  // namespace

TEST(Pop3Session, FullSessionFields) {
    Session s;
    s.run(full_session());
    EXPECT_EQ(s.request_list(), (V{"CAPA", "USER", "PASS", "STAT", "LIST", "LIST", "UIDL", "UIDL", "TOP", "RETR",
                                   "DELE", "RSET", "DELE", "NOOP", "LAST", "QUIT"}));
    EXPECT_EQ(s.values("pop.response.indicator").size(), 17u);  // greeting + 16 answers
    EXPECT_EQ(s.values("pop.capa"), (V{"TOP", "UIDL", "STLS", "SASL"}));
    EXPECT_EQ(s.values("pop.capa.arg"), (V{"PLAIN LOGIN"}));
    EXPECT_EQ(s.values("pop.user"), (V{"alice"}));
    EXPECT_EQ(s.values("pop.password"), (V{"wonderland"}));
    EXPECT_EQ(s.values("pop.stat.count"), (V{"2"}));
    EXPECT_EQ(s.values("pop.stat.size"), (V{"46"}));
    EXPECT_EQ(s.values("pop.list.size"), (V{"41", "5", "5"}));
    EXPECT_EQ(s.values("pop.uidl.uid"), (V{"uid-one", "uid-two"}));
    EXPECT_EQ(s.values("pop.top.lines"), (V{"0"}));
    EXPECT_EQ(s.values("pop.apop.timestamp"), (V{"<1896.697170952@dbc.mtview.ca.us>"}));
    // Both TOP and RETR content went to the sink, un-stuffed.
    ASSERT_EQ(s.messages.size(), 2u);
    EXPECT_EQ(s.messages[0].bytes, "Subject: dots\r\n\r\n");
    EXPECT_EQ(s.messages[1].bytes, kMsg1);
    EXPECT_TRUE(s.messages[1].complete);
    EXPECT_TRUE(s.messages[1].parent_stored);
    EXPECT_EQ(s.messages[1].transport, "pop");
    EXPECT_EQ(s.values("pop.message.length"), (V{"17", "41"}));
    EXPECT_EQ(s.values("pop.message.expected_length"), (V{"41"}));
    EXPECT_EQ(s.expert_count("pop.retr.size_mismatch"), 0u);
    // DELE 2 was cancelled by RSET; DELE 1 took effect at QUIT.
    EXPECT_EQ(s.values("pop.mailbox.deleted_count"), (V{"1"}));
    EXPECT_EQ(s.values("pop.mailbox.deleted"), (V{"1"}));
    EXPECT_EQ(s.values("pop.mailbox.retrieved_count"), (V{"1"}));
    EXPECT_EQ(s.values("pop.mailbox.listed_count"), (V{"2"}));
    EXPECT_EQ(s.parser().state(), ms::pop3::SessionState::Update);
    // States: CAPA USER PASS in AUTHORIZATION, the rest in TRANSACTION.
    V states = s.values("pop.state");
    ASSERT_EQ(states.size(), 16u);
    EXPECT_EQ(states[2], "0");
    EXPECT_EQ(states[3], "1");
    // Cleartext PASS after CAPA offered STLS.
    EXPECT_EQ(s.expert_count("pop.cleartext_password"), 1u);
    EXPECT_TRUE(s.has_label("although the server offered STLS"));
    EXPECT_EQ(s.expert_count("pop.request.bad_state"), 0u);
    EXPECT_EQ(s.expert_count("pop.response.error"), 0u);
    EXPECT_TRUE(s.ranges_ok());
}

TEST(Pop3Session, InfoColumnsAndLabels) {
    Session s;
    s.run(full_session());
    EXPECT_EQ(s.frames[0].info, "S: +OK POP3 ready <1896.697170952@dbc.mtview.ca.us>");
    EXPECT_EQ(s.frames[0].protocol, "POP");
    EXPECT_EQ(s.frames[1].info, "C: CAPA");
    EXPECT_EQ(s.frames[19].info, "C: RETR 1");
    EXPECT_EQ(s.frames[20].info, "S: +OK 41 octets");
    EXPECT_TRUE(s.has_label("RETR 1\\r\\n"));
    EXPECT_TRUE(s.has_label("Request command: RETR"));
    EXPECT_TRUE(s.has_label("Response indicator: +OK"));
    EXPECT_TRUE(s.has_label("..hidden\\r\\n"));  // data lines are shown as sent
    EXPECT_TRUE(s.has_label("Message (41 bytes)"));
    // Each answer names its request's frame.
    V to = s.values("pop.response_to");
    ASSERT_EQ(to.size(), 16u);
    EXPECT_EQ(to[0], "2");
    EXPECT_EQ(to.back(), "32");
}

TEST(Pop3Session, OneByteAtATimeGivesTheSameFields) {
    Session whole;
    whole.run(full_session());
    Session bytes;
    bytes.run(full_session(), 1);
    EXPECT_EQ(stable_values(bytes), stable_values(whole));
    EXPECT_EQ(bytes.experts(), whole.experts());
    ASSERT_EQ(bytes.messages.size(), whole.messages.size());
    for (std::size_t i = 0; i < whole.messages.size(); ++i) EXPECT_EQ(bytes.messages[i].bytes, whole.messages[i].bytes);
    EXPECT_TRUE(bytes.ranges_ok());
    // Lines completed in a later delivery point into a reassembled source.
    EXPECT_TRUE(bytes.has_label("RETR 1\\r\\n"));
}

TEST(Pop3Session, MultilineSplitAtEveryByte) {
    const std::string head = "+OK ready\r\n";
    const std::string answers = "+OK 2 messages\r\n1 41\r\n2 5\r\n.\r\n+OK 41 octets\r\n" + kMsg1Wire + ".\r\n+OK bye\r\n";
    Session ref;
    ref.send(ms::Dir::ToClient, head);
    ref.send(ms::Dir::ToServer, "USER a\r\nPASS b\r\n");
    ref.send(ms::Dir::ToClient, "+OK\r\n+OK\r\n");
    ref.send(ms::Dir::ToServer, "LIST\r\nRETR 1\r\nQUIT\r\n");
    ref.send(ms::Dir::ToClient, answers);
    ASSERT_EQ(ref.messages.size(), 1u);
    ASSERT_EQ(ref.messages[0].bytes, kMsg1);
    for (std::size_t cut = 1; cut < answers.size(); ++cut) {
        Session s;
        s.send(ms::Dir::ToClient, head);
        s.send(ms::Dir::ToServer, "USER a\r\nPASS b\r\n");
        s.send(ms::Dir::ToClient, "+OK\r\n+OK\r\n");
        s.send(ms::Dir::ToServer, "LIST\r\nRETR 1\r\nQUIT\r\n");
        s.deliver(ms::Dir::ToClient, answers.substr(0, cut));
        s.deliver(ms::Dir::ToClient, answers.substr(cut));
        ASSERT_EQ(stable_values(s), stable_values(ref)) << "cut at " << cut;
        ASSERT_EQ(s.messages.size(), 1u) << "cut at " << cut;
        EXPECT_EQ(s.messages[0].bytes, kMsg1) << "cut at " << cut;
        EXPECT_TRUE(s.messages[0].complete) << "cut at " << cut;
        EXPECT_FALSE(s.parser().in_multiline()) << "cut at " << cut;
        EXPECT_TRUE(s.ranges_ok()) << "cut at " << cut;
    }
}

TEST(Pop3Session, TerminatorSplitAcrossFeeds) {
    Session s;
    s.send(ms::Dir::ToClient, "+OK\r\n");
    s.send(ms::Dir::ToServer, "USER a\r\nPASS b\r\nRETR 1\r\nNOOP\r\n");
    s.send(ms::Dir::ToClient, "+OK\r\n+OK\r\n+OK\r\nline\r\n");
    s.deliver(ms::Dir::ToClient, ".");
    EXPECT_TRUE(s.parser().in_multiline());
    s.deliver(ms::Dir::ToClient, "\r");
    EXPECT_TRUE(s.parser().in_multiline());
    s.deliver(ms::Dir::ToClient, "\n");
    EXPECT_FALSE(s.parser().in_multiline());
    s.send(ms::Dir::ToClient, "+OK noop\r\n");
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "line\r\n");
    EXPECT_EQ(s.values("pop.response.description").back(), "noop");
}

TEST(Pop3Session, StuffedDotThenCrIsContent) {
    // ".\rx" at a line start: a stuffed dot, then a bare CR that is content.
    Session s;
    s.send(ms::Dir::ToClient, "+OK\r\n");
    s.send(ms::Dir::ToServer, "USER a\r\nPASS b\r\nRETR 1\r\n");
    s.send(ms::Dir::ToClient, "+OK\r\n+OK\r\n+OK\r\na\r\n.");
    s.deliver(ms::Dir::ToClient, "\r");
    s.deliver(ms::Dir::ToClient, "x\r\n.\r\n");
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "a\r\n\rx\r\n");
    EXPECT_FALSE(s.parser().in_multiline());
}

TEST(Pop3Session, RetrSizeMismatch) {
    Session s;
    s.run({S("+OK\r\n"), C("USER a\r\n"), S("+OK\r\n"), C("PASS b\r\n"), S("+OK\r\n"), C("LIST 1\r\n"),
           S("+OK 1 10\r\n"), C("RETR 1\r\n"), S("+OK\r\n0123456789AB\r\n.\r\n")});
    EXPECT_EQ(s.expert_count("pop.retr.size_mismatch"), 1u);
    EXPECT_TRUE(s.has_label("carried 14 octets, LIST said 10"));
    // The +OK line's own figure is used when LIST was not seen.
    Session t;
    t.run({S("+OK\r\n"), C("USER a\r\n"), S("+OK\r\n"), C("PASS b\r\n"), S("+OK\r\n"), C("RETR 1\r\n"),
           S("+OK 3 octets\r\nab\r\n.\r\n")});
    EXPECT_EQ(t.expert_count("pop.retr.size_mismatch"), 1u);
    Session u;
    u.run({S("+OK\r\n"), C("USER a\r\n"), S("+OK\r\n"), C("PASS b\r\n"), S("+OK\r\n"), C("RETR 1\r\n"),
           S("+OK 4 octets\r\nab\r\n.\r\n")});
    EXPECT_EQ(u.expert_count("pop.retr.size_mismatch"), 0u);
}

TEST(Pop3Session, StlsTurnsTheRestIntoTls) {
    Session s;
    s.run({S("+OK ready\r\n"), C("CAPA\r\n"), S("+OK\r\nSTLS\r\n.\r\n"), C("STLS\r\n"),
           S("+OK Begin TLS negotiation now.\r\n")});
    EXPECT_EQ(s.parser().mode(), ms::pop3::Pop3Parser::Mode::Tls);
    EXPECT_EQ(s.expert_count("pop.stls"), 1u);
    const std::size_t before = s.frames.size();
    s.deliver(ms::Dir::ToServer, std::string("\x16\x03\x01\x00\x05hello", 10));
    s.deliver(ms::Dir::ToClient, std::string("\x16\x03\x03\x00\x02USER x\r\n", 13));
    s.deliver(ms::Dir::ToServer, "QUIT\r\n");
    ASSERT_EQ(s.frames.size(), before + 3);
    for (std::size_t i = before; i < s.frames.size(); ++i) {
        const auto& f = s.frames[i];
        EXPECT_EQ(std::count_if(f.fields.begin(), f.fields.end(),
                                [](const std::string& kv) { return kv.rfind("pop.tls_data=", 0) == 0; }),
                  1);
        for (const auto& kv : f.fields) EXPECT_NE(kv.rfind("pop.request", 0), 0u) << kv;
        EXPECT_EQ(f.protocol, "TLS");
    }
    EXPECT_EQ(s.request_list(), (V{"CAPA", "STLS"}));
}

TEST(Pop3Session, StlsBytesInTheSameSegmentAreTls) {
    Session s;
    s.run({S("+OK ready\r\n"), C("STLS\r\n")});
    s.deliver(ms::Dir::ToClient, "+OK go\r\n\x16\x03\x03");
    EXPECT_EQ(s.count("pop.tls_data"), 1u);
    EXPECT_EQ(s.values("pop.response.description"), (V{"ready", "go"}));
}

TEST(Pop3Session, GapInsideRetr) {
    Session s;
    s.run({S("+OK\r\n"), C("USER a\r\n"), S("+OK\r\n"), C("PASS b\r\n"), S("+OK\r\n"), C("RETR 1\r\nNOOP\r\n"),
           S("+OK\r\nfirst line\r\n")});
    s.gap(ms::Dir::ToClient, 100);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_TRUE(s.messages[0].ended);
    EXPECT_FALSE(s.messages[0].complete);
    EXPECT_EQ(s.messages[0].bytes, "first line\r\n");
    EXPECT_EQ(s.expert_count("pop.gap"), 1u);
    // The tail of a lost line, then the terminator, then the NOOP answer.
    s.send(ms::Dir::ToClient, "tail of a line\r\n.\r\n+OK noop\r\n");
    EXPECT_FALSE(s.parser().in_multiline());
    EXPECT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.values("pop.response.description").back(), "noop");
}

TEST(Pop3Session, GapInClientStream) {
    Session s;
    s.run({S("+OK\r\n"), C("USER a\r\nPA")});
    s.gap(ms::Dir::ToServer, 10);
    s.send(ms::Dir::ToServer, "QUIT\r\n");
    EXPECT_EQ(s.expert_count("pop.gap"), 1u);
    EXPECT_EQ(s.request_list(), (V{"USER", "QUIT"}));
}

TEST(Pop3Session, RedisOnPort110IsNotDissected) {
    // The client speaks first with RESP; the server's "+OK" is Redis's.
    Session s;
    s.run({C("*2\r\n$4\r\nAUTH\r\n$4\r\nzeek\r\n"), S("+OK\r\n"), C("*1\r\n$4\r\nPING\r\n"), S("+PONG\r\n")});
    EXPECT_EQ(s.parser().mode(), ms::pop3::Pop3Parser::Mode::NotPop);
    EXPECT_EQ(s.expert_count("pop.not_pop"), 1u);
    EXPECT_EQ(s.count("pop.request"), 0u);
    EXPECT_EQ(s.count("pop.response"), 0u);
    EXPECT_EQ(s.count("pop.not_pop_data"), 4u);  // one per frame
}

TEST(Pop3Session, ServerWithoutGreetingIsNotDissected) {
    Session s;
    s.run({S("SSH-2.0-OpenSSH_9.2\r\n"), C("SSH-2.0-client\r\n"), S("more\r\n")});
    EXPECT_EQ(s.expert_count("pop.not_pop"), 1u);
    EXPECT_EQ(s.count("pop.response"), 0u);
    EXPECT_EQ(s.count("pop.request"), 0u);
    EXPECT_EQ(s.count("pop.not_pop_data"), 3u);
}

TEST(Pop3Session, AuthPlainWithInitialResponse) {
    Session s;
    s.run({S("+OK\r\n"), C("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"), S("+OK Logged in.\r\n"), C("STAT\r\n"),
           S("+OK 0 0\r\n")});
    EXPECT_EQ(s.values("pop.auth.mechanism"), (V{"PLAIN"}));
    EXPECT_EQ(s.values("pop.user"), (V{"alice"}));
    EXPECT_EQ(s.values("pop.password"), (V{"wonderland"}));
    EXPECT_EQ(s.expert_count("pop.cleartext_password"), 1u);
    EXPECT_EQ(s.expert_count("pop.request.bad_state"), 0u);
    EXPECT_EQ(s.parser().state(), ms::pop3::SessionState::Transaction);
}

TEST(Pop3Session, AuthPlainWithContinuation) {
    // Dovecot: "AUTH PLAIN", then "+ " and the credentials on their own line.
    Session s;
    s.run({S("+OK\r\n"), C("AUTH PLAIN\r\n"), S("+ \r\n"), C("AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"), S("+OK Logged in.\r\n"),
           C("LIST\r\n"), S("+OK\r\n.\r\n")});
    EXPECT_EQ(s.request_list(), (V{"AUTH", "AGFsaWNlAHdvbmRlcmxhbmQ=", "LIST"}));
    EXPECT_EQ(s.values("pop.user"), (V{"alice"}));
    EXPECT_EQ(s.values("pop.password"), (V{"wonderland"}));
    EXPECT_EQ(s.values("pop.response.indicator"), (V{"+OK", "+", "+OK", "+OK"}));
    EXPECT_FALSE(s.parser().auth_active());
    EXPECT_EQ(s.parser().state(), ms::pop3::SessionState::Transaction);
    EXPECT_EQ(s.expert_count("pop.response.unmatched"), 0u);
}

TEST(Pop3Session, AuthLoginAndCramMd5) {
    Session s;
    s.run({S("+OK\r\n"), C("AUTH LOGIN\r\n"), S("+ VXNlcm5hbWU6\r\n"), C("Ym9i\r\n"), S("+ UGFzc3dvcmQ6\r\n"),
           C("YnVpbGRlcg==\r\n"), S("+OK\r\n")});
    EXPECT_EQ(s.values("pop.auth.challenge"), (V{"Username:", "Password:"}));
    EXPECT_EQ(s.values("pop.user"), (V{"bob"}));
    EXPECT_EQ(s.values("pop.password"), (V{"builder"}));
    EXPECT_EQ(s.expert_count("pop.cleartext_password"), 1u);

    Session c;
    c.run({S("+OK\r\n"), C("AUTH CRAM-MD5\r\n"), S("+ PDEyMzRAdm0+\r\n"),
           C("YWxpY2UgNjc2NTAwYTM2MDRiZTJiYjJjNmNjOGY1YzNmZWI2NTc=\r\n"), S("+OK\r\n")});
    EXPECT_EQ(c.values("pop.auth.challenge"), (V{"<1234@vm>"}));
    EXPECT_EQ(c.values("pop.user"), (V{"alice"}));
    EXPECT_EQ(c.values("pop.auth.digest"), (V{"676500a3604be2bb2c6cc8f5c3feb657"}));
    EXPECT_EQ(c.expert_count("pop.cleartext_password"), 0u);
}

TEST(Pop3Session, AuthCancelAndMechanismList) {
    Session s;
    s.run({S("+OK\r\n"), C("AUTH\r\n"), S("+OK\r\nPLAIN\r\nCRAM-MD5\r\n.\r\n"), C("AUTH LOGIN\r\n"),
           S("+ VXNlcm5hbWU6\r\n"), C("*\r\n"), S("-ERR [AUTH] cancelled\r\n"), C("QUIT\r\n"), S("+OK\r\n")});
    EXPECT_EQ(s.values("pop.auth.mechanism"), (V{"PLAIN", "CRAM-MD5", "LOGIN"}));
    EXPECT_EQ(s.values("pop.auth.data"), (V{"*"}));
    EXPECT_EQ(s.values("pop.response.code"), (V{"AUTH"}));
    EXPECT_EQ(s.expert_count("pop.response.error"), 1u);
    EXPECT_EQ(s.request_list(), (V{"AUTH", "AUTH", "*", "QUIT"}));
    EXPECT_EQ(s.parser().state(), ms::pop3::SessionState::Authorization);
    // QUIT in AUTHORIZATION: nothing is deleted.
    EXPECT_EQ(s.values("pop.mailbox.deleted_count"), (V{"0"}));
}

TEST(Pop3Session, ApopShowsTimestampAndNote) {
    Session s;
    s.run({S("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"),
           C("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"), S("+OK maildrop has 1 message (369 octets)\r\n")});
    EXPECT_EQ(s.values("pop.user"), (V{"mrose"}));
    EXPECT_EQ(s.values("pop.apop.digest"), (V{"c4c9334bac560ecc979e58001b3e22fb"}));
    // On the greeting and beside the APOP command.
    EXPECT_EQ(s.values("pop.apop.timestamp").size(), 2u);
    EXPECT_EQ(s.expert_count("pop.apop"), 1u);
    EXPECT_EQ(s.expert_count("pop.cleartext_password"), 0u);
    EXPECT_EQ(s.parser().state(), ms::pop3::SessionState::Transaction);
}

TEST(Pop3Session, SequenceExperts) {
    Session s;
    s.run({S("+OK\r\n"), C("PASS secret\r\n"), S("-ERR [IN-USE] no USER\r\n"), C("STAT\r\n"),
           S("-ERR not yet\r\n"), C("XYZZY 1\r\n"), S("-ERR unknown\r\n"), C("USER a\r\n"), S("+OK\r\n"),
           C("PASS b\r\n"), S("+OK\r\n"), C("USER again\r\n"), S("-ERR\r\n"), C("RETR x\r\n"), S("-ERR\r\n")});
    EXPECT_EQ(s.expert_count("pop.request.pass_before_user"), 1u);
    EXPECT_EQ(s.expert_count("pop.cleartext_password"), 2u);
    EXPECT_EQ(s.expert_count("pop.request.bad_state"), 2u);  // STAT before login, USER after
    EXPECT_EQ(s.expert_count("pop.request.unknown"), 1u);
    EXPECT_EQ(s.expert_count("pop.request.bad_argument"), 1u);
    EXPECT_EQ(s.expert_count("pop.response.error"), 5u);
    EXPECT_EQ(s.values("pop.response.code"), (V{"IN-USE"}));
    EXPECT_TRUE(s.has_label("Unknown command: XYZZY"));
    EXPECT_EQ(s.values("pop.request.command")[2], "XYZZY");
}

TEST(Pop3Session, PipelinedCommandsAreNotOutOfState) {
    // USER, PASS and STAT in one segment: STAT's state depends on PASS.
    Session s;
    s.run({S("+OK\r\n"), C("USER a\r\nPASS b\r\nSTAT\r\n"), S("+OK\r\n+OK\r\n+OK 1 10\r\n")});
    EXPECT_EQ(s.expert_count("pop.request.bad_state"), 0u);
    EXPECT_EQ(s.values("pop.stat.count"), (V{"1"}));
    EXPECT_EQ(s.values("pop.response_to"), (V{"2", "2", "2"}));
}

TEST(Pop3Session, LongLinesAndTruncation) {
    Session s;
    s.limits.max_line_length = 1024;
    s.run({S("+OK\r\n"), C("USER " + std::string(600, 'u') + "\r\n"), S("+OK\r\n"),
           C("PASS " + std::string(3000, 'p') + "\r\n"), S("-ERR\r\n")});
    EXPECT_EQ(s.expert_count("pop.line_too_long"), 1u);
    EXPECT_EQ(s.expert_count("pop.line_truncated"), 1u);
    EXPECT_EQ(s.request_list(), (V{"USER", "PASS"}));
    EXPECT_TRUE(s.ranges_ok());
    // A long line inside a RETR body is normal: no 512-octet note.
    Session m;
    m.run({S("+OK\r\n"), C("USER a\r\nPASS b\r\nRETR 1\r\n"),
           S("+OK\r\n+OK\r\n+OK\r\n" + std::string(700, 'x') + "\r\n.\r\n")});
    EXPECT_EQ(m.expert_count("pop.line_too_long"), 0u);
    ASSERT_EQ(m.messages.size(), 1u);
    EXPECT_EQ(m.messages[0].bytes.size(), 702u);
}

TEST(Pop3Session, HugeMessageLineIsStreamedWhole) {
    // Longer than the line limit: still handed to the sink in full.
    Session s;
    const std::string body(20000, 'b');
    s.run({S("+OK\r\n"), C("USER a\r\nPASS b\r\nRETR 1\r\n"), S("+OK\r\n+OK\r\n+OK\r\n" + body + "\r\n.\r\n")}, 1460);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, body + "\r\n");
    EXPECT_EQ(s.values("pop.message.length"), (V{"20002"}));
}

TEST(Pop3Session, UnterminatedMultilineAtEnd) {
    Session s;
    s.run({S("+OK\r\n"), C("USER a\r\nPASS b\r\nRETR 1\r\n"), S("+OK\r\n+OK\r\n+OK\r\npartial\r\nno end")});
    s.end(ms::Dir::ToClient);
    EXPECT_EQ(s.expert_count("pop.response.unterminated"), 1u);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_FALSE(s.messages[0].complete);
    EXPECT_EQ(s.messages[0].bytes, "partial\r\nno end");

    Session l;
    l.run({S("+OK\r\n"), C("CAPA\r\n"), S("+OK\r\nTOP\r\n")});
    l.end(ms::Dir::ToClient);
    EXPECT_EQ(l.expert_count("pop.response.unterminated"), 1u);
}

TEST(Pop3Session, MalformedAndUnmatchedResponses) {
    // Zeek's crafted capture: garbage answers LIST, then an unsolicited listing.
    Session s;
    s.run({S("+OK example.com POP3-Server\r\n"), C("LIST\r\n"), S("GARBAGE (and LIST response missing .)\r\n"),
           S("+OK 2 messages (320 octets)\r\n"), S("1 120\r\n"), C("RETR 1\r\n"), S("+OK message follows\r\n"),
           S("Subject: x\r\n\r\nbody\r\n.\r\n"), C("QUIT\r\n"), S("+OK bye\r\n")});
    EXPECT_EQ(s.expert_count("pop.response.malformed"), 1u);
    EXPECT_EQ(s.expert_count("pop.response.unmatched"), 1u);
    EXPECT_EQ(s.expert_count("pop.response.unexpected"), 1u);
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_EQ(s.messages[0].bytes, "Subject: x\r\n\r\nbody\r\n");
    EXPECT_EQ(s.values("pop.response.description").back(), "bye");
}

TEST(Pop3Session, NoSinkShowsFragmentsAndMessageSource) {
    Session s(false);
    s.run({S("+OK\r\n"), C("USER a\r\nPASS b\r\nRETR 1\r\n"), S("+OK\r\n+OK\r\n+OK\r\nab\r\n"), S("cd\r\n.\r\n")});
    EXPECT_EQ(s.values("pop.data.fragment"), (V{"3", "4"}));
    EXPECT_EQ(s.values("pop.data.fragment.count"), (V{"2"}));
    EXPECT_EQ(s.values("pop.data.reassembled.length"), (V{"11"}));
    EXPECT_EQ(s.values("pop.message.length"), (V{"8"}));
    EXPECT_TRUE(s.has_label("Message (8 bytes)"));
    EXPECT_EQ(s.frames[3].info, "S: DATA fragment, 7 bytes");
}

TEST(Pop3Session, BytesFromEarlierFramesUseAReassembledSource) {
    Session s;
    s.send(ms::Dir::ToClient, "+OK\r\n");
    s.deliver(ms::Dir::ToServer, "NOOP\r\n", false);
    ASSERT_EQ(s.frames.size(), 2u);
    EXPECT_TRUE(s.ranges_ok());
    EXPECT_GE(s.ctx.sources.size(), 2u);
    EXPECT_EQ(s.ctx.sources[1].name, "Reassembled POP (6 bytes)");
}

TEST(Pop3Session, TooManyPendingCommands) {
    Session s;
    s.limits.max_pipelined_commands = 3;
    s.run({S("+OK\r\n"), C("NOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\n")});
    EXPECT_EQ(s.expert_count("pop.pipelining_limit"), 1u);
    EXPECT_EQ(s.parser().pending(), 3u);
}
