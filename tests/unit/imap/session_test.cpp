// Crafted IMAP sessions through the stream dissector: every construct, the
// session state, literals at every split, hostile sizes, gaps, STARTTLS and
// COMPRESS=DEFLATE.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "dissectors/imap/imap_protocol.hpp"
#include "imap_harness.hpp"

namespace {

using namespace ms;
using namespace ms::imap::test;
using V = std::vector<std::string>;

Chunk C(std::string s) { return Chunk{Dir::ToServer, std::move(s)}; }
Chunk S(std::string s) { return Chunk{Dir::ToClient, std::move(s)}; }

// Every field value in order, minus what depends on how bytes were split.
V field_values(const Harness& h) {
    V out;
    for (const auto& f : h.frames()) {
        for (const auto& [name, value] : f.fields) {
            if (name == "imap.literal.data" || name == "imap.compressed" || name == "imap.decompressed.length" ||
                name == "imap" || name == "imap.isrequest")
                continue;
            out.push_back(name + "=" + value);
        }
    }
    return out;
}

const std::vector<Chunk> kLoginSession = {
    S("* OK [CAPABILITY IMAP4rev1 STARTTLS LITERAL+] ready\r\n"),
    C("a1 LOGIN alice \"won\\\"der\"\r\n"),
    S("* CAPABILITY IMAP4rev1 IDLE\r\na1 OK [CAPABILITY IMAP4rev1] Logged in\r\n"),
    C("a2 SELECT INBOX\r\n"),
    S("* FLAGS (\\Answered \\Seen)\r\n* OK [PERMANENTFLAGS (\\Seen \\*)] ok\r\n* 6 EXISTS\r\n* 2 RECENT\r\n"
      "* OK [UIDVALIDITY 1795394791] UIDs valid\r\n* OK [UIDNEXT 7] next\r\na2 OK [READ-WRITE] Select completed\r\n"),
    C("a3 UID FETCH 1:* (FLAGS)\r\n"),
    S("* 1 FETCH (UID 4 FLAGS (\\Seen))\r\na3 OK done\r\n"),
    C("a4 EXAMINE \"Donn&AOk-es re&AOc-ues\"\r\n"),
    S("a4 OK [READ-ONLY] done\r\n"),
    C("a5 CLOSE\r\n"),
    S("a5 OK closed\r\n"),
    C("a6 LOGOUT\r\n"),
    S("* BYE bye\r\na6 OK out\r\n"),
};

TEST(ImapSession, RequestsResponsesAndState) {
    Harness h;
    h.feed_all(kLoginSession);
    EXPECT_EQ(h.all("imap.request_tag"), (V{"a1", "a2", "a3", "a4", "a5", "a6"}));
    EXPECT_EQ(h.all("imap.request.command"), (V{"LOGIN", "SELECT", "FETCH", "EXAMINE", "CLOSE", "LOGOUT"}));
    EXPECT_EQ(h.all("imap.request.command.uid"), (V{"1"}));
    EXPECT_EQ(h.all("imap.request.username"), (V{"alice"}));
    EXPECT_EQ(h.all("imap.request.password"), (V{"won\"der"}));
    EXPECT_EQ(h.all("imap.request.folder"), (V{"INBOX", "Donn\xC3\xA9" "es re\xC3\xA7" "ues"}));
    EXPECT_EQ(h.all("imap.mailbox.utf7"), (V{"Donn&AOk-es re&AOc-ues"}));
    V tags = h.all("imap.response_tag");
    EXPECT_EQ(tags.front(), "*");
    EXPECT_EQ(h.all("imap.response.status"),
              (V{"OK", "OK", "OK", "OK", "OK", "OK", "OK", "OK", "OK", "BYE", "OK"}));
    // Tagged responses name the frame of their request.
    EXPECT_EQ(h.all("imap.response_to"), (V{"2", "4", "6", "8", "10", "12"}));
    EXPECT_EQ(h.all("imap.time").size(), 6u);
    // State shown on each request, as it stood when sent (0 not auth, 1 auth, 2 selected).
    V requests_state;
    for (const auto& f : h.frames())
        if (f.has("imap.request_tag")) requests_state.push_back(f.values("imap.session.state").at(0));
    EXPECT_EQ(requests_state, (V{"0", "1", "2", "2", "2", "1"}));
    EXPECT_EQ(h.all("imap.session.mailbox").back(), "Donn\xC3\xA9" "es re\xC3\xA7" "ues");
    EXPECT_EQ(h.all("imap.session.read_only").back(), "1");
    EXPECT_EQ(h.dissector().parser()->state(), imap::SessionState::Logout);
    // Untagged data and response codes.
    EXPECT_EQ(h.all("imap.flag"), (V{"\\Answered", "\\Seen", "\\Seen"}));
    EXPECT_EQ(h.all("imap.response.code.permanentflag"), (V{"\\Seen", "\\*"}));
    EXPECT_EQ(h.all("imap.exists"), (V{"6"}));
    EXPECT_EQ(h.all("imap.recent"), (V{"2"}));
    EXPECT_EQ(h.all("imap.response.code.uidvalidity"), (V{"1795394791"}));
    EXPECT_EQ(h.all("imap.response.code.uidnext"), (V{"7"}));
    EXPECT_EQ(h.all("imap.fetch.uid"), (V{"4"}));
    EXPECT_EQ(h.all("imap.capability"), (V{"IMAP4rev1", "STARTTLS", "LITERAL+", "IMAP4rev1", "IDLE", "IMAP4rev1"}));
    // LOGIN in cleartext while STARTTLS was on offer.
    EXPECT_EQ(h.count_expert("imap.cleartext_login"), 1);
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 0);
    // Columns.
    EXPECT_EQ(h.frames()[1].info, "Request: a1 LOGIN alice \"won\\\"der\"");
    EXPECT_EQ(h.frames()[4].info, "Response: a2 OK [READ-WRITE] Select completed");
    EXPECT_EQ(h.frames()[1].protocol, "IMAP");
}

