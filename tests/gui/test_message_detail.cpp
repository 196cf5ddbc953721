// The Messages panel's detail of the selected message through the real
// MainWindow: the MIME tree, the body (quoted-printable Latin-1 decoded, HTML
// only ever as text), Save All, and the Received path with its checks (on a
// crafted capture: the recorded samples carry no Received headers). Also the
// HTML-to-text sanitizer and the attachment file names on crafted input.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cstring>
#include <string>
#include <vector>

#include "dissectors/core/field_registry.hpp"
#include "ui/attachment_saver.hpp"
#include "ui/html_to_text.hpp"
#include "ui/main_window.hpp"
#include "ui/messages_panel.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSmtp = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

// A classic pcap of one SMTP session over Ethernet/IPv4, with real
// checksums, carrying `message` (CRLF lines, not dot-stuffed) after EHLO `helo`.
class SmtpCapture {
public:
    QByteArray build(const std::string& helo, const std::string& message) {
        out_.clear();
        put32(0xa1b2c3d4), put16(2), put16(4), put32(0), put32(0), put32(65535), put32(1);
        segment(true, 0x02, "");          // SYN
        segment(false, 0x12, "");         // SYN-ACK
        segment(true, 0x10, "");          // ACK
        segment(false, 0x18, "220 mx.example.test ESMTP\r\n");
        segment(true, 0x18, "EHLO " + helo + "\r\n");
        segment(false, 0x18, "250-mx.example.test\r\n250 8BITMIME\r\n");
        segment(true, 0x18, "MAIL FROM:<carol@example.test>\r\n");
        segment(false, 0x18, "250 2.1.0 Ok\r\n");
        segment(true, 0x18, "RCPT TO:<alice@example.test>\r\n");
        segment(false, 0x18, "250 2.1.5 Ok\r\n");
        segment(true, 0x18, "DATA\r\n");
        segment(false, 0x18, "354 End data with <CR><LF>.<CR><LF>\r\n");
        segment(true, 0x18, message + ".\r\n");
        segment(false, 0x18, "250 2.0.0 Ok: queued as AAA\r\n");
        segment(true, 0x18, "QUIT\r\n");
        segment(false, 0x18, "221 2.0.0 Bye\r\n");
        segment(true, 0x11, "");          // FIN
        segment(false, 0x11, "");
        segment(true, 0x10, "");
        return out_;
    }

private:
    void put8(uint8_t v) { out_.append(char(v)); }
    void put16(uint16_t v) { out_.append(reinterpret_cast<const char*>(&v), 2); }  // file header: host order
    void put32(uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), 4); }
    static void be16(std::vector<uint8_t>& b, std::size_t at, uint16_t v) { b[at] = uint8_t(v >> 8), b[at + 1] = uint8_t(v); }
    static void be32(std::vector<uint8_t>& b, std::size_t at, uint32_t v) {
        be16(b, at, uint16_t(v >> 16));
        be16(b, at + 2, uint16_t(v));
    }
    static uint16_t checksum(const uint8_t* p, std::size_t n, uint32_t sum = 0) {
        for (std::size_t i = 0; i + 1 < n; i += 2) sum += uint32_t(p[i] << 8 | p[i + 1]);
        if (n & 1) sum += uint32_t(p[n - 1] << 8);
        while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
        return uint16_t(~sum);
    }

    void segment(bool from_client, uint8_t flags, const std::string& payload) {
        const std::size_t ip_len = 20 + 20 + payload.size();
        std::vector<uint8_t> f(14 + ip_len, 0);
        const uint8_t cmac[6] = {2, 0, 0, 0, 0, 1}, smac[6] = {2, 0, 0, 0, 0, 2};
        std::memcpy(&f[0], from_client ? smac : cmac, 6);
        std::memcpy(&f[6], from_client ? cmac : smac, 6);
        be16(f, 12, 0x0800);
        const uint8_t caddr[4] = {10, 0, 0, 1}, saddr[4] = {10, 0, 0, 2};
        uint8_t* ip = &f[14];
        ip[0] = 0x45;
        be16(f, 16, uint16_t(ip_len));
        be16(f, 18, uint16_t(++ip_id_));
        ip[6] = 0x40;  // DF
        ip[8] = 64;
        ip[9] = 6;
        std::memcpy(ip + 12, from_client ? caddr : saddr, 4);
        std::memcpy(ip + 16, from_client ? saddr : caddr, 4);
        be16(f, 24, checksum(ip, 20));
        const std::size_t t = 34;
        uint32_t& seq = from_client ? cseq_ : sseq_;
        const uint32_t ack = from_client ? sseq_ : cseq_;
        be16(f, t, from_client ? 40000 : 25);
        be16(f, t + 2, from_client ? 25 : 40000);
        be32(f, t + 4, seq);
        be32(f, t + 8, flags == 0x02 ? 0 : ack);
        f[t + 12] = 0x50;
        f[t + 13] = flags;
        be16(f, t + 14, 65535);
        std::memcpy(&f[t + 20], payload.data(), payload.size());
        // The pseudo-header's sum, then the segment's.
        uint32_t pseudo = 0;
        for (int i = 0; i < 8; i += 2) pseudo += uint32_t(ip[12 + i] << 8 | ip[13 + i]);
        pseudo += 6 + uint32_t(20 + payload.size());
        be16(f, t + 16, checksum(&f[t], 20 + payload.size(), pseudo));
        seq += uint32_t(payload.size()) + ((flags & 0x03) ? 1 : 0);  // SYN and FIN count one
        ts_us_ += 10000;
        put32(uint32_t(ts_us_ / 1000000)), put32(uint32_t(ts_us_ % 1000000));
        put32(uint32_t(f.size())), put32(uint32_t(f.size()));
        out_.append(reinterpret_cast<const char*>(f.data()), qsizetype(f.size()));
    }

    QByteArray out_;
    uint32_t cseq_ = 1000, sseq_ = 5000, ip_id_ = 0;
    uint64_t ts_us_ = uint64_t(1699263000) * 1000000;  // Mon, 06 Nov 2023 09:30:00 UTC
};

