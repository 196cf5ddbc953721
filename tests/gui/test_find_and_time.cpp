// View > Time Display Format and Edit > Find Packet on the real window.
// Every time format is checked against what mailscope-cli -t prints for the
// same frames (one formatter serves both); the searches against frame
// numbers the CLI's own filters give for the sample.
#include <QAction>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "dissectors/core/field_registry.hpp"
#include "ui/find_bar.hpp"
#include "ui/main_window.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/packet_search.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

// The Time column of each line mailscope-cli prints: `words` words after
// the frame number ("2026-11-23 00:46:14.932391" is two).
QStringList cli_times(const QStringList& args, int words) {
    QStringList out;
    for (const QString& line : testing::cli_output(QStringList{"-r", kSample} + args).split('\n', Qt::SkipEmptyParts)) {
        const QStringList w = line.split(' ', Qt::SkipEmptyParts);
        if (w.size() > words) out << QStringList(w.mid(1, words)).join(' ');
    }
    return out;
}

QAction* time_format_action(MainWindow* win, const QString& code) {
    for (QAction* a : win->menuBar()->findChildren<QAction*>())
        if (a->isCheckable() && a->data().toString() == code) return a;
    return nullptr;
}

QStringList shown_times(MainWindow* win) {
    QStringList out;
    PacketListModel* m = win->packetModel();
    for (int r = 0; r < m->rowCount(); ++r) out << m->data(m->index(r, PacketListModel::Time), Qt::DisplayRole).toString();
    return out;
}
}  // namespace

class FindAndTimeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }

    void init() {
        win_ = testing::window_with_capture(kSample);
        QVERIFY(win_);
    }
    void cleanup() {
        if (QAction* r = time_format_action(win_, "r")) r->trigger();  // the next test starts from the default
        delete win_;
    }

    void everyTimeFormatAsTheCliPrintsIt() {
        const struct {
            const char* code;
            int words;
        } formats[] = {{"r", 1}, {"d", 1}, {"e", 1}, {"u", 1}, {"ud", 2}, {"udoy", 2}};
        for (const auto& f : formats) {
            QAction* a = time_format_action(win_, f.code);
            QVERIFY2(a, f.code);
            a->trigger();
            const QStringList want = cli_times({"-t", f.code}, f.words);
            QVERIFY2(want.size() > 100, f.code);
            QCOMPARE(shown_times(win_), want);
        }
    }

    void deltaDisplayedFollowsTheFilter() {
        time_format_action(win_, "dd")->trigger();
        QSignalSpy done(win_, &MainWindow::filterFinished);
        win_->applyFilter("smtp");
        QVERIFY(done.wait(60000));
        const QStringList want = cli_times({"-t", "dd", "-Y", "smtp"}, 1);
        QVERIFY(want.size() > 10);
        QCOMPARE(shown_times(win_), want);
    }

    void hexBytesParse() {
        QCOMPARE(parse_hex_bytes("45:48:4c:4f").value_or(""), std::string("EHLO"));
        QCOMPARE(parse_hex_bytes("45484C4F").value_or(""), std::string("EHLO"));
        QCOMPARE(parse_hex_bytes("45 48").value_or(""), std::string("EH"));
        QVERIFY(!parse_hex_bytes("EHLO"));   // not hex: a text search
        QVERIFY(!parse_hex_bytes("4:548"));  // a separator inside a byte
        QVERIFY(!parse_hex_bytes("454"));    // half a byte
        QCOMPARE(bytes_needle("EHLO"), std::string("EHLO"));
    }

    // Frame numbers from the CLI: -Y 'smtp.req.command == "RCPT"' gives 148
    // and 175 (the other sessions send "rcpt" in lower case); "QUIT" is in
    // the Info of 39 and 135; only 172 carries the bytes "EHLO" (-Y 'frame
    // contains 45:48:4c:4f').
    void findsByFilterInfoAndBytesWrappingAround() {
        FindBar* bar = win_->findBar();
        QVERIFY(bar);
        auto find = [&](FindBar::Mode mode, const QString& text) -> uint64_t {
            bar->setMode(mode);
            bar->setText(text);
            QSignalSpy finished(bar, &FindBar::finished);
            bar->find();
            if (finished.isEmpty() && !finished.wait(60000)) return 0;
            // The selection moves to the found frame (its tree loads after).
            const QModelIndex cur = win_->packetView()->currentIndex();
            return cur.isValid() ? win_->packetModel()->frameAt(cur.row()) : 0;
        };
        QCOMPARE(find(FindBar::DisplayFilter, "smtp.req.command == \"RCPT\""), uint64_t(148));
        QCOMPARE(find(FindBar::DisplayFilter, "smtp.req.command == \"RCPT\""), uint64_t(175));
        QCOMPARE(find(FindBar::DisplayFilter, "smtp.req.command == \"RCPT\""), uint64_t(148));  // wrapped
        QCOMPARE(find(FindBar::InfoString, "quit"), uint64_t(162));  // the next after 148
        QCOMPARE(find(FindBar::InfoString, "QUIT"), uint64_t(179));  // case-insensitive
        QCOMPARE(find(FindBar::InfoString, "quit"), uint64_t(39));   // wrapped
        QCOMPARE(find(FindBar::InfoString, "quit"), uint64_t(104));
        QCOMPARE(find(FindBar::Bytes, "45:48:4c:4f"), uint64_t(172));
        QVERIFY(win_->selectFrameAndWait(1));
        QCOMPARE(find(FindBar::Bytes, "EHLO"), uint64_t(172));
        // Nothing matches: the selection stays and the bar says so.
        QCOMPARE(find(FindBar::InfoString, "no such text anywhere"), uint64_t(172));
        QVERIFY(bar->status().startsWith("No displayed packet"));
        QCOMPARE(find(FindBar::DisplayFilter, "smtp.nosuchfield"), uint64_t(172));
        QVERIFY(!bar->status().isEmpty());
    }

private:
    MainWindow* win_ = nullptr;
};

QTEST_MAIN(FindAndTimeTest)
#include "test_find_and_time.moc"