TEST(ImapSession, ExpertsForProtocolErrors) {
    Harness h;
    h.feed_all({
        S("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi\r\n"),
        C("t1 SELECT INBOX\r\n"),                 // not valid before login
        C("t1 NOOP\r\n"),                         // t1 still in flight
        C("t2 FROBNICATE x\r\n"),                 // unknown
        S("t1 NO [TRYCREATE] no\r\nt1 OK noop\r\nt2 BAD what\r\nzz OK stray\r\n"),
        C("t3 LOGIN bob secret\r\n"),             // LOGINDISABLED advertised
        S("t3 NO [PRIVACYREQUIRED] no\r\n"),
    });
    EXPECT_EQ(h.count_expert("imap.request.bad_state"), 1);
    EXPECT_EQ(h.count_expert("imap.tag_reused"), 1);
    EXPECT_EQ(h.count_expert("imap.request.unknown"), 1);
    EXPECT_EQ(h.count_expert("imap.response.no"), 2);
    EXPECT_EQ(h.count_expert("imap.response.bad"), 1);
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 1);
    EXPECT_EQ(h.count_expert("imap.login_disabled"), 1);
    EXPECT_EQ(h.all("imap.response.code"), (V{"CAPABILITY", "TRYCREATE", "PRIVACYREQUIRED"}));
    EXPECT_EQ(h.dissector().parser()->state(), imap::SessionState::NotAuthenticated);
}

// A command with literals and a FETCH whose body holds lines that look like
// IMAP: split in two at every byte, the same fields come out, and the body
// reaches the message layer intact.
const std::string kBody =
    "Subject: look-alikes\r\n\r\na001 LOGOUT\r\n* 3 EXISTS\r\n{12}\r\nA9 OK fake\r\n";

std::vector<Chunk> literal_session() {
    return {
        S("* OK hi\r\n"),
        C("A1 LOGIN {5}\r\nalice {10+}\r\nwonderland\r\n"),
        S("A1 OK in\r\n"),
        C("A2 SELECT INBOX\r\n"),
        S("A2 OK sel\r\n"),
        C("A3 FETCH 5 (BODY[] BODY[HEADER.FIELDS (SUBJECT)])\r\n"),
        S("* 5 FETCH (UID 9 BODY[] {" + std::to_string(kBody.size()) + "}\r\n" + kBody +
          " BODY[HEADER.FIELDS (SUBJECT)] {24}\r\nSubject: look-alikes\r\n\r\n)\r\nA3 OK done\r\n"),
    };
}

