// Find in messages: the chunked matcher (case folding, hits split between
// decoded chunks, regex lines), the searcher over a recorded capture (words
// that exist only after decoding a header or a body), and the Messages
// panel's find bar through the real main window.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "dissectors/core/field_registry.hpp"
#include "ui/main_window.hpp"
#include "ui/message_text_search.hpp"
#include "ui/messages_model.hpp"
#include "ui/messages_panel.hpp"
#include "ui/text_matcher.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

// Words the sample holds only once decoded (checked against the raw bytes):
// in the Subject's RFC 2047 words (UTF-8 base64), in a quoted-printable
// ISO-8859-1 body, in a base64 text/csv part.
const char* const kHeaderWord = "Zürich";
const char* const kBodyWords = "crème for everyone";
const char* const kBase64Words = "Q4,21";

QByteArray raw_capture() {
    QFile f(kSample);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

MessageTextResult search(const std::string& text, bool regex = false, std::size_t max = 100000) {
    MessageTextResult r;
    MessageTextQuery q;
    q.text = text;
    q.regex = regex;
    q.max_results = max;
    search_message_text(kSample.toStdString(), q, r);
    return r;
}

// Feeds `text` to a fresh matcher cut at the given points.
std::unique_ptr<TextMatcher> fed(const TextPattern& p, std::string_view text, std::initializer_list<std::size_t> cuts) {
    auto m = p.matcher();
    std::size_t at = 0;
    for (std::size_t cut : cuts) {
        m->feed(text.substr(at, cut - at));
        at = cut;
    }
    m->feed(text.substr(at));
    m->end();
    return m;
}
}  // namespace

class MessageSearchTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }

    // --- the matcher ---

    void foldingIgnoresCaseBeyondAscii() {
        std::string out;
        ms::ui::fold_case("ZÜRICH Ärger ΑΘΗΝΑ ПРИВЕТ Ѐ ×", out);
        QCOMPARE(QString::fromStdString(out), QString("zürich ärger αθηνα привет ѐ ×"));
    }

    void substringHitSplitAtEveryPoint() {
        std::string err;
        auto p = TextPattern::compile("zürich", false, err);
        QVERIFY(p);
        const std::string text = "Greetings from the lake of ZÜRICH, where it rains.";
        for (std::size_t i = 0; i <= text.size(); ++i) {
            auto m = fed(*p, text, {i});
            QVERIFY2(m->found(), qPrintable(QString("split at %1").arg(i)));
            QVERIFY(QString::fromStdString(m->snippet()).contains("ZÜRICH, where it rains."));
            // Three chunks: the pattern cut twice.
            for (std::size_t j = i; j <= text.size(); ++j) QVERIFY(fed(*p, text, {i, j})->found());
        }
        // One byte at a time.
        auto m = p->matcher();
        for (char c : text) m->feed(std::string_view(&c, 1));
        m->end();
        QVERIFY(m->found());
        QCOMPARE(QString::fromStdString(m->snippet()), QString::fromStdString(text));
    }

    void substringMissAndItemBoundaries() {
        std::string err;
        auto p = TextPattern::compile("lake", false, err);
        QVERIFY(p);
        QVERIFY(!fed(*p, "a quiet lak e", {4})->found());
        // A hit may not span two items (two header lines, two parts).
        auto m = p->matcher();
        m->feed("the la");
        m->reset();
        m->feed("ke");
        m->end();
        QVERIFY(!m->found());
    }

    void snippetIsBoundedAndWholeCharacters() {
        std::string err;
        auto p = TextPattern::compile("needle", false, err);
        QVERIFY(p);
        const std::string hay = std::string(500, 'x') + "ééééé\r\n\tneedle\r\n" + std::string(300, 'y');
        for (std::size_t cut : {std::size_t(1), std::size_t(503), std::size_t(512), std::size_t(520)}) {
            auto m = fed(*p, hay, {cut});
            QVERIFY(m->found());
            const std::string s = m->snippet();
            QVERIFY(s.size() <= kSnippetBefore + 6 + kSnippetAfter);
            QVERIFY(s.find("ééééé needle yyy") != std::string::npos);
            QVERIFY(QString::fromUtf8(s.data(), qsizetype(s.size())).toUtf8() == QByteArray(s.data(), qsizetype(s.size())));
        }
    }

    void regexMatchesLinesAcrossChunks() {
        std::string err;
        auto p = TextPattern::compile("ship\\s+the\\s+analy[sz]er", true, err);
        QVERIFY2(p, err.c_str());
        const std::string text = "1. SHIP the analyzer.\r\n2. Write more tests.\r\n";
        for (std::size_t i = 0; i <= text.size(); ++i) {
            auto m = fed(*p, text, {i});
            QVERIFY2(m->found(), qPrintable(QString("split at %1").arg(i)));
            QCOMPARE(QString::fromStdString(m->snippet()), QString("1. SHIP the analyzer."));
        }
        // Not across lines.
        QVERIFY(!fed(*p, "ship the\nanalyzer", {})->found());
        QVERIFY(!TextPattern::compile("(", true, err));
        QVERIFY(!err.empty());
        QVERIFY(!TextPattern::compile("", false, err));
    }

    // --- the searcher on the recorded capture ---

    void wordsExistOnlyDecoded() {
        const QByteArray raw = raw_capture();
        QVERIFY(raw.size() > 1000);
        for (const char* w : {kHeaderWord, kBodyWords, kBase64Words}) QVERIFY2(!raw.contains(w), w);
        // Nor in ISO-8859-1 or case-folded form.
        QVERIFY(!raw.contains("cr\xE8me for everyone"));
        QVERIFY(!raw.toLower().contains("zürich"));
    }

    void findsAnRfc2047Header() {
        auto r = search("zÜRICH");  // mixed case: ignored
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.matches.size(), std::size_t(1));
        const QString s = QString::fromStdString(r.matches[0].snippet);
        QVERIFY2(s.contains("Subject: Café crèmeGrüße aus Zürich ✓"), qPrintable(s));
    }

    void findsAQuotedPrintableLatin1Body() {
        auto r = search("CRÈME FOR EVERYONE");
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.matches.size(), std::size_t(1));
        const QString s = QString::fromStdString(r.matches[0].snippet);
        // The first hit is the ISO-8859-1 text/plain part (the HTML part has tags).
        QVERIFY2(s.contains("Café crème for everyone at 10:00."), qPrintable(s));
        QVERIFY(!s.contains("<p>"));
        // The same message as the header word.
        QCOMPARE(search(kHeaderWord).matches.at(0).ordinal, r.matches[0].ordinal);
    }

    void findsABase64TextPart() {
        auto r = search(kBase64Words);
        QCOMPARE(r.matches.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(r.matches[0].snippet).contains("Q3,9 Q4,21"));
        QVERIFY(r.matches[0].ordinal != search(kHeaderWord).matches.at(0).ordinal);
    }

    void findsNothingForAnAbsentWord() {
        auto r = search("xyzzy-plugh-absent");
        QVERIFY(r.error.empty());
        QVERIFY(r.matches.empty());
        QVERIFY(r.messages_searched >= 5);
        QVERIFY(!r.truncated);
    }

    void regexAndResultBound() {
        auto r = search("z.rich\\s+✓", true);
        QCOMPARE(r.matches.size(), std::size_t(1));
        auto all = search("example.test");
        QVERIFY(all.matches.size() >= 5);
        for (std::size_t i = 1; i < all.matches.size(); ++i) QVERIFY(all.matches[i - 1].ordinal < all.matches[i].ordinal);
        auto one = search("example.test", false, 1);
        QCOMPARE(one.matches.size(), std::size_t(1));
        QVERIFY(one.truncated);
        MessageTextResult bad;
        QVERIFY(!search_message_text(kSample.toStdString(), {"(", true}, bad));
        QVERIFY(!bad.error.empty());
    }

    // --- the panel through the main window ---

    void panelShowsOnlyMatchingMessages() {
        MainWindow win;
        win.show();
        QSignalSpy loaded(&win, &MainWindow::loadFinished);
        win.openFile(kSample);
        QVERIFY(loaded.wait(60000));
        win.showMessagesPanel();
        MessagesPanel* p = win.messagesPanel();
        const int total = p->messageCount();
        QVERIFY(total >= 5);
        QCOMPARE(p->shownMessageCount(), total);

        QSignalSpy done(p, &MessagesPanel::findFinished);
        // A search replaced before it ends reports nothing; the second does.
        p->findText("example.test");
        p->findText("crème FOR everyone");
        QVERIFY(p->findRunning());
        QVERIFY(done.wait(60000));
        QTest::qWait(50);
        QCOMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toInt(), 1);
        QVERIFY(!p->findRunning());
        QCOMPARE(p->shownMessageCount(), 1);
        QCOMPARE(p->findStatus(), QString("1 of %1 messages match").arg(total));
        QVERIFY(QString::fromStdString(p->message(0)->summary.subject).contains("Zürich"));
        QVERIFY(p->matchSnippet(0).contains("crème for everyone"));
        const QAbstractItemModel* model = p->messageTable()->model();
        QVERIFY(model->data(model->index(0, MessagesModel::Subject), Qt::ToolTipRole).toString().contains("crème for everyone"));

        // Many hits: the list keeps sorting them.
        done.clear();
        p->findText("example.test");
        QVERIFY(done.wait(60000));
        const int hits = p->shownMessageCount();
        QVERIFY(hits >= 5 && hits <= total);
        p->sortBy(MessagesModel::Frame, Qt::DescendingOrder);
        QCOMPARE(p->shownMessageCount(), hits);
        for (int r = 1; r < hits; ++r)
            QVERIFY(p->message(r - 1)->end_frame >= p->message(r)->end_frame);

        // Nothing found: an empty list, then Show All restores every message.
        done.clear();
        p->findText("xyzzy-plugh-absent");
        QVERIFY(done.wait(60000));
        QCOMPARE(p->shownMessageCount(), 0);
        QCOMPARE(p->findStatus(), QString("0 of %1 messages match").arg(total));
        p->clearFind();
        QCOMPARE(p->shownMessageCount(), total);
        QVERIFY(p->findStatus().isEmpty());
        for (int r = 1; r < total; ++r) QVERIFY(p->message(r - 1)->end_frame >= p->message(r)->end_frame);
    }
};

QTEST_MAIN(MessageSearchTest)
#include "test_message_search.moc"
