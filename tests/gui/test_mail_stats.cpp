// Statistics > Mail Commands: the dialog's SMTP, POP and IMAP tables hold
// exactly what `mailscope-cli -q -z smtp,stat` (pop,stat, imap,stat) prints,
// on the samples and on the real-traffic captures when they are there; the
// tables sort by number, the menu opens the dialog, and the counting pass
// runs on a worker that Cancel and closing the dialog stop.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMenuBar>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

#include "dissectors/core/field_registry.hpp"
#include "ui/mail_command_walk.hpp"
#include "ui/mail_stats_dialog.hpp"
#include "ui/main_window.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;
namespace stats = ms::stats;  // ms::ui has an enum MailProtocol of its own

namespace {
const QString kSamples = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/");
const QString kShared = QStringLiteral(MAILSCOPE_SOURCE_DIR "/../shared/captures");

using testing::cli_output;

// The row whose first column reads `name`, or -1.
int row_named(const QTableWidget* t, const QString& name) {
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0) && t->item(r, 0)->text() == name) return r;
    return -1;
}

QString cell(const QTableWidget* t, int row, int col) {
    const QTableWidgetItem* i = t->item(row, col);
    return i ? i->text() : QString();
}

// The dialog's tables printed the way the CLI prints its report, so the
// whole of both can be compared line by line.
QString as_cli_report(const MailStatsDialog* dlg, stats::MailProtocol p) {
    const QString rule(67, '='), thin(67, '-');
    QString out = rule + "\n" + stats::mail_protocol_name(p) + " Statistics\n" + thin + "\n" +
                  "Command               Count   Min RT (s)   Avg RT (s)   Max RT (s)\n";
    const QTableWidget* c = dlg->commandTable(p);
    for (int r = 0; r < c->rowCount(); ++r) {
        QString line = cell(c, r, MailStatsDialog::CommandCol).leftJustified(18) + " " +
                       cell(c, r, MailStatsDialog::CountCol).rightJustified(8);
        if (!cell(c, r, MailStatsDialog::MinCol).isEmpty())
            for (int col : {MailStatsDialog::MinCol, MailStatsDialog::AvgCol, MailStatsDialog::MaxCol})
                line += " " + cell(c, r, col).rightJustified(12);
        out += line + "\n";
    }
    out += thin + "\n" + QString(stats::mail_reply_heading(p)).leftJustified(18) + "    Count\n";
    const QTableWidget* rep = dlg->replyTable(p);
    for (int r = 0; r < rep->rowCount(); ++r)
        out += cell(rep, r, 0).leftJustified(18) + " " + cell(rep, r, 1).rightJustified(8) + "\n";
    return out + rule + "\n";
}

// A pcap holding the sample's records `copies` times over: enough frames
// (> 4096) for a walk to reach its cancellation checks.
bool write_repeated(const QString& src, const QString& dest, int copies) {
    QFile in(src), out(dest);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return false;
    const QByteArray d = in.readAll();
    if (d.size() < 24) return false;
    out.write(d.left(24));
    for (int c = 0; c < copies; ++c) out.write(d.mid(24));
    return true;
}
}  // namespace

class MailStatsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        ms::register_all();
        QVERIFY(tmp_.isValid());
        big_ = tmp_.filePath("repeated.pcap");
        QVERIFY(write_repeated(kSamples + "smtp-postfix.pcap", big_, 60));
    }
    void init() { win_ = new MainWindow; }
    void cleanup() {
        delete win_;
        win_ = nullptr;
    }

    void smtpCountsAreTheClis() {
        MailStatsDialog* dlg = openStats("smtp-postfix.pcap");
        QVERIFY(dlg);
        QVERIFY(dlg->counts());
        QVERIFY(dlg->errorText().isEmpty());
        // Expected numbers from `build/app/mailscope-cli -r
        // samples/smtp-postfix.pcap -q -z smtp,stat`:
        //   EHLO 4 (0.000058 0.000414 0.001207), MAIL 12, RCPT 16, DATA 8,
        //   13 commands; replies 250 x48, 220 x5, 354 x8, 550 x3, 10 codes.
        const QTableWidget* cmds = dlg->commandTable(stats::MailProtocol::Smtp);
        QCOMPARE(cmds->rowCount(), 13);
        int ehlo = row_named(cmds, "EHLO");
        QVERIFY(ehlo >= 0);
        QCOMPARE(cell(cmds, ehlo, MailStatsDialog::CountCol), QString("4"));
        QCOMPARE(cell(cmds, ehlo, MailStatsDialog::MinCol), QString("0.000058"));
        QCOMPARE(cell(cmds, ehlo, MailStatsDialog::AvgCol), QString("0.000414"));
        QCOMPARE(cell(cmds, ehlo, MailStatsDialog::MaxCol), QString("0.001207"));
        QCOMPARE(cell(cmds, row_named(cmds, "MAIL"), MailStatsDialog::CountCol), QString("12"));
        QCOMPARE(cell(cmds, row_named(cmds, "RCPT"), MailStatsDialog::CountCol), QString("16"));
        QCOMPARE(cell(cmds, row_named(cmds, "DATA"), MailStatsDialog::CountCol), QString("8"));
        const QTableWidget* replies = dlg->replyTable(stats::MailProtocol::Smtp);
        QCOMPARE(replies->rowCount(), 10);
        QCOMPARE(cell(replies, row_named(replies, "250"), 1), QString("48"));
        QCOMPARE(cell(replies, row_named(replies, "220"), 1), QString("5"));
        QCOMPARE(cell(replies, row_named(replies, "354"), 1), QString("8"));
        QCOMPARE(cell(replies, row_named(replies, "550"), 1), QString("3"));
        // The same numbers behind the table (the counter the CLI prints).
        const auto* smtp = dlg->counts()->find(stats::MailProtocol::Smtp);
        QVERIFY(smtp);
        QCOMPARE(smtp->commands().at("EHLO").count, uint64_t(4));
        QCOMPARE(smtp->replies().at("250"), uint64_t(48));
        // An SMTP capture has no POP or IMAP commands; the SMTP tab is shown.
        QCOMPARE(dlg->commandTable(stats::MailProtocol::Pop)->rowCount(), 0);
        QCOMPARE(dlg->commandTable(stats::MailProtocol::Imap)->rowCount(), 0);
        QCOMPARE(dlg->tabs()->tabText(dlg->tabs()->currentIndex()), QString("SMTP"));
    }

    void popAndImapCountsAreTheClis() {
        MailStatsDialog* pop = openStats("pop3-dovecot.pcap");
        QVERIFY(pop);
        // From `mailscope-cli -r samples/pop3-dovecot.pcap -q -z pop,stat`:
        // RETR 8, USER 2; +OK 46, -ERR 3.
        const QTableWidget* cmds = pop->commandTable(stats::MailProtocol::Pop);
        QCOMPARE(cell(cmds, row_named(cmds, "RETR"), MailStatsDialog::CountCol), QString("8"));
        QCOMPARE(cell(cmds, row_named(cmds, "USER"), MailStatsDialog::CountCol), QString("2"));
        const QTableWidget* ind = pop->replyTable(stats::MailProtocol::Pop);
        QCOMPARE(cell(ind, row_named(ind, "+OK"), 1), QString("46"));
        QCOMPARE(cell(ind, row_named(ind, "-ERR"), 1), QString("3"));
        QCOMPARE(pop->tabs()->tabText(pop->tabs()->currentIndex()), QString("POP"));

        MailStatsDialog* imap = openStats("imap-dovecot.pcap");
        QVERIFY(imap);
        // From `mailscope-cli -r samples/imap-dovecot.pcap -q -z imap,stat`:
        // CAPABILITY 9, DONE 1 (never answered: no times); OK 76, BYE 5.
        cmds = imap->commandTable(stats::MailProtocol::Imap);
        QCOMPARE(cell(cmds, row_named(cmds, "CAPABILITY"), MailStatsDialog::CountCol), QString("9"));
        int done = row_named(cmds, "DONE");
        QVERIFY(done >= 0);
        QCOMPARE(cell(cmds, done, MailStatsDialog::CountCol), QString("1"));
        QVERIFY(cell(cmds, done, MailStatsDialog::AvgCol).isEmpty());
        const QTableWidget* status = imap->replyTable(stats::MailProtocol::Imap);
        QCOMPARE(cell(status, row_named(status, "OK"), 1), QString("76"));
        QCOMPARE(cell(status, row_named(status, "BYE"), 1), QString("5"));
    }

    // Every line of every report, on every sample (and the real-traffic
    // captures in ../shared/captures when they are there), as the CLI
    // prints it now.
    void wholeReportsMatchTheCli_data() {
        QTest::addColumn<QString>("path");
        for (const char* f : {"smtp-postfix.pcap", "smtp-starttls.pcap", "smtp-submission-auth.pcap",
                              "pop3-dovecot.pcap", "imap-dovecot.pcap"})
            QTest::newRow(f) << kSamples + f;
        QDirIterator it(kShared, {"*.pcap", "*.pcapng", "*.pcap.gz"}, QDir::Files, QDirIterator::Subdirectories);
        int shared = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(QDir(kShared).relativeFilePath(path))) << path;
            ++shared;
        }
        if (!shared) qInfo("no captures in %s: only the samples are compared", qPrintable(kShared));
    }
    void wholeReportsMatchTheCli() {
        QFETCH(QString, path);
        open(path);
        MailStatsDialog* dlg = showStatsAndWait();
        QVERIFY(dlg);
        QVERIFY(dlg->counts());
        const std::pair<stats::MailProtocol, const char*> reports[] = {
            {stats::MailProtocol::Smtp, "smtp,stat"}, {stats::MailProtocol::Pop, "pop,stat"}, {stats::MailProtocol::Imap, "imap,stat"}};
        for (const auto& [proto, z] : reports) {
            const QString cli = cli_output({"-r", path, "-q", "-z", z});
            QVERIFY(cli.contains("Statistics"));
            QCOMPARE(as_cli_report(dlg, proto), cli);
        }
    }

    void tablesSortByNumber() {
        MailStatsDialog* dlg = openStats("smtp-postfix.pcap");
        QVERIFY(dlg);
        QTableWidget* cmds = dlg->commandTable(stats::MailProtocol::Smtp);
        QVERIFY(cmds->isSortingEnabled());
        // CLI numbers: RCPT has the most commands (16) and the slowest
        // response (0.007773 s); VRFY the highest average (0.003226 s).
        cmds->sortItems(MailStatsDialog::CountCol, Qt::DescendingOrder);
        QCOMPARE(cell(cmds, 0, MailStatsDialog::CommandCol), QString("RCPT"));
        cmds->sortItems(MailStatsDialog::MaxCol, Qt::DescendingOrder);
        QCOMPARE(cell(cmds, 0, MailStatsDialog::CommandCol), QString("RCPT"));
        cmds->sortItems(MailStatsDialog::AvgCol, Qt::DescendingOrder);
        QCOMPARE(cell(cmds, 0, MailStatsDialog::CommandCol), QString("VRFY"));
        // Numerically: "8" (DATA) is below "12" (MAIL), not above as text.
        cmds->sortItems(MailStatsDialog::CountCol, Qt::AscendingOrder);
        QVERIFY(row_named(cmds, "DATA") < row_named(cmds, "MAIL"));
        QTableWidget* replies = dlg->replyTable(stats::MailProtocol::Smtp);
        replies->sortItems(1, Qt::DescendingOrder);
        QCOMPARE(cell(replies, 0, 0), QString("250"));
    }

    void theStatisticsMenuOpensIt() {
        open(kSamples + "smtp-postfix.pcap");
        QAction* action = nullptr;
        for (QAction* menu : win_->menuBar()->actions())
            if (menu->text() == "&Statistics" && menu->menu())
                for (QAction* a : menu->menu()->actions())
                    if (a->text().remove('&') == "Mail Commands") action = a;
        QVERIFY(action);
        action->trigger();
        auto* dlg = win_->findChild<MailStatsDialog*>();
        QVERIFY(dlg);
        QVERIFY(dlg->isVisible());
        QSignalSpy ready(dlg, &MailStatsDialog::countsReady);
        QVERIFY(!dlg->isRunning() || ready.wait(60000));
        QVERIFY(dlg->counts());
    }

    void theWalkStopsWhenCancelled() {
        std::atomic<bool> cancel{false};
        WalkControl control;
        control.cancel = &cancel;
        int reports = 0;
        control.progress = [&](int) {
            ++reports;
            cancel = true;  // the user pressed Cancel at the first report
        };
        MailCommandCounts counts;
        std::string err;
        QVERIFY(!count_mail_commands(big_.toStdString(), counts, err, control));
        QCOMPARE(QString::fromStdString(err), QString("cancelled"));
        QCOMPARE(reports, 1);
        QVERIFY(counts.frames < 10980);  // 60 x 183 frames
    }

    void cancelStopsTheDialogsPass() {
        open(big_);
        MailStatsDialog* dlg = win_->showMailStats();
        QVERIFY(dlg);
        QVERIFY(dlg->isRunning());  // counting happens on the worker
        QSignalSpy ready(dlg, &MailStatsDialog::countsReady);
        dlg->cancel();
        QVERIFY(ready.wait(60000));
        QVERIFY(!dlg->isRunning());
        QVERIFY(!dlg->counts());
        QCOMPARE(dlg->errorText(), QString("Cancelled"));
        QCOMPARE(dlg->commandTable(stats::MailProtocol::Smtp)->rowCount(), 0);
    }

    void closingWhileCountingDeletesTheDialog() {
        open(big_);
        QPointer<MailStatsDialog> dlg = win_->showMailStats();
        QVERIFY(dlg);
        QVERIFY(dlg->isRunning());
        dlg->close();  // WA_DeleteOnClose: cancels and joins the worker
        QTRY_VERIFY_WITH_TIMEOUT(dlg.isNull(), 30000);
        QVERIFY(!win_->isBusy());
    }

    void noFileNoDialog() { QVERIFY(!win_->showMailStats()); }

private:
    void open(const QString& path) { QVERIFY(testing::load_capture(*win_, path)); }
    // Opens a sample, shows Statistics > Mail Commands and waits for its counts.
    MailStatsDialog* openStats(const QString& sample) {
        open(kSamples + sample);
        return showStatsAndWait();
    }
    MailStatsDialog* showStatsAndWait() {
        MailStatsDialog* dlg = win_->showMailStats();
        if (!dlg) return nullptr;
        QSignalSpy ready(dlg, &MailStatsDialog::countsReady);
        if (dlg->isRunning() && !ready.wait(60000)) return nullptr;
        return dlg;
    }

    MainWindow* win_ = nullptr;
    QTemporaryDir tmp_;
    QString big_;
};

QTEST_MAIN(MailStatsTest)
#include "test_mail_stats.moc"