TEST(ImapSession, LiteralsAreDataNotCommands) {
    Harness h;
    h.feed_all(literal_session());
    EXPECT_EQ(h.all("imap.request_tag"), (V{"A1", "A2", "A3"}));
    EXPECT_EQ(h.all("imap.request.command"), (V{"LOGIN", "SELECT", "FETCH"}));
    EXPECT_EQ(h.all("imap.response_tag"), (V{"*", "A1", "A2", "*", "A3"}));
    EXPECT_EQ(h.all("imap.request.username"), (V{"alice"}));
    EXPECT_EQ(h.all("imap.request.password"), (V{"wonderland"}));
    EXPECT_EQ(h.all("imap.literal.non_synchronizing"), (V{"1"}));
    EXPECT_EQ(h.all("imap.fetch.uid"), (V{"9"}));
    EXPECT_EQ(h.all("imap.fetch.section"), (V{"BODY[]", "BODY[HEADER.FIELDS (SUBJECT)]"}));
    EXPECT_EQ(h.all("imap.fetch.data"), (V{"Subject: look-alikes\r\n\r\n"}));
    ASSERT_EQ(h.carried().messages.size(), 1u);
    const auto& m = h.carried().messages[0];
    EXPECT_EQ(m.bytes, kBody);
    EXPECT_EQ(m.dir, Dir::ToClient);
    EXPECT_TRUE(m.ended);
    EXPECT_TRUE(m.complete);
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 0);
    EXPECT_EQ(h.all("imap.message.length"), (V{std::to_string(kBody.size())}));
}

TEST(ImapSession, AnySplitGivesTheSameFields) {
    Harness whole;
    whole.feed_all(literal_session());
    const V want = field_values(whole);
    // One chunk at a time is split at every byte into two deliveries.
    const auto chunks = literal_session();
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        for (std::size_t cut = 1; cut < chunks[c].bytes.size(); ++cut) {
            Harness h;
            for (std::size_t k = 0; k < chunks.size(); ++k) {
                if (k != c) {
                    h.feed(chunks[k]);
                    continue;
                }
                // Same frame number for both halves, as TCP would deliver one segment late.
                h.feed(Chunk{chunks[k].dir, chunks[k].bytes}, cut);
            }
            ASSERT_EQ(field_values(h), want) << "chunk " << c << " cut at " << cut;
            ASSERT_EQ(h.carried().messages.size(), 1u);
            ASSERT_EQ(h.carried().messages[0].bytes, kBody);
        }
    }
    Harness bytewise;
    bytewise.feed_all(chunks, 1);
    EXPECT_EQ(field_values(bytewise), want);
}

TEST(ImapSession, AppendLiteralIsCarried) {
    const std::string msg = "From: a@b\r\nSubject: x\r\n\r\nb1 DELETE INBOX\r\n";
    Harness h;
    h.feed_all({
        S("* PREAUTH ready\r\n"),
        C("b1 APPEND \"Sent\" (\\Seen \\Draft) \"06-Nov-2023 10:00:00 +0000\" {" + std::to_string(msg.size()) + "}\r\n"),
        S("+ go ahead\r\n"),
        C(msg),
        C("\r\n"),
        S("b1 OK [APPENDUID 38505 3955] done\r\n"),
    });
    EXPECT_EQ(h.all("imap.request.command"), (V{"APPEND"}));
    EXPECT_EQ(h.all("imap.request.folder"), (V{"Sent"}));
    EXPECT_EQ(h.all("imap.flag"), (V{"\\Seen", "\\Draft"}));
    EXPECT_EQ(h.all("imap.request.date"), (V{"06-Nov-2023 10:00:00 +0000"}));
    EXPECT_EQ(h.all("imap.continuation"), (V{"go ahead"}));
    EXPECT_EQ(h.all("imap.response.code.argument"), (V{"38505", "3955"}));
    ASSERT_EQ(h.carried().messages.size(), 1u);
    EXPECT_EQ(h.carried().messages[0].bytes, msg);
    EXPECT_EQ(h.carried().messages[0].dir, Dir::ToServer);
    EXPECT_TRUE(h.carried().messages[0].complete);
    // PREAUTH greeting: the APPEND was valid (authenticated state).
    EXPECT_EQ(h.count_expert("imap.request.bad_state"), 0);
    EXPECT_EQ(h.all("imap.response.command").back(), "APPEND");
}

