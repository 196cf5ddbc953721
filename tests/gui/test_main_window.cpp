// The GUI end to end on a recorded sample: load, filter, detail tree and
// hex highlight, Follow TCP Stream, Messages panel and attachment saving.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "dissectors/core/field_registry.hpp"
#include "ui/credentials_panel.hpp"
#include "ui/filter_bar.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/hex_view.hpp"
#include "ui/main_window.hpp"
#include "ui/messages_model.hpp"
#include "ui/messages_panel.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/proto_tree_model.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

// Lines mailscope-cli prints for the file (one per frame, or per match).
int cli_lines(const QStringList& extra) {
    return int(testing::cli_output(QStringList{"-r", kSample} + extra).count('\n'));
}
}  // namespace

class MainWindowTest : public QObject {
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
    void cleanup() { delete win_; }

    void loadsEveryFrame() {
        int frames = cli_lines({});
        QVERIFY(frames > 100);
        QCOMPARE(int(win_->packetModel()->totalFrames()), frames);
        QCOMPARE(win_->packetModel()->rowCount(), frames);
        QVERIFY(win_->lastLoad()->error.isEmpty());
        QVERIFY(win_->statusText().contains(QString("Packets: %1").arg(frames)));
        // Row 1 is a TCP SYN on port 25.
        QCOMPARE(win_->packetModel()->index(0, PacketListModel::Protocol).data().toString(), QString("TCP"));
        QVERIFY(win_->packetModel()->frameIndex().memory_bytes() < std::size_t(frames) * 200);
    }

    void filterShowsMatchingFrames() {
        const QString f = QStringLiteral("smtp.req.command == \"RCPT\"");
        int expected = cli_lines({"-Y", f});
        QVERIFY(expected > 0);
        QSignalSpy done(win_, &MainWindow::filterFinished);
        win_->applyFilter(f);
        QVERIFY(done.wait(60000));
        QCOMPARE(win_->packetModel()->rowCount(), expected);
        for (int r = 0; r < expected; ++r)
            QVERIFY(win_->packetModel()->index(r, PacketListModel::Info).data().toString().contains("RCPT", Qt::CaseInsensitive));
        // Clearing shows every frame again.
        win_->applyFilter(QString());
        QCOMPARE(win_->packetModel()->rowCount(), int(win_->packetModel()->totalFrames()));
    }

    void filterBarValidates() {
        FilterBar* bar = win_->filterBar();
        bar->setText("smtp.req.command ==");
        QVERIFY(!bar->isValid());
        QVERIFY(!bar->errorText().isEmpty());
        bar->setText("tcp.port == 25");
        QVERIFY(bar->isValid());
    }

    void selectedFrameShowsTreeAndBytes() {
        QVERIFY(win_->selectFrameAndWait(1));
        ProtoTreeModel* m = win_->detailModel();
        uint32_t tcp = m->findNode("Transmission Control Protocol");
        QVERIFY(tcp != 0);
        uint32_t port = m->findNode("Destination Port: 25");
        QVERIFY(port != 0);
        win_->selectNode(port);
        HexView* hex = win_->currentHexView();
        QVERIFY(hex);
        // Ethernet (14) + IPv4 (20) + 2 bytes of source port.
        QCOMPARE(hex->highlightOffset(), uint64_t(36));
        QCOMPARE(hex->highlightLength(), uint64_t(2));
        // Clicking a byte of the destination port selects that field again.
        QCOMPARE(m->deepestNodeAt(0, 37), port);
        QCOMPARE(QString::fromStdString(filter_for_node(win_->detailModel()->frame()->tree(), port)),
                 QString("tcp.dstport == 25"));
    }

    void followStreamShowsTheDialogue() {
        QVERIFY(win_->selectFrameAndWait(1));
        FollowStreamDialog* dlg = win_->followTcpStreamAndWait();
        QVERIFY(dlg);
        QVERIFY(dlg->plainText().contains("EHLO", Qt::CaseInsensitive));
        QVERIFY(dlg->plainText().contains("220 mail.example.test"));
        dlg->setFormat(FollowFormat::Hex);
        QVERIFY(dlg->plainText().startsWith("00000000  "));
        dlg->close();
    }

    void messagesPanelListsMessagesAndSavesAttachments() {
        win_->showMessagesPanel();
        MessagesPanel* p = win_->messagesPanel();
        QVERIFY(p->messageCount() >= 5);
        int row = -1;
        for (int r = 0; r < p->messageCount(); ++r)
            if (p->message(r)->summary.subject == "Quarterly numbers (attachment)") row = r;
        QVERIFY(row >= 0);
        const auto m = p->message(row);
        QCOMPARE(QString::fromStdString(m->summary.from), QString("Bob Example <bob@example.test>"));
        QCOMPARE(p->cellText(row, MessagesModel::Subject), QString("Quarterly numbers (attachment)"));
        // The SMTP envelope (frames 52 and 54), as sent, without brackets or parameters.
        QCOMPARE(p->cellText(row, MessagesModel::EnvelopeFrom), QString("bob@example.test"));
        QCOMPARE(p->cellText(row, MessagesModel::EnvelopeTo), QString("alice@example.test"));
        p->selectMessage(row);
        QVERIFY(p->headerText().contains("Subject: Quarterly numbers (attachment)"));
        QCOMPARE(p->attachmentTable()->rowCount(), 1);
        QCOMPARE(p->attachmentTable()->item(0, 0)->text(), QString("numbers.csv"));
        QString sha = p->attachmentTable()->item(0, 4)->text();
        QCOMPARE(sha.size(), 64);

        QTemporaryDir dir;
        QString dest = dir.filePath("numbers.csv");
        QString err;
        QVERIFY2(p->saveAttachment(0, dest, err), qPrintable(err));
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        QCOMPARE(qulonglong(bytes.size()), qulonglong(m->summary.attachments[0].size));
        QCOMPARE(QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()), sha);

        // Going to the message's frame shows its IMF tree.
        QVERIFY(win_->selectFrameAndWait(m->end_frame));
        QVERIFY(win_->detailModel()->findNode("Internet Message Format") != 0);
    }

    void decodedSubjectOfEncodedWords() {
        MessagesPanel* p = win_->messagesPanel();
        bool found = false;
        for (int r = 0; r < p->messageCount(); ++r)
            found |= QString::fromStdString(p->message(r)->summary.from).startsWith(QString::fromUtf8("Renée"));
        QVERIFY(found);
    }

private:
    MainWindow* win_ = nullptr;
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
