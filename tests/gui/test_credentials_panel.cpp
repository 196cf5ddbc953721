// The Credentials panel: every login with its server and the server's
// answer, passwords masked until asked for. Frames and verdicts checked
// against the samples' replies (mailscope-cli -Y 'smtp.response.code' etc.).
#include <QCheckBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "dissectors/core/field_registry.hpp"
#include "ui/credentials_panel.hpp"
#include "ui/main_window.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSamples = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/");

// One line per row: every column but the password, which is checked apart.
QStringList rows_of(MainWindow* win, const QString& sample) {
    if (!testing::load_capture(*win, kSamples + sample)) return {"load timed out"};
    win->showCredentialsPanel();
    QTableWidget* t = win->credentialsPanel()->table();
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < t->columnCount(); ++c)
            if (c != 5) cells << t->item(r, c)->text();
        out << cells.join(" | ");
    }
    return out;
}
}  // namespace

class CredentialsPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }
    void init() {
        win_ = new MainWindow;
        win_->show();
    }
    void cleanup() { delete win_; }

    // Each verdict is the reply frame the CLI shows: 10 "235", 37 "235"
    // after two 334s, 62 "235", 86 "535 5.7.8"; POP 14 "+OK", 89 "-ERR
    // [AUTH] Authentication failed.", 103 "+OK Logged in." after APOP;
    // IMAP's tagged "OK Logged in", not the untagged responses before it.
    void everyLoginWithServerMechanismAndAnswer() {
        QCOMPARE(rows_of(win_, "smtp-submission-auth.pcap"),
                 QStringList({"9 | SMTP | 127.0.0.1:587 | PLAIN | alice | accepted (frame 10)",
                              "32 | SMTP | 127.0.0.1:587 | LOGIN | alice | accepted (frame 37)",
                              "59 | SMTP | 127.0.0.1:587 | CRAM-MD5 | alice | accepted (frame 62)",
                              "84 | SMTP | 127.0.0.1:587 | PLAIN | alice | rejected (frame 86)"}));
        QCOMPARE(rows_of(win_, "pop3-dovecot.pcap"),
                 QStringList({"9 | POP | 127.0.0.1:110 | USER/PASS | alice | accepted (frame 14)",
                              "84 | POP | 127.0.0.1:110 | USER/PASS | alice | rejected (frame 89)",
                              "101 | POP | 127.0.0.1:110 | APOP | alice | accepted (frame 103)",
                              "116 | POP | 127.0.0.1:110 | PLAIN | alice | accepted (frame 118)",
                              "131 | POP | 127.0.0.1:110 | PLAIN | alice | accepted (frame 136)",
                              "149 | POP | 127.0.0.1:110 | CRAM-MD5 | alice | accepted (frame 154)"}));
        QCOMPARE(rows_of(win_, "imap-dovecot.pcap"),
                 QStringList({"12 | IMAP | 127.0.0.1:143 | LOGIN | alice | accepted (frame 14)",
                              "94 | IMAP | 127.0.0.1:143 | LOGIN | alice | accepted (frame 96)",
                              "149 | IMAP | 127.0.0.1:143 | PLAIN | alice | accepted (frame 156)",
                              "174 | IMAP | 127.0.0.1:143 | PLAIN | alice | accepted (frame 176)",
                              "191 | IMAP | 127.0.0.1:143 | LOGIN | alice | accepted (frame 193)"}));
    }

    void passwordsMaskedUntilAsked() {
        rows_of(win_, "pop3-dovecot.pcap");
        CredentialsPanel* p = win_->credentialsPanel();
        QTableWidget* t = p->table();
        QCOMPARE(t->item(1, 5)->text(), QString(8, QChar(0x2022)));
        p->setShowPasswords(true);
        QCOMPARE(t->item(1, 5)->text(), QString("not-the-password"));  // frame 87: PASS not-the-password
        p->setShowPasswords(false);
        QVERIFY(!t->item(1, 5)->text().contains("password"));
    }

private:
    MainWindow* win_ = nullptr;
};

QTEST_MAIN(CredentialsPanelTest)
#include "test_credentials_panel.moc"