TEST(ImapSession, RejectedSynchronizingLiteralIsNeverSent) {
    Harness h;
    h.feed_all({
        S("* PREAUTH hi\r\n"),
        C("c1 APPEND Nowhere {100}\r\n"),
        S("c1 NO [TRYCREATE] no such mailbox\r\n"),
        C("c2 NOOP\r\n"),
        S("c2 OK noop\r\n"),
    });
    EXPECT_EQ(h.all("imap.request.command"), (V{"APPEND", "NOOP"}));
    EXPECT_EQ(h.count_expert("imap.literal.not_sent"), 1);
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 0);
    ASSERT_EQ(h.carried().messages.size(), 1u);
    EXPECT_FALSE(h.carried().messages[0].complete);
}

long rss_kib() {
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * 4;
}

TEST(ImapSession, HugeLiteralCostsNoMemory) {
    Harness h;
    h.keep_message_bytes(false);
    h.feed_all({S("* PREAUTH hi\r\n"), C("d1 APPEND INBOX {4294967295}\r\n"), S("+ go\r\n")});
    EXPECT_TRUE(h.dissector().parser()->in_literal(Dir::ToServer));
    EXPECT_EQ(h.count_expert("imap.literal.over_32bit"), 0);
    // 256 MiB of literal, including lines that look like commands.
    std::string block(1 << 20, 'x');
    for (std::size_t i = 0; i + 16 < block.size(); i += 4096) block.replace(i, 15, "\r\nd9 LOGOUT\r\n\r\n");
    FrameContext& ctx = h.ctx();
    std::vector<uint8_t> bytes(block.begin(), block.end());
    const long before = rss_kib();
    uint64_t off = h.offset(Dir::ToServer);
    for (int i = 0; i < 256; ++i) {
        ctx.begin_frame(bytes);
        ctx.pinfo.number = 100 + i;
        h.dissector().on_data(ctx, StreamData{Dir::ToServer, off, bytes, 0, uint64_t(100 + i)});
        off += bytes.size();
    }
    const long grown = rss_kib() - before;
    EXPECT_LT(grown, 32 * 1024) << "RSS grew by " << grown << " KiB";
    EXPECT_TRUE(h.dissector().parser()->in_literal(Dir::ToServer));
    EXPECT_EQ(h.dissector().parser()->pending(), 1u);  // no d9 LOGOUT was seen
    ctx.begin_frame({});
    ctx.pinfo.number = 999;
    h.dissector().on_end(ctx, Dir::ToServer, EndReason::Fin);
    ASSERT_EQ(h.carried().messages.size(), 1u);
    ASSERT_EQ(block.size(), 1u << 20);
    EXPECT_EQ(h.carried().messages[0].size, 256u << 20);
    EXPECT_FALSE(h.carried().messages[0].complete);
    // The cut literal is reported on the end frame.
    bool cut = false;
    for (uint32_t i = 1; i < ctx.tree.size(); ++i)
        if (ctx.tree.node(i).field == imap_experts::id(imap_experts::literal_cut)) cut = true;
    EXPECT_TRUE(cut);
}

TEST(ImapSession, OutOfRangeLiteralSizes) {
    Harness h;
    h.feed_all({
        S("* PREAUTH hi\r\n"),
        C("e1 APPEND INBOX {18446744073709551615}\r\n"),
        C("e2 NOOP\r\n"),
        C("e3 APPEND INBOX {18446744073709551616}\r\n"),
        C("e4 NOOP\r\n"),
        C("e5 APPEND INBOX {99999999999999999999999999999999}\r\n"),
        C("e6 NOOP\r\n"),
        C("e7 APPEND INBOX {4294967296}\r\n"),
        C("e8 NOOP\r\n"),
    });
    // The bad sizes frame nothing: the next line is a command again.
    EXPECT_EQ(h.all("imap.request_tag"), (V{"e1", "e2", "e3", "e4", "e5", "e6", "e7"}));
    EXPECT_EQ(h.count_expert("imap.literal.bad_size"), 3);
    EXPECT_EQ(h.count_expert("imap.literal.over_32bit"), 1);
    EXPECT_TRUE(h.dissector().parser()->in_literal(Dir::ToServer));  // e7's 2^32 bytes swallow "e8 NOOP"
    EXPECT_EQ(h.all("imap.literal.size"),
              (V{"18446744073709551615", "0", "0", "4294967296"}));
}

