// Analyze > Session Dialogue: the Qt-free dialogue builder on crafted SMTP,
// POP3 and IMAP sessions (cut into segments anywhere, the turns stay the
// same), the command explanations, the state summary, the bounds on hostile
// input, and the dialog opened through the real main window on a sample.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

#include "dissectors/core/field_registry.hpp"
#include "ui/command_explanations.hpp"
#include "ui/main_window.hpp"
#include "ui/session_dialog.hpp"
#include "ui/session_dialogue.hpp"
#include "ui/session_summary.hpp"

using namespace ms::ui;

namespace {

// One segment of a crafted session: who sent it, in which frame.
struct Segment {
    bool server;
    uint64_t frame;
    std::string bytes;
};

// Feeds the segments, each cut into pieces of `piece` bytes (0 = whole).
SessionDialogue run(MailProtocol p, const std::vector<Segment>& segs, std::size_t piece = 0) {
    DialogueBuilder b(p);
    for (const auto& s : segs) {
        std::string_view rest = s.bytes;
        while (!rest.empty()) {
            std::size_t n = piece ? std::min(piece, rest.size()) : rest.size();
            b.feed(s.server, s.frame, rest.substr(0, n));
            rest.remove_prefix(n);
        }
    }
    return b.finish();
}

// Every turn as one comparable line.
QStringList signature(const SessionDialogue& d) {
    static const char* kinds[] = {"Command", "Sasl", "Reply", "Cont", "Message", "Tls", "Compressed", "Gap"};
    QStringList out;
    for (const auto& t : d.turns) {
        QStringList lines;
        for (const auto& l : t.lines) lines << QString::fromStdString(l);
        out << QString("%1 %2 f%3 [%4] tag=%5 ans=%6 bytes=%7 more=%8 | %9")
                   .arg(t.from_server ? "S" : "C", kinds[int(t.kind)])
                   .arg(t.frame)
                   .arg(QString::fromStdString(t.keyword), QString::fromStdString(t.tag))
                   .arg(t.answers)
                   .arg(t.bytes)
                   .arg(t.more_lines)
                   .arg(lines.join(" / "));
    }
    return out;
}

// The same turns whatever the segmentation: 1..7-byte pieces and 64.
void check_split_invariance(MailProtocol p, const std::vector<Segment>& segs) {
    QStringList whole = signature(run(p, segs));
    for (std::size_t piece : {1, 2, 3, 5, 7, 64}) {
        QStringList cut = signature(run(p, segs, piece));
        if (cut != whole) {
            qWarning() << "piece" << piece << "\nwhole:" << whole << "\ncut:" << cut;
            QFAIL("turns depend on the segmentation");
        }
    }
}

const DialogueTurn* find_turn(const SessionDialogue& d, bool server, const std::string& keyword, int nth = 0) {
    for (const auto& t : d.turns)
        if (t.from_server == server && t.keyword == keyword && nth-- == 0) return &t;
    return nullptr;
}

const std::string kSmtpBody = "Subject: hi\r\n\r\nbody line\r\n..dot-stuffed\r\n";

std::vector<Segment> smtp_pipelined() {
    return {
        {true, 1, "220 mx.example.org ESMTP ready\r\n"},
        {false, 2, "EHLO client.example\r\n"},
        {true, 3, "250-mx.example.org\r\n250-PIPELINING\r\n250 8BITMIME\r\n"},
        // Pipelined: the whole envelope and DATA in one segment.
        {false, 4, "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\n"},
        {true, 5, "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 no such user\r\n354 go ahead\r\n"},
        {false, 6, kSmtpBody},
        {false, 7, ".\r\n"},
        {true, 8, "250 2.0.0 queued\r\n"},
        {false, 9, "QUIT\r\n"},
        {true, 10, "221 bye\r\n"},
    };
}

std::vector<Segment> pop3_retr() {
    return {
        {true, 1, "+OK POP3 ready\r\n"},
        {false, 2, "USER bob\r\n"},
        {true, 3, "+OK\r\n"},
        {false, 4, "PASS secret\r\n"},
        {true, 5, "+OK logged in\r\n"},
        {false, 6, "LIST\r\n"},
        {true, 7, "+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"},
        {false, 8, "RETR 1\r\n"},
        {true, 9, "+OK 35 octets\r\nSubject: x\r\n\r\n..leading dot\r\nend\r\n.\r\n"},
        {false, 10, "QUIT\r\n"},
        {true, 11, "+OK bye\r\n"},
    };
}

std::vector<Segment> imap_literals() {
    return {
        {true, 1, "* OK IMAP4rev1 ready\r\n"},
        {false, 2, "a1 LOGIN {5}\r\n"},
        {true, 3, "+ go ahead\r\n"},
        {false, 4, "alice \"pw\"\r\n"},
        {true, 5, "a1 OK logged in\r\n"},
        {false, 6, "a2 SELECT INBOX\r\n"},
        {true, 7, "* 3 EXISTS\r\na2 OK [READ-WRITE] done\r\n"},
        {false, 8, "a3 UID FETCH 7 BODY[]\r\n"},
        {true, 9, "* 1 FETCH (UID 7 BODY[] {300}\r\n" + std::string(300, 'x') + ")\r\na3 OK done\r\n"},
        {false, 10, "a4 APPEND Sent {310+}\r\n" + std::string(310, 'y') + "\r\n"},
        {true, 11, "a4 OK appended\r\n"},
        {false, 12, "a5 LOGOUT\r\n"},
        {true, 13, "* BYE see you\r\na5 OK bye\r\n"},
    };
}

}  // namespace

class SessionDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }

    void smtpPipeliningTiesRepliesToCommands() {
        auto d = run(MailProtocol::Smtp, smtp_pipelined());
        QStringList kinds;
        for (const auto& t : d.turns) kinds << QString::fromStdString((t.from_server ? "S:" : "C:") + t.keyword);
        QCOMPARE(kinds, QStringList({"S:220", "C:EHLO", "S:250", "C:MAIL", "C:RCPT", "C:RCPT", "C:DATA", "S:250",
                                     "S:250", "S:550", "S:354", "C:", "S:250", "C:QUIT", "S:221"}));
        QCOMPARE(d.turns[2].lines.size(), std::size_t(3));  // the multi-line EHLO reply is one turn
        QCOMPARE(d.turns[2].answers, int64_t(1));
        QCOMPARE(d.turns[7].answers, int64_t(3));   // 250 -> MAIL
        QCOMPARE(d.turns[9].answers, int64_t(5));   // 550 -> second RCPT
        QCOMPARE(d.turns[10].answers, int64_t(6));  // 354 -> DATA
        const DialogueTurn& msg = d.turns[11];
        QCOMPARE(msg.kind, DialogueTurn::Kind::Message);
        QCOMPARE(msg.bytes, uint64_t(kSmtpBody.size()));  // without the "." line
        QCOMPARE(msg.frame, uint64_t(6));
        QCOMPARE(d.turns[12].answers, int64_t(11));  // 250 -> the message
        check_split_invariance(MailProtocol::Smtp, smtp_pipelined());
    }

    void smtpRefusedDataSendsNoMessage() {
        auto d = run(MailProtocol::Smtp, {{true, 1, "220 mx\r\n"},
                                          {false, 2, "MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\n"},
                                          {true, 3, "250 ok\r\n550 no\r\n554 no valid recipients\r\n"},
                                          {false, 4, "RSET\r\n"},
                                          {true, 5, "250 ok\r\n"}});
        QVERIFY(find_turn(d, false, "RSET"));  // a command again, not message text
        for (const auto& t : d.turns) QVERIFY(t.kind != DialogueTurn::Kind::Message);
    }

    void smtpStartTlsAndAuth() {
        std::string hello = "\x16\x03\x01\x00\x05hello";
        auto d = run(MailProtocol::Smtp, {{true, 1, "220 mx ESMTP\r\n"},
                                          {false, 2, "EHLO me\r\n"},
                                          {true, 3, "250 mx\r\n"},
                                          {false, 4, "AUTH LOGIN\r\n"},
                                          {true, 5, "334 VXNlcm5hbWU6\r\n"},
                                          {false, 6, "Ym9i\r\n"},
                                          {true, 7, "334 UGFzc3dvcmQ6\r\n"},
                                          {false, 8, "c2VjcmV0\r\n"},
                                          {true, 9, "535 5.7.8 bad credentials\r\n"},
                                          {false, 10, "STARTTLS\r\n"},
                                          {true, 11, "220 2.0.0 go ahead\r\n"},
                                          {false, 12, hello},
                                          {false, 13, hello},
                                          {true, 14, hello}});
        QCOMPARE(d.turns[5].kind, DialogueTurn::Kind::SaslResponse);
        QCOMPARE(d.turns[7].kind, DialogueTurn::Kind::SaslResponse);
        QCOMPARE(d.turns[8].answers, int64_t(3));  // 535 -> AUTH
        const auto& tail = d.turns;
        QCOMPARE(tail[tail.size() - 2].kind, DialogueTurn::Kind::Tls);
        QCOMPARE(tail[tail.size() - 2].bytes, uint64_t(2 * hello.size()));  // one turn per flight
        QCOMPARE(tail.back().kind, DialogueTurn::Kind::Tls);
        QVERIFY(tail.back().from_server);
        auto s = summarize(d);
        QCOMPARE(s.user, std::string("bob"));
        QCOMPARE(s.login, Verdict::Refused);
        QVERIFY(s.password_in_clear);
        QVERIFY(s.tls);
        QCOMPARE(s.helo_name, std::string("me"));
    }

    void smtpSummaryHasTheEnvelope() {
        auto d = run(MailProtocol::Smtp, smtp_pipelined());
        auto s = summarize(d);
        QCOMPARE(s.greeting_host, std::string("mx.example.org"));
        QCOMPARE(s.helo_name, std::string("client.example"));
        QCOMPARE(s.envelopes.size(), std::size_t(1));
        const Envelope& e = s.envelopes[0];
        QCOMPARE(e.from, std::string("a@example.org"));
        QCOMPARE(e.from_verdict, Verdict::Accepted);
        QCOMPARE(e.to.size(), std::size_t(2));
        QCOMPARE(e.to[0].address, std::string("b@example.org"));
        QCOMPARE(e.to[0].verdict, Verdict::Accepted);
        QCOMPARE(e.to[1].verdict, Verdict::Refused);
        QVERIFY(e.message_sent);
        QCOMPARE(e.message_bytes, uint64_t(kSmtpBody.size()));
        QVERIFY(!s.tls);
        QVERIFY(!s.login_attempted);
    }

    void smtpAuthPlainInitialResponse() {
        auto d = run(MailProtocol::Smtp, {{true, 1, "220 mx\r\n"},
                                          {false, 2, "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"},
                                          {true, 3, "235 2.7.0 Authentication successful\r\n"}});
        auto s = summarize(d);
        QCOMPARE(s.user, std::string("alice"));
        QCOMPARE(s.login, Verdict::Accepted);
        QCOMPARE(s.login_method, std::string("AUTH PLAIN"));
    }

    void pop3RetrBodyIsOneMessageTurn() {
        auto d = run(MailProtocol::Pop3, pop3_retr());
        const DialogueTurn* list = find_turn(d, true, "+OK", 3);
        QVERIFY(list);
        QCOMPARE(list->lines.size(), std::size_t(3));  // status and two listing lines, no "."
        const DialogueTurn* retr_ok = find_turn(d, true, "+OK", 4);
        QVERIFY(retr_ok);
        QCOMPARE(retr_ok->lines.size(), std::size_t(1));
        std::size_t i = std::size_t(retr_ok - d.turns.data());
        QCOMPARE(d.turns[i + 1].kind, DialogueTurn::Kind::Message);
        QVERIFY(d.turns[i + 1].from_server);
        QCOMPARE(d.turns[i + 1].bytes, uint64_t(std::string("Subject: x\r\n\r\n..leading dot\r\nend\r\n").size()));
        QVERIFY(find_turn(d, false, "QUIT"));  // back to commands after the body
        check_split_invariance(MailProtocol::Pop3, pop3_retr());

        auto s = summarize(d);
        QCOMPARE(s.user, std::string("bob"));
        QCOMPARE(s.login_method, std::string("USER/PASS"));
        QCOMPARE(s.login, Verdict::Accepted);
        QVERIFY(s.password_in_clear);
        QCOMPARE(s.messages, uint64_t(1));
    }

    void imapLiteralsInlineOrCollapsed() {
        auto d = run(MailProtocol::Imap, imap_literals());
        const DialogueTurn* login = find_turn(d, false, "LOGIN");
        QVERIFY(login);
        QCOMPARE(login->lines.front(), std::string("a1 LOGIN {5}alice \"pw\""));  // small literal inline
        QCOMPARE(login->tag, std::string("a1"));
        const DialogueTurn* fetch = find_turn(d, true, "FETCH");
        QVERIFY(fetch && fetch->untagged);
        std::size_t i = std::size_t(fetch - d.turns.data());
        QCOMPARE(d.turns[i + 1].kind, DialogueTurn::Kind::Message);
        QCOMPARE(d.turns[i + 1].bytes, uint64_t(300));
        QCOMPARE(d.turns[i + 2].kind, DialogueTurn::Kind::Continuation);
        QCOMPARE(d.turns[i + 2].lines.front(), std::string(")"));
        const DialogueTurn* fetch_ok = find_turn(d, true, "OK", 3);  // * OK, a1 OK, a2 OK, a3 OK
        QVERIFY(fetch_ok);
        QCOMPARE(find_turn(d, false, "UID FETCH") - d.turns.data(), fetch_ok[0].answers);
        const DialogueTurn* append = find_turn(d, false, "APPEND");
        QVERIFY(append);
        std::size_t a = std::size_t(append - d.turns.data());
        QCOMPARE(d.turns[a + 1].kind, DialogueTurn::Kind::Message);
        QCOMPARE(d.turns[a + 1].bytes, uint64_t(310));
        QCOMPARE(d.turns[a + 2].keyword, std::string("OK"));  // the empty rest of the line is not a turn
        QCOMPARE(d.turns[a + 2].answers, int64_t(a));
        QVERIFY(login < find_turn(d, true, "+"));  // sent before the server's "+", listed before it
        check_split_invariance(MailProtocol::Imap, imap_literals());
        // A short literal with line breaks is a message, not line text.
        auto small = run(MailProtocol::Imap, {{false, 1, "a6 APPEND x {14}\r\nSubject: a\r\n\r\n\r\n"}});
        QCOMPARE(small.turns.size(), std::size_t(2));
        QCOMPARE(small.turns[0].lines.front(), std::string("a6 APPEND x {14}"));
        QCOMPARE(small.turns[1].kind, DialogueTurn::Kind::Message);
        QCOMPARE(small.turns[1].bytes, uint64_t(14));

        auto s = summarize(d);
        QCOMPARE(s.user, std::string("alice"));
        QCOMPARE(s.login, Verdict::Accepted);
        QCOMPARE(s.mailbox, std::string("INBOX"));
        QVERIFY(!s.mailbox_read_only);
        QCOMPARE(s.messages, uint64_t(2));
    }

    void detectsTheProtocol() {
        FollowedStream f;
        f.server = "10.0.0.1:2000";
        f.chunks.push_back({true, 1, "* OK", false});
        f.chunks.push_back({true, 2, " ready\r\n", false});
        QCOMPARE(detect_protocol(f), MailProtocol::Imap);
        f.chunks = {{true, 1, "+OK hi\r\n", false}};
        QCOMPARE(detect_protocol(f), MailProtocol::Pop3);
        f.chunks = {{true, 1, "220 mx\r\n", false}};
        QCOMPARE(detect_protocol(f), MailProtocol::Smtp);
        f.chunks.clear();
        f.server = "[::1]:995";
        QCOMPARE(detect_protocol(f), MailProtocol::Pop3);
        f.server = "10.0.0.1:2000";
        QCOMPARE(detect_protocol(f), MailProtocol::Unknown);
    }

    void explainsCommandsAndReplies() {
        QVERIFY(std::string(explain_command(MailProtocol::Smtp, "rcpt")).find("recipient") != std::string::npos);
        for (const char* v : {"HELO", "EHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP", "QUIT", "VRFY", "EXPN",
                              "STARTTLS", "AUTH", "HELP"})
            QVERIFY2(!explain_command(MailProtocol::Smtp, v).empty(), v);
        for (const char* v : {"USER", "PASS", "APOP", "AUTH", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT",
                              "TOP", "UIDL", "CAPA", "STLS"})
            QVERIFY2(!explain_command(MailProtocol::Pop3, v).empty(), v);
        for (const char* v : {"CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "SELECT", "EXAMINE",
                              "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS",
                              "APPEND", "CHECK", "CLOSE", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID",
                              "IDLE", "ENABLE", "NAMESPACE", "ID", "COMPRESS"})
            QVERIFY2(!explain_command(MailProtocol::Imap, v).empty(), v);
        QVERIFY(explain_command(MailProtocol::Smtp, "XYZZY").empty());
        QVERIFY(explain_command(MailProtocol::Unknown, "QUIT").empty());
        QVERIFY(explain_reply(MailProtocol::Smtp, "250").starts_with("2xx"));
        QVERIFY(explain_reply(MailProtocol::Smtp, "250").find("250: Requested mail action okay") != std::string::npos);
        QVERIFY(explain_reply(MailProtocol::Smtp, "451").starts_with("4xx"));
        QVERIFY(explain_reply(MailProtocol::Smtp, "599").starts_with("5xx"));
        QVERIFY(explain_reply(MailProtocol::Smtp, "25").empty());
        QVERIFY(explain_reply(MailProtocol::Smtp, "650").empty());
        for (const char* r : {"+OK", "-ERR", "+"}) QVERIFY2(!explain_reply(MailProtocol::Pop3, r).empty(), r);
        for (const char* r : {"OK", "NO", "BAD", "BYE", "PREAUTH", "+"})
            QVERIFY2(!explain_reply(MailProtocol::Imap, r).empty(), r);
        // A turn: UID FETCH explains both words; untagged data says so.
        DialogueTurn t;
        t.keyword = "UID FETCH";
        std::string both = explain_turn(MailProtocol::Imap, t);
        QVERIFY(both.starts_with("UID:") && both.find("FETCH:") != std::string::npos);
        t.kind = DialogueTurn::Kind::Reply;
        t.untagged = true;
        t.keyword = "EXISTS";
        QVERIFY(explain_turn(MailProtocol::Imap, t).find("EXISTS") != std::string::npos);
    }

    void hostileInputIsBounded() {
        // Millions of commands would be millions of turns: capped and counted.
        std::string noops;
        for (int i = 0; i < 20000; ++i) noops += "NOOP\r\n";
        auto d = run(MailProtocol::Smtp, {{true, 1, "220 mx\r\n"}, {false, 2, noops}});
        QCOMPARE(d.turns.size(), SessionDialogue::kMaxTurns);
        QCOMPARE(d.omitted_turns, uint64_t(20001 - SessionDialogue::kMaxTurns));
        // One endless line and one endless multi-line reply.
        std::string reply;
        for (int i = 0; i < 10000; ++i) reply += "250-x\r\n";
        d = run(MailProtocol::Smtp, {{true, 1, reply + "250 end\r\n"}, {false, 2, std::string(1 << 20, 'A') + "\r\n"}});
        QCOMPARE(d.turns.size(), std::size_t(2));
        QCOMPARE(d.turns[0].lines.size(), SessionDialogue::kMaxLinesPerTurn);
        QCOMPARE(d.turns[0].more_lines, uint64_t(10001 - SessionDialogue::kMaxLinesPerTurn));
        QCOMPARE(d.turns[1].lines.front().size(), SessionDialogue::kMaxLineChars);
        QVERIFY(d.turns[1].line_cut);
        // A literal claiming 19 digits of bytes is counted, not stored.
        d = run(MailProtocol::Imap, {{false, 1, "a1 APPEND x {9999999999999999999}\r\n" + std::string(1000, 'z')}});
        QCOMPARE(d.turns.back().kind, DialogueTurn::Kind::Message);
        QCOMPARE(d.turns.back().bytes, uint64_t(1000));
    }

    void samplesReadAsDialogues() {
        auto dialogue = [](const char* name, uint64_t stream) {
            FollowedStream f;
            std::string err;
            std::string path = std::string(MAILSCOPE_SOURCE_DIR "/samples/") + name + ".pcap";
            if (!follow_tcp_stream(path, stream, f, err)) qWarning() << err.c_str();
            return build_dialogue(f);
        };
        auto tls = summarize(dialogue("smtp-starttls", 0));
        QVERIFY(tls.tls);
        auto cram = summarize(dialogue("smtp-submission-auth", 2));
        QCOMPARE(cram.user, std::string("alice"));
        QCOMPARE(cram.login_method, std::string("AUTH CRAM-MD5"));
        auto imap = dialogue("imap-dovecot", 2);
        QCOMPARE(imap.protocol, MailProtocol::Imap);
        auto s = summarize(imap);
        QCOMPARE(s.mailbox, std::string("INBOX"));
        QVERIFY(s.mailbox_read_only);
        QCOMPARE(s.user, std::string("alice"));
        QCOMPARE(s.login_method, std::string("AUTHENTICATE PLAIN"));
        QCOMPARE(s.login, Verdict::Accepted);
        // APPEND with a synchronizing literal: the command comes before the server's "+".
        auto append = dialogue("imap-dovecot", 1);
        const DialogueTurn* cmd = find_turn(append, false, "APPEND");
        const DialogueTurn* go_ahead = find_turn(append, true, "+");
        QVERIFY(cmd && go_ahead && cmd < go_ahead);
        QCOMPARE(go_ahead[1].kind, DialogueTurn::Kind::Message);  // then the literal, collapsed
        QVERIFY(!go_ahead[1].from_server);
    }

    void dialogOnTheSampleThroughTheMainWindow() {
        auto* win = new MainWindow;
        win->show();
        QSignalSpy loaded(win, &MainWindow::loadFinished);
        win->openFile(QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap"));
        QVERIFY(loaded.wait(60000));
        QVERIFY(win->selectFrameAndWait(1));
        SessionDialog* dlg = win->openSessionDialogueAndWait();
        QVERIFY(dlg);
        QCOMPARE(dlg->dialogue().protocol, MailProtocol::Smtp);
        QListWidget* list = dlg->turnList();
        QListWidgetItem* ehlo = nullptr;
        QListWidgetItem* ok250 = nullptr;
        for (int r = 0; r < list->count(); ++r) {
            QListWidgetItem* it = list->item(r);
            if (!ehlo && it->text().startsWith("ehlo ", Qt::CaseInsensitive)) ehlo = it;
            if (!ok250 && it->text().startsWith("250")) ok250 = it;
        }
        QVERIFY(ehlo);
        QVERIFY2(ehlo->toolTip().contains("EHLO: the client names itself"), qPrintable(ehlo->toolTip()));
        QVERIFY(ehlo->textAlignment() & Qt::AlignLeft);
        QVERIFY(ok250);
        QVERIFY(ok250->toolTip().contains("2xx"));
        QVERIFY(ok250->textAlignment() & Qt::AlignRight);
        QVERIFY(dlg->summaryText().contains("HELO/EHLO: client.example.test"));
        QVERIFY(dlg->summaryText().contains("Greeting: mail.example.test"));
        // Double-clicking a turn asks for its frame.
        QSignalSpy go(dlg, &SessionDialog::goToFrame);
        emit list->itemDoubleClicked(ehlo);
        QCOMPARE(go.count(), 1);
        QVERIFY(go.at(0).at(0).toULongLong() > 1);
        dlg->close();
        delete win;
    }
};

QTEST_MAIN(SessionDialogTest)
#include "test_session_dialog.moc"
