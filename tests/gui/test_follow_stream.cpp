// Follow TCP Stream's Find, Save as… (ASCII / Raw, one side or both) and
// Filter Out This Stream, on the dialog the real MainWindow opens for the
// first SMTP connection of the sample. Runs with QT_QPA_PLATFORM=offscreen.
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include "dissectors/core/field_registry.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/stream_follower.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

QByteArray read_all(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Stream 0's payload as follow_tcp_stream collects it: every data chunk
// (not gap markers), both sides, in capture order.
QByteArray expected_stream_bytes() {
    FollowedStream s;
    std::string error;
    if (!follow_tcp_stream(kSample.toStdString(), 0, s, error)) return {};
    QByteArray out;
    for (const auto& c : s.chunks)
        if (!c.gap) out.append(c.bytes.data(), qsizetype(c.bytes.size()));
    return out;
}
}  // namespace

class FollowStreamTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        ms::register_all();
    }

    // A fresh window and dialog per test: Filter Out closes (and deletes) it.
    void init() {
        win_ = testing::window_with_capture(kSample);
        QVERIFY(win_);
        QVERIFY(win_->selectFrameAndWait(1));
        dlg_ = win_->followTcpStreamAndWait();
        QVERIFY(dlg_);
    }
    void cleanup() {
        delete win_;  // owns the dialog
    }

    void findSelectsWrapsAndReportsMisses() {
        // The client types "ehlo": the upper-case search still finds it.
        QVERIFY(dlg_->findNext("EHLO"));
        QCOMPARE(dlg_->selectedText(), QString("ehlo"));
        QVERIFY(dlg_->findStatus().isEmpty());
        const QTextCursor first = dlg_->textView()->textCursor();
        // The sample's session says EHLO once, so Enter in the field (Find
        // Next again) runs off the end and wraps back to that same hit.
        QCOMPARE(int(dlg_->plainText().count("EHLO", Qt::CaseInsensitive)), 1);
        QTest::keyClick(dlg_->findField(), Qt::Key_Return);
        QCOMPARE(dlg_->selectedText(), QString("ehlo"));
        QCOMPARE(dlg_->textView()->textCursor().selectionStart(), first.selectionStart());
        QVERIFY(dlg_->findStatus().contains("Wrapped"));
        // A word seen several times moves forward hit by hit.
        QVERIFY(dlg_->plainText().count("250 ") >= 2);
        QVERIFY(dlg_->findNext("250 "));
        const int hit1 = dlg_->textView()->textCursor().selectionStart();
        QVERIFY(dlg_->findNext("250 "));
        QCOMPARE(dlg_->selectedText(), QString("250 "));
        QVERIFY(dlg_->textView()->textCursor().selectionStart() > hit1);

        QVERIFY(!dlg_->findNext("no-such-word-xyzzy"));
        QVERIFY(dlg_->findStatus().contains("not found"));
        QCOMPARE(dlg_->selectedText(), QString("250 "));  // the last hit stays selected
    }

    void saveRawWritesBothSidesBytes() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray expected = expected_stream_bytes();
        QVERIFY(expected.contains("ehlo client.example.test\r\n") && expected.startsWith("220 "));
        dlg_->setFormat(FollowFormat::Raw);
        QVERIFY(dlg_->plainText().startsWith("3232302"));  // the view shows hex of "220"
        const QString path = dir.filePath("raw.bin");
        QString error;
        QVERIFY2(dlg_->saveTo(path, &error), qPrintable(error));
        QCOMPARE(read_all(path), expected);
    }

    void saveAsciiClientOnly() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        dlg_->setFormat(FollowFormat::Ascii);
        dlg_->setDirection(FollowDirection::ClientToServer);
        QVERIFY(!dlg_->plainText().contains("220 "));
        const QString path = dir.filePath("client.txt");
        QString error;
        QVERIFY2(dlg_->saveTo(path, &error), qPrintable(error));
        const QByteArray saved = read_all(path);
        QVERIFY(QString::fromUtf8(saved).contains("EHLO", Qt::CaseInsensitive));
        QVERIFY(!saved.contains("220 "));
        QCOMPARE(QString::fromUtf8(saved), dlg_->plainText());

        // The other side: the greeting, no client command.
        dlg_->setDirection(FollowDirection::ServerToClient);
        QVERIFY(dlg_->plainText().startsWith("220 "));
        QVERIFY(!dlg_->plainText().contains("EHLO ", Qt::CaseInsensitive));
        QVERIFY(dlg_->saveTo(path, &error));
        QVERIFY(read_all(path).startsWith("220 "));
    }

    void saveToBadPathFails() {
        QString error;
        QVERIFY(!dlg_->saveTo(QStringLiteral("/nonexistent-dir/x/y.txt"), &error));
        QVERIFY(!error.isEmpty());
    }

    void filterOutEmitsAndCloses() {
        QPointer<FollowStreamDialog> guard(dlg_);
        QSignalSpy spy(dlg_, &FollowStreamDialog::filterRequested);
        QSignalSpy filtered(win_, &MainWindow::filterFinished);
        QPushButton* out = nullptr;
        for (auto* b : dlg_->findChildren<QPushButton*>())
            if (b->text() == "Filter Out This Stream") out = b;
        QVERIFY(out);
        out->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QString("!(tcp.stream eq 0)"));
        QVERIFY(!guard || !guard->isVisible());
        // The window applied it: let the filter finish before tearing down.
        QVERIFY(filtered.count() > 0 || filtered.wait(60000));
        QTRY_VERIFY(!guard);  // WA_DeleteOnClose
    }

private:
    MainWindow* win_ = nullptr;
    FollowStreamDialog* dlg_ = nullptr;
};

QTEST_MAIN(FollowStreamTest)
#include "test_follow_stream.moc"