TEST(ImapSession, LiteralCutByTheEnd) {
    Harness h;
    h.feed_all({S("* OK hi\r\n"), C("f1 LOGIN {10}\r\nbob"), });
    h.end();
    EXPECT_EQ(h.count_expert("imap.literal.cut"), 1);
}

TEST(ImapSession, AuthenticatePlainAndIdle) {
    Harness h;
    h.feed_all({
        S("* OK hi\r\n"),
        C("g1 AUTHENTICATE PLAIN\r\n"),
        S("+ \r\n"),
        C("AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"),
        S("g1 OK in\r\n"),
        C("g2 AUTHENTICATE LOGIN\r\n"),
        S("+ VXNlcm5hbWU6\r\n"),
        C("Ym9i\r\n"),
        S("+ UGFzc3dvcmQ6\r\n"),
        C("YnVpbGRlcg==\r\n"),
        S("g2 OK in\r\n"),
        C("g3 IDLE\r\n"),
        S("+ idling\r\n* 7 EXISTS\r\n"),
        C("DONE\r\n"),
        S("g3 OK idle done\r\n"),
        C("g4 AUTHENTICATE PLAIN AGJvYgBidWlsZGVy\r\n"),
        S("g4 OK in\r\n"),
    });
    EXPECT_EQ(h.all("imap.request.username"), (V{"alice", "bob", "bob"}));
    EXPECT_EQ(h.all("imap.request.password"), (V{"wonderland", "builder", "builder"}));
    EXPECT_EQ(h.all("imap.auth.challenge"), (V{"Username:", "Password:"}));
    EXPECT_EQ(h.all("imap.request.mechanism"), (V{"PLAIN", "LOGIN", "PLAIN"}));
    EXPECT_EQ(h.all("imap.request.command"), (V{"AUTHENTICATE", "AUTHENTICATE", "IDLE", "DONE", "AUTHENTICATE"}));
    EXPECT_EQ(h.all("imap.request_tag"), (V{"g1", "g2", "g3", "g4"}));
    EXPECT_EQ(h.all("imap.exists"), (V{"7"}));
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 0);
}