// Three hops, the first (bottom-most) dated years after the capture, and a
// topmost hop added by another host than the one that said EHLO.
const std::string kRelayed =
    "Received: from relay.example.test (relay.example.test [192.0.2.10])\r\n"
    "\tby mx.example.test (Postfix) with ESMTP id AAA; Mon, 06 Nov 2023 09:29:50 +0000\r\n"
    "Received: from sender.example.test (sender.example.test [192.0.2.20])\r\n"
    "\tby relay.example.test with ESMTPS id BBB; Mon, 06 Nov 2023 09:29:40 +0000\r\n"
    "Received: from client.example.test ([198.51.100.7]) by sender.example.test with ESMTPA id CCC;\r\n"
    "\tTue, 06 Nov 2029 09:29:30 +0000\r\n"
    "From: Carol Example <carol@example.test>\r\n"
    "To: Alice Example <alice@example.test>\r\n"
    "Subject: Relayed three times\r\n"
    "Date: Mon, 06 Nov 2023 09:29:00 +0000\r\n"
    "Message-ID: <relayed.0001@example.test>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<html><head><title>secret title</title><script>alert('x')</script></head>\r\n"
    "<body><p>Three hops&nbsp;away</p></body></html>\r\n";
}  // namespace

class MessageDetailTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }
    void cleanup() {
        delete win_;
        win_ = nullptr;
    }

    void mimeTreeBodyAndSaveAll() {
        QVERIFY(open(kSmtp));
        MessagesPanel* p = win_->messagesPanel();
        QVERIFY(selectAndRead("Quarterly numbers (attachment)"));

        // The multipart with its text part and the CSV.
        QTreeWidget* tree = p->mimeTreeWidget();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* root = tree->topLevelItem(0);
        QCOMPARE(root->text(1), QString("multipart/mixed"));
        QCOMPARE(root->childCount(), 2);
        QCOMPARE(root->child(0)->text(0), QString("1"));
        QCOMPARE(root->child(0)->text(1), QString("text/plain"));
        QCOMPARE(root->child(1)->text(0), QString("2"));
        QCOMPARE(root->child(1)->text(1), QString("text/csv"));
        QCOMPARE(root->child(1)->text(3), QString("base64"));
        QCOMPARE(root->child(1)->text(5), QString("numbers.csv"));
        QCOMPARE(root->child(1)->text(4).toULongLong(), qulonglong(p->message(p->selectedMessage())->summary.attachments[0].size));

        QVERIFY2(p->bodyText().contains("the numbers are attached"), qPrintable(p->bodyText()));
        QVERIFY(!p->bodyFromHtml());

        // Save All: the CSV with the hash the attachments table shows; a
        // second run into the same directory does not overwrite it.
        const QString sha = p->attachmentTable()->item(0, 4)->text();
        QTemporaryDir dir;
        QString err;
        QStringList files;
        QVERIFY2(p->saveAllAttachments(dir.path(), &err, &files), qPrintable(err));
        QCOMPARE(files, QStringList{dir.filePath("numbers.csv")});
        QCOMPARE(sha256(files[0]), sha);
        files.clear();
        QVERIFY2(p->saveAllAttachments(dir.path(), &err, &files), qPrintable(err));
        QCOMPARE(files, QStringList{dir.filePath("numbers (2).csv")});
        QCOMPARE(sha256(files[0]), sha);
    }

    void quotedPrintableLatin1BodyAndHtmlPart() {
        QVERIFY(open(kSmtp));
        MessagesPanel* p = win_->messagesPanel();
        QVERIFY(selectAndRead(QString::fromUtf8("Café crème")));
        // text/plain; charset=iso-8859-1, quoted-printable: Caf=E9 cr=E8me.
        QVERIFY(!p->bodyFromHtml());
        QVERIFY2(p->bodyText().contains(QString::fromUtf8("Café crème for everyone at 10:00.")), qPrintable(p->bodyText()));
        // Its text/html alternative, as text: the words, no markup.
        p->showHtmlBody(true);
        QVERIFY(p->bodyFromHtml());
        QVERIFY(p->bodyNote().contains("nothing fetched"));
        QCOMPARE(p->bodyText(), QString::fromUtf8("Café crème for everyone at 10:00."));

        // The nested message: the HTML part names an image by cid.
        QVERIFY(selectAndRead(QString::fromUtf8("こんにちは")));
        p->showHtmlBody(true);
        QVERIFY2(p->bodyText().contains("Nested multipart"), qPrintable(p->bodyText()));
        QVERIFY(!p->bodyText().contains('<'));
        QVERIFY(!p->bodyText().contains("cid:"));
        QVERIFY(!p->bodyText().contains("img"));
        // Four levels: mixed > alternative > related > the GIF.
        QTreeWidgetItem* gif = p->mimeTreeWidget()->topLevelItem(0)->child(0)->child(1)->child(1);
        QVERIFY(gif);
        QCOMPARE(gif->text(0), QString("1.2.2"));
        QCOMPARE(gif->text(1), QString("image/gif"));
        QCOMPARE(gif->text(5), QString("dot.gif"));
    }

    void selectingAnotherMessageReplacesTheRead() {
        QVERIFY(open(kSmtp));
        MessagesPanel* p = win_->messagesPanel();
        const int first = row("Quarterly numbers (attachment)"), second = row("Dot-stuffing check");
        QVERIFY(first >= 0 && second >= 0);
        QSignalSpy ready(p, &MessagesPanel::detailReady);
        p->selectMessage(first);
        QVERIFY(p->detailRunning());
        QCOMPARE(p->bodyNote(), QString::fromUtf8("Reading the message…"));
        p->selectMessage(second);
        QVERIFY(ready.wait(60000));
        QTest::qWait(200);  // the first read, cancelled, reports nothing
        QCOMPARE(ready.size(), 1);
        QVERIFY(!p->bodyText().contains("numbers are attached"));
        QCOMPARE(p->mimeTreeWidget()->topLevelItem(0)->text(1), QString("text/plain"));
    }

    void receivedPathWithChecks() {
        QTemporaryDir dir;
        const QString cap = dir.filePath("relayed.pcap");
        {
            QFile f(cap);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(SmtpCapture().build("client-mta.example.test", kRelayed));
        }
        QVERIFY(open(cap));
        MessagesPanel* p = win_->messagesPanel();
        QCOMPARE(p->messageCount(), 1);
        QVERIFY(selectAndRead("Relayed three times"));
        QTableWidget* t = p->receivedTable();
        QCOMPARE(t->rowCount(), 3);  // one hop per Received header
        auto cell = [t](int r, int c) { return t->item(r, c) ? t->item(r, c)->text() : QString(); };
        // Hop 1 is the bottom-most header.
        QCOMPARE(cell(0, MessagesPanel::HopColumn), QString("1"));
        QCOMPARE(cell(0, MessagesPanel::FromColumn), QString("client.example.test [198.51.100.7]"));
        QCOMPARE(cell(0, MessagesPanel::ByColumn), QString("sender.example.test"));
        QCOMPARE(cell(0, MessagesPanel::WithColumn), QString("ESMTPA"));
        QVERIFY(cell(0, MessagesPanel::DateColumn).contains("2029"));
        QCOMPARE(cell(2, MessagesPanel::FromColumn), QString("relay.example.test [192.0.2.10]"));
        QCOMPARE(cell(2, MessagesPanel::ByColumn), QString("mx.example.test"));
        QCOMPARE(cell(2, MessagesPanel::DeltaColumn), QString("+10 s"));
        for (int r = 0; r < 3; ++r) QVERIFY(!cell(r, MessagesPanel::DateColumn).isEmpty());
        // The checks, on their hops: a date after the capture (warning), a
        // hop dated before the previous one (warning), the topmost added by
        // another host than the SMTP client (note).
        QVERIFY2(cell(0, MessagesPanel::WarningsColumn).contains("later than the capture time"),
                 qPrintable(cell(0, MessagesPanel::WarningsColumn)));
        QVERIFY(cell(1, MessagesPanel::WarningsColumn).contains("earlier than the previous hop"));
        QVERIFY(cell(1, MessagesPanel::DeltaColumn).startsWith(QString::fromUtf8("−")));
        QVERIFY2(cell(2, MessagesPanel::WarningsColumn).contains("client-mta.example.test"),
                 qPrintable(cell(2, MessagesPanel::WarningsColumn)));
        const QColor warn = t->item(0, MessagesPanel::WarningsColumn)->foreground().color();
        const QColor note = t->item(2, MessagesPanel::WarningsColumn)->foreground().color();
        QVERIFY(warn != note);
        QVERIFY(warn.red() > warn.green() && note.red() > note.blue());

        // Its only body is HTML: shown as text, head and script dropped.
        QVERIFY(p->bodyFromHtml());
        QCOMPARE(p->bodyText(), QString("Three hops away"));
        QVERIFY(p->bodyNote().contains("HTML shown as text; nothing fetched"));
        QStringList tabs;
        for (int i = 0; i < p->detailTabs()->count(); ++i) tabs << p->detailTabs()->tabText(i);
        QCOMPARE(tabs, (QStringList{"Headers", "Body", "MIME", "Received", "Attachments"}));
    }

    void htmlToTextDropsMarkup() {
        const std::string html =
            "<!DOCTYPE html><html><head><style>p { color: red }</style>\n"
            "<script type=\"text/javascript\">if (a < b && c > d) document.write('<b>x</b>');</script></head>\n"
            "<body><!-- a comment with <b>tags</b> -- and dashes --><p>Hello,&nbsp;<b>World</b> &amp; friends</p>"
            "<div>a &lt;tag&gt; &quot;quoted&quot; &#233;t&#xE9; &#x1F600;</div><ul><li>one<li>two</ul>"
            "line<br>break<br/>again <a href=\"http://x.test/?a>b\" title='>'>link</a> 1 < 2 &unknown; &amp"
            "</body></html>";
        const std::string text = html_to_text(html);
        QCOMPARE(QString::fromStdString(text),
                 QString::fromUtf8("Hello, World & friends\n\na <tag> \"quoted\" été 😀\none\ntwo\nline\nbreak\nagain "
                                   "link 1 < 2 &unknown; &amp"));

        // The same input split at every position gives the same text.
        for (std::size_t cut = 0; cut <= html.size(); ++cut) {
            HtmlToText h;
            h.feed(std::string_view(html).substr(0, cut));
            h.feed(std::string_view(html).substr(cut));
            QCOMPARE(h.finish(), text);
        }
        // A tag split oddly: the name across pieces, a byte at a time.
        HtmlToText bytewise;
        for (char c : std::string("<SCR") + "IPT>evil()</sCrIpT >ok<st" + "yle>x{}</style>!") bytewise.feed(std::string_view(&c, 1));
        QCOMPARE(bytewise.finish(), std::string("ok!"));

        // Unterminated markup is dropped, an unfinished entity kept.
        QCOMPARE(html_to_text("before <a href=\"never closed"), std::string("before"));
        QCOMPARE(html_to_text("x <script>never ends </scrip"), std::string("x"));
        QCOMPARE(html_to_text("y <!-- never ends"), std::string("y"));
        QCOMPARE(html_to_text("AT&T"), std::string("AT&T"));
        QCOMPARE(html_to_text("&#0; &#xD800; &#99999999;"), std::string("\xEF\xBF\xBD \xEF\xBF\xBD"));

        // Huge input: the output stops at its cap, on a character boundary.
        std::string huge;
        for (int i = 0; i < 200000; ++i) huge += "<p>é&amp;x</p>";
        HtmlToText bounded(1000);
        bounded.feed(huge);
        const std::string& out = bounded.finish();
        QVERIFY(bounded.truncated());
        QVERIFY(out.size() <= 1000);
        QVERIFY(QString::fromUtf8(out.data(), qsizetype(out.size())).toUtf8() == QByteArray::fromStdString(out));
        const std::string one_tag = "<" + std::string(5u << 20, 'a');
        QCOMPARE(html_to_text(one_tag + ">after"), std::string("after"));
    }

    void attachmentFileNames() {
        QCOMPARE(safe_attachment_name("numbers.csv", "2"), std::string("numbers.csv"));
        QCOMPARE(safe_attachment_name("", "2.1"), std::string("part-2.1.bin"));
        QCOMPARE(safe_attachment_name("..", "3"), std::string("part-3.bin"));
        const std::string evil = safe_attachment_name("../../etc/passwd", "1");
        QVERIFY(evil.find('/') == std::string::npos && evil[0] != '.');
        QVERIFY(safe_attachment_name(std::string(300, 'x') + ".txt", "1").size() <= 200);
        QCOMPARE(numbered_name("numbers.csv", 2), std::string("numbers (2).csv"));
        QCOMPARE(numbered_name("README", 3), std::string("README (3)"));
        // Same names in one message, and a file already there.
        const auto plan = plan_attachment_files("/d", {{"a.txt", "1"}, {"a.txt", "2"}, {"", "3"}, {"b", "4"}},
                                                [](const std::string& f) { return f == "/d/b"; });
        QCOMPARE(plan.size(), std::size_t(4));
        QCOMPARE(plan[0].file, std::string("/d/a.txt"));
        QCOMPARE(plan[1].file, std::string("/d/a (2).txt"));
        QCOMPARE(plan[2].file, std::string("/d/part-3.bin"));
        QCOMPARE(plan[3].file, std::string("/d/b (2)"));
        QCOMPARE(plan[3].part_path, std::string("4"));
    }

private:
    bool open(const QString& file) {
        win_ = testing::window_with_capture(file);
        if (!win_) return false;
        win_->showMessagesPanel();
        return win_->messagesPanel()->messageCount() > 0;
    }

    int row(const QString& subject_start) const {
        MessagesPanel* p = win_->messagesPanel();
        for (int r = 0; r < p->messageCount(); ++r)
            if (QString::fromStdString(p->message(r)->summary.subject).startsWith(subject_start)) return r;
        return -1;
    }

    // Selects the first message whose subject starts so and waits for its detail.
    bool selectAndRead(const QString& subject_start) {
        MessagesPanel* p = win_->messagesPanel();
        const int r = row(subject_start);
        if (r < 0) return false;
        QSignalSpy ready(p, &MessagesPanel::detailReady);
        p->selectMessage(r);
        return ready.wait(60000) && !p->bodyNote().startsWith("The message could not be read");
    }

    static QString sha256(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
    }

    MainWindow* win_ = nullptr;
};

QTEST_MAIN(MessageDetailTest)
#include "test_message_detail.moc"