TEST(ImapSession, EnvelopeBodystructureListStatus) {
    Harness h;
    h.feed_all({
        S("* PREAUTH hi\r\n"),
        C("h1 LIST \"\" *\r\n"),
        S("* LIST (\\HasNoChildren \\Sent) \"/\" \"Donn&AOk-es re&AOc-ues\"\r\n"
          "* LIST (\\Noselect) NIL {5}\r\nTrash\r\nh1 OK listed\r\n"),
        C("h2 STATUS INBOX (MESSAGES UIDNEXT UNSEEN)\r\n"),
        S("* STATUS INBOX (MESSAGES 6 UIDNEXT 7 UNSEEN 2)\r\nh2 OK st\r\n"),
        C("h3 SELECT INBOX\r\n"),
        S("h3 OK sel\r\n"),
        C("h4 FETCH 1 (ENVELOPE BODYSTRUCTURE RFC822.SIZE INTERNALDATE)\r\n"),
        S("* 1 FETCH (RFC822.SIZE 2048 INTERNALDATE \"06-Nov-2023 10:00:00 +0000\" ENVELOPE (\"Mon, 6 Nov 2023\" "
          "{13}\r\nHello \"there\" ((\"Alice A\" NIL \"alice\" \"example.test\")) NIL NIL "
          "((NIL NIL \"bob\" \"example.test\")(NIL NIL \"carol\" \"example.test\")) NIL NIL NIL \"<m1@x>\") "
          "BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1 NIL NIL NIL)"
          "(\"application\" \"pdf\" (\"name\" \"a.pdf\") NIL NIL \"base64\" 4000 NIL (\"attachment\" (\"filename\" \"a.pdf\")) NIL) "
          "\"mixed\" (\"boundary\" \"xx\") NIL NIL))\r\nh4 OK f\r\n"),
        C("h5 SEARCH SUBJECT \"hello\"\r\n"),
        S("* SEARCH 1 4 9\r\nh5 OK s\r\n"),
    });
    EXPECT_EQ(h.all("imap.list.attribute"), (V{"\\HasNoChildren", "\\Sent", "\\Noselect"}));
    EXPECT_EQ(h.all("imap.list.delimiter"), (V{"/"}));
    EXPECT_EQ(h.all("imap.list.mailbox"), (V{"Donn\xC3\xA9" "es re\xC3\xA7" "ues", "Trash"}));
    EXPECT_EQ(h.all("imap.status.messages"), (V{"6"}));
    EXPECT_EQ(h.all("imap.status.uidnext"), (V{"7"}));
    EXPECT_EQ(h.all("imap.status.unseen"), (V{"2"}));
    EXPECT_EQ(h.all("imap.request.status_item"), (V{"MESSAGES", "UIDNEXT", "UNSEEN"}));
    EXPECT_EQ(h.all("imap.fetch.rfc822_size"), (V{"2048"}));
    EXPECT_EQ(h.all("imap.fetch.internaldate"), (V{"06-Nov-2023 10:00:00 +0000"}));
    EXPECT_EQ(h.all("imap.envelope.date"), (V{"Mon, 6 Nov 2023"}));
    EXPECT_EQ(h.all("imap.envelope.subject"), (V{"Hello \"there\""}));
    EXPECT_EQ(h.all("imap.envelope.from"), (V{"Alice A <alice@example.test>"}));
    EXPECT_EQ(h.all("imap.envelope.to"), (V{"bob@example.test", "carol@example.test"}));
    EXPECT_EQ(h.all("imap.envelope.message_id"), (V{"<m1@x>"}));
    EXPECT_EQ(h.all("imap.bodystructure.part"), (V{"multipart/mixed", "text/plain", "application/pdf"}));
    EXPECT_EQ(h.all("imap.bodystructure.encoding"), (V{"7bit", "base64"}));
    EXPECT_EQ(h.all("imap.bodystructure.size"), (V{"12", "4000"}));
    EXPECT_EQ(h.all("imap.bodystructure.lines"), (V{"1"}));
    EXPECT_EQ(h.all("imap.bodystructure.param"), (V{"charset=us-ascii", "name=a.pdf"}));
    EXPECT_EQ(h.all("imap.bodystructure.disposition"), (V{"attachment"}));
    EXPECT_EQ(h.all("imap.search.result"), (V{"1", "4", "9"}));
    EXPECT_EQ(h.all("imap.request.search_key"), (V{"SUBJECT", "hello"}));
    EXPECT_EQ(h.count_expert("imap.malformed"), 0);
}

TEST(ImapSession, StarttlsThenTls) {
    Harness h;
    h.feed_all({
        S("* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n"),
        C("s1 STARTTLS\r\n"),
        S("s1 OK Begin TLS negotiation now\r\n\x16\x03\x03\x00\x05hello"),
        C(std::string("\x16\x03\x01\x00\x10s2 LOGIN a b\r\n", 20)),
        S("\x17\x03\x03\x00\x02zz"),
    });
    EXPECT_EQ(h.all("imap.request_tag"), (V{"s1"}));
    EXPECT_EQ(h.dissector().parser()->mode(Dir::ToServer), imap::ImapParser::Mode::Tls);
    EXPECT_EQ(h.count_expert("imap.starttls"), 1);
    EXPECT_EQ(h.all("imap.tls_data").size(), 3u);
    EXPECT_EQ(h.frames()[3].protocol, "TLS");
    EXPECT_EQ(h.frames()[2].protocol, "IMAP");
}

TEST(ImapSession, GapInsideLiteralAndInsideLine) {
    Harness h;
    h.feed(S("* PREAUTH hi\r\n"));
    h.feed(C("k1 APPEND INBOX {20}\r\n0123456789"));
    h.gap(Dir::ToServer, 5);
    h.feed(C("abcde\r\nk2 NOOP\r\n"));
    h.feed(S("k1 OK a\r\nk2 OK"));
    h.gap(Dir::ToClient, 4);
    h.feed(S("tail\r\n* 3 EXISTS\r\n"));
    EXPECT_EQ(h.all("imap.request_tag"), (V{"k1", "k2"}));
    ASSERT_EQ(h.carried().messages.size(), 1u);
    EXPECT_EQ(h.carried().messages[0].bytes, "0123456789abcde");
    EXPECT_FALSE(h.carried().messages[0].complete);
    EXPECT_EQ(h.count_expert("imap.gap"), 2);
    EXPECT_EQ(h.count_expert("imap.gap.resync"), 1);
    EXPECT_EQ(h.all("imap.exists"), (V{"3"}));
}

// Raw deflate with a sync flush after each piece, as RFC 4978 clients do.
class Deflater {
public:
    Deflater() { deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY); }
    ~Deflater() { deflateEnd(&z_); }
    std::string operator()(const std::string& in) {
        std::string out(in.size() + 256, '\0');
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        z_.avail_in = uInt(in.size());
        z_.next_out = reinterpret_cast<Bytef*>(out.data());
        z_.avail_out = uInt(out.size());
        deflate(&z_, Z_SYNC_FLUSH);
        out.resize(out.size() - z_.avail_out);
        return out;
    }

private:
    z_stream z_{};
};

std::vector<Chunk> compressed_session() {
    Deflater c, s;
    return {
        S("* OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] hi\r\n"),
        C("z1 LOGIN alice secret\r\n"),
        S("z1 OK in\r\n"),
        C("z2 COMPRESS DEFLATE\r\n"),
        S("z2 OK Begin compression\r\n" + s("* CAPABILITY IMAP4rev1\r\n")),
        C(c("z3 SELECT INBOX\r\n")),
        S(s("* 2 EXISTS\r\nz3 OK [READ-WRITE] sel\r\n")),
        C(c("z4 FETCH 1 BODY.PEEK[]\r\n")),
        S(s("* 1 FETCH (BODY[] {19}\r\nz9 LOGOUT\r\nabcdefgh)\r\n")),
        S(s("z4 OK f\r\n")),
        C(c("z5 LOGOUT\r\n")),
        S(s("* BYE\r\nz5 OK out\r\n")),
    };
}

TEST(ImapSession, CompressDeflateIsInflated) {
    Harness h;
    h.feed_all(compressed_session());
    EXPECT_EQ(h.all("imap.request_tag"), (V{"z1", "z2", "z3", "z4", "z5"}));
    EXPECT_EQ(h.all("imap.request.command"), (V{"LOGIN", "COMPRESS", "SELECT", "FETCH", "LOGOUT"}));
    EXPECT_EQ(h.all("imap.response.status"), (V{"OK", "OK", "OK", "OK", "OK", "BYE", "OK"}));
    EXPECT_EQ(h.all("imap.capability"), (V{"IMAP4rev1", "COMPRESS=DEFLATE", "IMAP4rev1"}));
    EXPECT_EQ(h.count_expert("imap.compress"), 1);
    EXPECT_EQ(h.count_expert("imap.compress.error"), 0);
    ASSERT_EQ(h.carried().messages.size(), 1u);
    EXPECT_EQ(h.carried().messages[0].bytes, "z9 LOGOUT\r\nabcdefgh");
    // Inflated lines point into their own data source.
    bool source = false;
    for (const auto& f : h.frames())
        for (const auto& s : f.sources) source = source || s.rfind("Decompressed IMAP (", 0) == 0;
    EXPECT_TRUE(source);
    EXPECT_EQ(h.dissector().parser()->mode(Dir::ToClient), imap::ImapParser::Mode::Deflate);

    Harness bytewise;
    bytewise.feed_all(compressed_session(), 1);
    EXPECT_EQ(field_values(bytewise), field_values(h));
}

TEST(ImapSession, CorruptDeflateStream) {
    Harness h;
    h.feed_all({
        S("* PREAUTH hi\r\n"),
        C("z2 COMPRESS DEFLATE\r\n"),
        S("z2 OK go\r\n"),
        C(std::string("\xff\xff\xff\xff garbage", 12)),
        C("more"),
    });
    EXPECT_EQ(h.count_expert("imap.compress.error"), 1);
    EXPECT_EQ(h.dissector().parser()->mode(Dir::ToServer), imap::ImapParser::Mode::Broken);
    // The inflated part, the rest of that delivery, and the next one.
    EXPECT_EQ(h.all("imap.compressed").size(), 3u);
}

TEST(ImapSession, DeflateOutputLimit) {
    Harness h;
    Deflater c;
    h.feed_all({S("* PREAUTH hi\r\n"), C("z2 COMPRESS DEFLATE\r\n"), S("z2 OK go\r\n")});
    // 2 MiB of one line inflated from a few KiB, against a 1 MiB limit.
    const std::string big = "z3 NOOP " + std::string(2 << 20, 'a') + "\r\n";
    h.ctx().limits = nullptr;
    Limits small;
    small.max_decoded_bytes = 1 << 20;
    // A fresh dissector picks the limits up at its first delivery.
    Harness h2;
    h2.ctx().limits = &small;
    h2.feed_all({S("* PREAUTH hi\r\n"), C("z2 COMPRESS DEFLATE\r\n"), S("z2 OK go\r\n"), C(c(big)), C(c("z4 NOOP\r\n"))});
    EXPECT_EQ(h2.count_expert("imap.compress.limit"), 1);
    // The stream stays in step: the next command is decoded.
    EXPECT_EQ(h2.all("imap.request_tag").back(), "z4");
}

TEST(ImapProtocol, DetectionAndRegistration) {
    const std::string greet = "* OK IMAP4rev1 ready\r\n", pre = "* PREAUTH hi\r\n", smtp = "220 mx ESMTP\r\n";
    auto span = [](const std::string& s) { return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s.data()), s.size()); };
    EXPECT_TRUE(imap::looks_like(Dir::ToClient, span(greet)));
    EXPECT_TRUE(imap::looks_like(Dir::ToClient, span(pre)));
    EXPECT_FALSE(imap::looks_like(Dir::ToClient, span(smtp)));
    EXPECT_FALSE(imap::looks_like(Dir::ToServer, span(greet)));
    AppProtocol p = imap::app_protocol();
    EXPECT_STREQ(p.name, "imap");
    EXPECT_EQ(p.ports, (std::vector<uint16_t>{143}));
    ASSERT_NE(p.create, nullptr);
    EXPECT_NE(p.create(ConnectionInfo{0, 143, 50000}), nullptr);
    FieldRegistry& reg = FieldRegistry::mutable_global();
    imap::register_fields(reg);
    imap::register_fields(reg);  // idempotent
    EXPECT_NE(reg.find("imap.request.command"), kNoField);
    EXPECT_NE(reg.find("imap.response_to"), kNoField);
    EXPECT_NE(reg.find("imap.literal.over_32bit"), kNoField);
}

}  // namespace

namespace {

// Hostile input: random bytes in random splits, in both directions, with
// gaps, must neither crash nor lose the thread: a clean command after it is
// still decoded.
TEST(ImapSession, GarbageThenRecovery) {
    uint32_t seed = 12345;
    auto rnd = [&]() { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    for (int round = 0; round < 200; ++round) {
        Harness h;
        h.feed(S("* OK hi\r\n"));
        for (int k = 0; k < 20; ++k) {
            std::string junk;
            const int n = int(rnd() % 200);
            for (int i = 0; i < n; ++i) {
                const char pick[] = "()\"\\[]<> *+~ aZ09\r\n\x01\x80NIL";
                char c = char(rnd() % 3 == 0 ? rnd() % 256 : pick[rnd() % (sizeof pick - 1)]);
                if (c == '{') c = '(';  // literals would legitimately swallow the recovery line
                junk += c;
            }
            const Dir d = rnd() % 2 ? Dir::ToServer : Dir::ToClient;
            h.feed(Chunk{d, junk}, 1 + rnd() % 7);
            if (rnd() % 10 == 0) h.gap(d, 1 + rnd() % 50);
        }
        // Whatever state the garbage left, STARTTLS/COMPRESS may have been
        // "accepted" only with a tagged OK to a matching command; skip those rounds.
        if (h.dissector().parser()->mode(Dir::ToServer) != imap::ImapParser::Mode::Plain) continue;
        h.feed(C("\r\nzz1 NOOP\r\n"));
        V tags = h.all("imap.request_tag");
        ASSERT_FALSE(tags.empty());
        EXPECT_EQ(tags.back(), "zz1") << "round " << round;
        h.end();
    }
}

}  // namespace
