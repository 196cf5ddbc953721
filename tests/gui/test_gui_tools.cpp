// The GUI's workers and analysis tools: frame re-dissection, Follow Stream
// and attachment saving off the GUI thread (and cancellable), numeric sorting
// in the Messages table, Expert Information against `-z expert`, the I/O
// graph's counts against the index and the filter, Save As, and Decode As
// turning a session on a non-standard port into SMTP.
// Runs with QT_QPA_PLATFORM=offscreen.
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

#include "dissectors/core/field_registry.hpp"
#include "ui/decode_as.hpp"
#include "ui/expert_dialog.hpp"
#include "ui/filter_runner.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/frame_index.hpp"
#include "ui/frame_dissection.hpp"
#include "ui/io_graph_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/messages_panel.hpp"
#include "ui/packet_list_model.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");
const QString kShared = QStringLiteral(MAILSCOPE_SOURCE_DIR "/../shared/captures");

using testing::cli_output;

// A classic little-endian pcap of Ethernet/IPv4/TCP frames, rewritten frame
// by frame: `copies` times the sample's records, with TCP port `from`
// changed to `to` (0 = unchanged). Copy c is 100 s later than copy c-1 and
// its client ports are moved, so every copy holds new connections.
bool write_variant(const QString& src, const QString& dest, int copies, uint16_t from, uint16_t to) {
    QFile in(src);
    if (!in.open(QIODevice::ReadOnly)) return false;
    QByteArray d = in.readAll();
    if (d.size() < 24) return false;
    QByteArray out = d.left(24);
    for (int c = 0; c < copies; ++c) {
        qsizetype off = 24;
        while (off + 16 <= d.size()) {
            uint32_t incl = 0;
            std::memcpy(&incl, d.constData() + off + 8, 4);
            if (off + 16 + qsizetype(incl) > d.size()) return false;
            QByteArray rec = d.mid(off, 16 + qsizetype(incl));
            uchar* p = reinterpret_cast<uchar*>(rec.data()) + 16;
            uint32_t ts = 0;
            std::memcpy(&ts, rec.constData(), 4);
            ts += uint32_t(c) * 100;
            std::memcpy(rec.data(), &ts, 4);
            bool ipv4_tcp = incl >= 54 && p[12] == 0x08 && p[13] == 0x00 && p[23] == 6;
            if (ipv4_tcp) {
                int tcp = 14 + (p[14] & 0x0f) * 4;
                for (int k : {tcp, tcp + 2}) {
                    uint16_t port = uint16_t((p[k] << 8) | p[k + 1]);
                    if (to && port == from) port = to;
                    else if (port >= 1024 && c > 0) port = uint16_t(1024 + (port - 1024 + c * 769) % 64000);
                    p[k] = uchar(port >> 8), p[k + 1] = uchar(port & 0xff);
                }
            }
            out += rec;
            off += 16 + qsizetype(incl);
        }
    }
    QFile f(dest);
    return f.open(QIODevice::WriteOnly) && f.write(out) == out.size();
}

// A TCP listener on 127.0.0.1 (POSIX: the GUI does not link Qt Network).
struct LoopbackPair {
    int listener = -1, client = -1, server = -1;
    uint16_t port = 0;
    bool open() {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listener, 1) != 0 ||
            ::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            return false;
        port = ntohs(a.sin_port);
        return true;
    }
    bool connect() {
        client = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port);
        if (::connect(client, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return false;
        server = ::accept(listener, nullptr, nullptr);
        return server >= 0;
    }
    static bool send(int fd, const char* text) { return ::write(fd, text, std::strlen(text)) == ssize_t(std::strlen(text)); }
    ~LoopbackPair() {
        for (int fd : {client, server, listener})
            if (fd >= 0) ::close(fd);
    }
};

int rows_with_protocol(const PacketListModel* m, const QString& prefix) {
    int n = 0;
    for (int r = 0; r < m->rowCount(); ++r)
        n += m->index(r, PacketListModel::Protocol).data().toString().startsWith(prefix);
    return n;
}
}  // namespace

class GuiToolsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        QCoreApplication::setApplicationName("test_gui_tools");
        QSettings().remove("decodeAs");
        ms::register_all();
        QVERIFY(tmp_.isValid());
        big_ = tmp_.filePath("repeated.pcap");
        // 60 copies of the sample: >10 000 frames, enough for a walk to
        // reach its cancellation checks (every 4096 frames).
        QVERIFY(write_variant(kSample, big_, 60, 0, 0));
    }
    void cleanupTestCase() { QSettings().remove("decodeAs"); }

    void init() { win_ = new MainWindow; }
    void cleanup() {
        delete win_;
        win_ = nullptr;
    }

    void selectingAFrameDissectsOnAWorker() {
        open(kSample);
        QSignalSpy shown(win_, &MainWindow::frameShown);
        QVERIFY(win_->selectFrame(20));
        // Nothing was dissected on the GUI thread: the tree arrives later.
        QVERIFY(win_->isBusy());
        QCOMPARE(win_->selectedFrame(), uint64_t(0));
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.front().front().toULongLong(), 20ull);
        QCOMPARE(win_->selectedFrame(), uint64_t(20));
        QVERIFY(!win_->isBusy());
    }

    void aNewerSelectionSupersedesAPendingOne() {
        open(big_);
        QSignalSpy shown(win_, &MainWindow::frameShown);
        const uint64_t last = win_->packetModel()->totalFrames();
        QVERIFY(last > 10000);
        QVERIFY(win_->selectFrame(last));
        QVERIFY(win_->selectFrame(3));
        QVERIFY(shown.wait(30000));
        QTest::qWait(200);  // a stray result of the first job would arrive now
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.front().front().toULongLong(), 3ull);
        QCOMPARE(win_->selectedFrame(), uint64_t(3));
    }

    void walksStopWhenCancelled() {
        std::atomic<bool> cancel{false};
        int reports = 0;
        WalkControl control;
        control.cancel = &cancel;
        control.progress = [&](int permille) {
            QVERIFY(permille >= 0 && permille <= 1000);
            ++reports;
            cancel = true;  // the user pressed Stop at the first report
        };
        std::string err;
        auto d = FrameDissection::run(big_.toStdString(), 10000, 0, err, control);
        QVERIFY(!d);
        QCOMPARE(QString::fromStdString(err), QString("cancelled"));
        QVERIFY(reports >= 1);

        // The display filter pass (what the filter bar runs) stops too, with
        // progress reported on the way.
        std::atomic<bool> stop{false};
        int progress_calls = 0;
        auto r = FilterRunner::run_now(big_, "tcp", &stop, [&](int) {
            ++progress_calls;
            stop = true;
        });
        QVERIFY(r->cancelled);
        QVERIFY(progress_calls >= 1);
        QVERIFY(r->rows.size() < 10000);
        // Uncancelled, the same walk reaches the frame.
        auto full = FrameDissection::run(big_.toStdString(), 10000, 0, err);
        QVERIFY(full);
        QCOMPARE(full->number(), uint64_t(10000));
    }

    void followStreamRunsOnAWorker() {
        open(kSample);
        QVERIFY(win_->selectFrameAndWait(1));
        QSignalSpy followed(win_, &MainWindow::streamFollowed);
        QVERIFY(win_->followTcpStream());
        QVERIFY(win_->isBusy());
        QVERIFY(followed.wait(30000));
        auto* dlg = followed.front().front().value<FollowStreamDialog*>();
        QVERIFY(dlg);
        QVERIFY(dlg->plainText().contains("EHLO", Qt::CaseInsensitive));
        dlg->close();
    }

    void attachmentSavesOnAWorker() {
        open(kSample);
        MessagesPanel* p = win_->messagesPanel();
        std::shared_ptr<const MessageRecord> m;
        for (int r = 0; r < p->messageCount(); ++r)
            if (!p->message(r)->summary.attachments.empty()) m = p->message(r);
        QVERIFY(m);
        const auto& a = m->summary.attachments.front();
        QString dest = tmp_.filePath("attachment.bin");
        QSignalSpy saved(p, &MessagesPanel::attachmentSaved);
        p->saveAttachmentInBackground(m->ordinal, a.path, dest);
        QVERIFY(saved.wait(30000));
        QCOMPARE(saved.front().at(1).toString(), QString());
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        QCOMPARE(qulonglong(bytes.size()), qulonglong(a.size));
        QCOMPARE(QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
                 QString::fromStdString(a.sha256_hex));
    }

    void messagesSortNumerically() {
        open(big_);  // 60 copies: frame numbers of 2 to 5 digits
        MessagesPanel* p = win_->messagesPanel();
        QVERIFY(p->messageCount() >= 60);
        QCOMPARE(p->messageTable()->model()->rowCount(), p->messageCount());
        for (int column : {0, 1, 6, 7}) {
            for (auto order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                p->sortBy(column, order);
                QSet<int> digits;
                for (int r = 0; r + 1 < p->messageCount(); ++r) {
                    double a = p->cellText(r, column).toDouble(), b = p->cellText(r + 1, column).toDouble();
                    if (order == Qt::AscendingOrder) QVERIFY2(a <= b, qPrintable(QString("column %1 row %2").arg(column).arg(r)));
                    else QVERIFY2(a >= b, qPrintable(QString("column %1 row %2").arg(column).arg(r)));
                    digits.insert(int(p->cellText(r, column).section('.', 0, 0).size()));
                }
                // Text order would differ from numeric order only if lengths differ.
                if (column == 0 || column == 1) QVERIFY(digits.size() >= 2);
            }
        }
        // The row still maps to its own message after sorting, and the
        // selection follows its message through a sort.
        p->sortBy(0, Qt::DescendingOrder);
        QCOMPARE(QString::number(p->message(0)->end_frame), p->cellText(0, 0));
        p->selectMessage(0);
        const auto selected = p->message(0);
        p->sortBy(0, Qt::AscendingOrder);
        // Records are unpacked on demand: the same message, not the same object.
        QCOMPARE(p->message(p->selectedMessage())->ordinal, selected->ordinal);
        QVERIFY(p->selectedMessage() != 0);
    }

    void frameIndexRowsComeBackAsStored() {
        // Rows are stored in 24 bytes (ports per stream, a protocol table,
        // 3-byte stream and length): every field must come back, ordinary
        // rows and the ones that do not fit alike.
        IndexBatch batch;
        auto add = [&](FrameRow r) {
            batch.rows.push_back(r);
            put_info(batch, "row " + std::to_string(batch.rows.size()));
        };
        for (int i = 0; i < 2000; ++i) {
            FrameRow r;
            r.rel_ns = int64_t(i) * 1000003 - 5000;  // negative times too (clocks step back)
            r.wirelen = uint32_t(60 + i % 1500);
            r.src = uint32_t(i % 7), r.dst = uint32_t(100000 + i % 5);
            r.tcp_stream = i % 10 == 0 ? -1 : i % 40;
            const bool back = i % 3 == 0;
            if (r.tcp_stream >= 0) r.srcport = back ? 25 : uint16_t(40000 + r.tcp_stream), r.dstport = back ? uint16_t(40000 + r.tcp_stream) : 25;
            r.protocol = uint32_t(70000 + i % 4);  // name ids past 16 bits
            r.row_class = RowClass(i % int(RowClass::Count));
            r.severity = uint8_t(i % 6);
            add(r);
        }
        FrameRow big;
        big.tcp_stream = 0xfffffe;
        add(big);  // a 16 M-th stream
        FrameRow huge;
        huge.wirelen = 1u << 24;
        add(huge);  // a 16 MiB frame
        FrameRow odd;
        odd.tcp_stream = 5, odd.srcport = 1, odd.dstport = 2;
        add(odd);  // ports its stream never had
        FrameRow udp;
        udp.srcport = 53, udp.dstport = 5353;
        add(udp);  // ports outside TCP
        for (uint32_t p = 0; p < 300; ++p) {
            FrameRow r;
            r.protocol = 200000 + p;
            add(r);  // more protocol names than the table holds
        }
        FrameIndex index;
        index.append(batch);
        QCOMPARE(index.size(), batch.rows.size());
        for (std::size_t i = 0; i < batch.rows.size(); ++i) {
            const FrameRow a = batch.rows[i], b = index.row(i);
            const bool same = a.rel_ns == b.rel_ns && a.wirelen == b.wirelen && a.src == b.src && a.dst == b.dst &&
                              a.tcp_stream == b.tcp_stream && a.protocol == b.protocol && a.srcport == b.srcport &&
                              a.dstport == b.dstport && a.row_class == b.row_class && a.severity == b.severity;
            QVERIFY2(same, qPrintable(QString("row %1 changed in the index").arg(i)));
            QCOMPARE(QString::fromStdString(index.info(i)), QString("row %1").arg(i + 1));
        }
        // The ordinary rows cost their 24 bytes, not more.
        QVERIFY(index.memory_bytes() < batch.rows.size() * 24 + 400 * 64 + (1u << 20));
    }

    void infoStoreRoundTripsEveryRow() {
        // Crafted texts across several sealed blocks and an open tail:
        // empty, multi-byte UTF-8, long (two-byte length prefixes).
        PackedTextStore store;
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < 3 * PackedTextStore::kDefaultBlockRows + 17; ++i) {
            std::string t = i % 7 == 0 ? std::string() : "row " + std::to_string(i) + " \xE2\x86\x92 ";
            if (i % 50 == 3) t += std::string(300 + i, char('a' + i % 26));
            texts.push_back(t);
            store.append(t);
        }
        QCOMPARE(store.size(), texts.size());
        // Random access in an order that defeats the block cache.
        for (std::size_t k = 0; k < texts.size(); ++k) {
            std::size_t i = (k * 389) % texts.size();
            QCOMPARE(QString::fromStdString(store.get(i)), QString::fromStdString(texts[i]));
        }
        QVERIFY(store.get(texts.size()).empty());
        std::size_t seen = 0;
        store.for_each([&](std::size_t i, std::string_view t) {
            QCOMPARE(i, seen++);
            QVERIFY(t == texts[i]);
        });
        QCOMPARE(seen, texts.size());
        // Deflated: the sealed blocks cost far less than their text.
        std::size_t sealed_raw = 0;
        for (std::size_t i = 0; i < 3 * PackedTextStore::kDefaultBlockRows; ++i) sealed_raw += texts[i].size();
        QVERIFY(store.packed_bytes() > 0);
        QVERIFY(store.packed_bytes() < sealed_raw / 2);
    }

    void packetListInfoMatchesCli_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("sample-60-copies") << big_;
        QString shared = kShared + "/zeek/smtp__smtp-many-addresses.pcap.gz";
        if (QFile::exists(shared)) QTest::newRow("zeek-many-addresses") << shared;
        else qWarning("shared captures not found next to the source tree; testing the sample only");
    }
    void packetListInfoMatchesCli() {
        // The Info column comes back out of the deflated blocks: every row
        // must equal the CLI's summary line's Info (its tail).
        QFETCH(QString, file);
        open(file);
        const PacketListModel* m = win_->packetModel();
        QStringList lines = cli_output({"-r", file}).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(qsizetype(m->rowCount()), lines.size());
        if (file == big_) QVERIFY(m->rowCount() > int(PackedTextStore::kDefaultBlockRows));  // sealed blocks read back
        const QString ellipsis = QString::fromUtf8("\xE2\x80\xA6");
        for (int r = 0; r < m->rowCount(); ++r) {
            QString info = m->index(r, PacketListModel::Info).data().toString();
            QCOMPARE(info, QString::fromStdString(m->frameIndex().info(std::size_t(r))));
            QString expected = lines[r];
            if (info.endsWith(ellipsis)) info.chop(ellipsis.size());  // cut at kMaxInfo
            else info = " " + info;
            QVERIFY2(info.trimmed().isEmpty() || expected.contains(info),
                     qPrintable(QString("frame %1: '%2' not in '%3'").arg(r + 1).arg(info, expected)));
            if (!info.trimmed().isEmpty() && !m->index(r, PacketListModel::Info).data().toString().endsWith(ellipsis))
                QVERIFY2(expected.endsWith(info), qPrintable(QString("frame %1").arg(r + 1)));
        }
        // Sorting by Info inflates everything once and orders the texts.
        win_->packetModel()->sort(PacketListModel::Info, Qt::AscendingOrder);
        for (int r = 0; r + 1 < m->rowCount(); ++r)
            QVERIFY(m->index(r, PacketListModel::Info).data().toString().toStdString() <=
                    m->index(r + 1, PacketListModel::Info).data().toString().toStdString());
    }

    void expertDialogMatchesCli_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("sample") << kSample;
        QString shared = kShared + "/zeek/smtp-mail-transactions-invalid.pcap";
        if (QFile::exists(shared)) QTest::newRow("zeek-invalid-transactions") << shared;
        else qWarning("shared captures not found next to the source tree; testing the sample only");
    }
    void expertDialogMatchesCli() {
        QFETCH(QString, file);
        open(file);
        ExpertDialog* dlg = win_->showExpertInfo();
        QVERIFY(dlg);
        // "-z expert" prints "Warns (12)" per severity, then one row per entry.
        // Run with summary lines, as the GUI's loading pass computes the Info
        // column too (the dissection mode must match), then keep the report.
        QString cli = cli_output({"-r", file, "-z", "expert"});
        QVERIFY(cli.contains("============="));
        cli = cli.mid(cli.lastIndexOf('\n', cli.indexOf("=============") - 2));
        const std::pair<const char*, ms::Severity> sections[] = {{"Errors", ms::Severity::Error},
                                                                 {"Warns", ms::Severity::Warn},
                                                                 {"Notes", ms::Severity::Note},
                                                                 {"Chats", ms::Severity::Chat}};
        int checked = 0;
        for (const auto& [title, sev] : sections) {
            auto match = QRegularExpression(QString("^%1 \\((\\d+)\\)$").arg(title), QRegularExpression::MultilineOption)
                             .match(cli);
            qulonglong expected = match.hasMatch() ? match.captured(1).toULongLong() : 0;
            QCOMPARE(qulonglong(dlg->severityTotal(sev)), expected);
            QTreeWidgetItem* top = dlg->severityItem(sev);
            QCOMPARE(top != nullptr, expected > 0);
            if (top) {
                QCOMPARE(top->text(ExpertDialog::CountCol).toULongLong(), expected);
                ++checked;
            }
        }
        QVERIFY(checked >= 2);
        // Every entry row of the CLI appears with its count.
        auto rows = QRegularExpression("^\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)  (.*)$", QRegularExpression::MultilineOption)
                        .globalMatch(cli);
        int cli_rows = 0;
        while (rows.hasNext()) {
            auto r = rows.next();
            ++cli_rows;
            auto found = dlg->tree()->findItems(r.captured(4), Qt::MatchExactly | Qt::MatchRecursive,
                                                ExpertDialog::SummaryCol);
            QVERIFY2(!found.isEmpty(), qPrintable(r.captured(4)));
            QCOMPARE(found.front()->text(ExpertDialog::CountCol), r.captured(1));
            QCOMPARE(found.front()->text(ExpertDialog::ProtocolCol), r.captured(3));
        }
        int entries = 0;
        for (int i = 0; i < dlg->tree()->topLevelItemCount(); ++i) entries += dlg->tree()->topLevelItem(i)->childCount();
        QCOMPARE(entries, cli_rows);

        // Expanding an entry lists its frames; double-clicking one goes there.
        QTreeWidgetItem* entry = dlg->severityItem(ms::Severity::Warn)->child(0);
        entry->setExpanded(true);
        QVERIFY(entry->childCount() >= 1);
        QTreeWidgetItem* frame_item = entry->child(0);
        const quint64 frame = frame_item->text(ExpertDialog::SummaryCol).section(' ', 1).toULongLong();
        QVERIFY(frame > 0);
        // The frame carries that expert: the CLI agrees.
        QVERIFY(cli_output({"-r", file, "-Y", QString("frame.number == %1 && _ws.expert").arg(frame)}).count('\n') == 1);
        QSignalSpy shown(win_, &MainWindow::frameShown);
        QVERIFY(QTest::qWaitForWindowExposed(dlg));
        dlg->tree()->scrollToItem(frame_item);
        QRect rect = dlg->tree()->visualItemRect(frame_item);
        QVERIFY(rect.isValid());
        // A real double-click: press, release, then the double-click event.
        QTest::mouseClick(dlg->tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(dlg->tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QVERIFY(shown.wait(30000));
        QCOMPARE(shown.front().front().toULongLong(), frame);
        dlg->close();
    }

    void ioGraphCountsThePackets() {
        open(kSample);
        IoGraphDialog* dlg = win_->showIoGraph();
        QVERIFY(dlg);
        const FrameIndex& index = win_->packetModel()->frameIndex();
        QCOMPARE(dlg->allSeries().total, uint64_t(index.size()));
        dlg->setInterval(10000000);  // 10 ms
        int64_t last = 0;
        uint64_t bytes = 0;
        for (std::size_t i = 0; i < index.size(); ++i)
            last = std::max(last, index.row(i).rel_ns), bytes += index.row(i).wirelen;
        QCOMPARE(dlg->allSeries().values.size(), std::size_t(last / 10000000 + 1));
        QCOMPARE(dlg->allSeries().total, uint64_t(index.size()));
        dlg->setBytes(true);
        QCOMPARE(dlg->allSeries().total, bytes);
        dlg->setBytes(false);

        const QString filter = "smtp.req.command == \"RCPT\"";
        const int expected = int(cli_output({"-r", kSample, "-Y", filter}).count('\n'));
        QVERIFY(expected > 0);
        QSignalSpy ready(dlg, &IoGraphDialog::filterSeriesReady);
        dlg->setFilter(filter);
        QVERIFY(dlg->isFiltering() || ready.size() == 1);
        QVERIFY(ready.size() == 1 || ready.wait(30000));
        QVERIFY(dlg->hasFilteredSeries());
        QCOMPARE(dlg->filteredSeries().total, uint64_t(expected));
        QCOMPARE(dlg->filteredSeries().values.size(), dlg->allSeries().values.size());
        for (std::size_t i = 0; i < dlg->allSeries().values.size(); ++i)
            QVERIFY(dlg->filteredSeries().values[i] <= dlg->allSeries().values[i]);
        // The plot paints both series without trouble.
        dlg->resize(800, 400);
        QVERIFY(!dlg->plot()->grab().isNull());

        // io_bins keeps a long capture at a tiny interval bounded.
        IoSeries s = io_bins(index, nullptr, 1, false, 1000);
        QVERIFY(s.values.size() <= 1000);
        QCOMPARE(s.total, uint64_t(index.size()));
    }

    void saveAsCopiesTheCapture() {
        open(kSample);
        QString dest = tmp_.filePath("saved.pcap");
        QString err;
        QVERIFY2(win_->saveCaptureAs(dest, &err), qPrintable(err));
        QFile a(kSample), b(dest);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void liveCaptureShowsPacketsAsTheyArrive() {
        const QString helper = QFileInfo(QStringLiteral(MAILSCOPE_CLI)).absolutePath() + "/mailscope-capture";
        if (!QFileInfo(helper).isExecutable()) QSKIP("mailscope-capture is not built");
        LoopbackPair net;
        QVERIFY(net.open());
        ms::LiveCaptureOptions o;
        o.interfaces = {"lo"};
        o.capture_filter = QString("tcp port %1").arg(net.port).toStdString();
        o.helper_path = helper.toStdString();
        QSignalSpy started(win_, &MainWindow::liveCaptureStarted);
        QSignalSpy finished(win_, &MainWindow::loadFinished);
        QVERIFY(win_->startLiveCapture(o));
        QVERIFY(win_->isCapturing());
        if (!started.wait(20000)) {
            // No capture rights here (not root, no setcap): the window says why.
            QVERIFY(finished.size() == 1 || finished.wait(5000));
            QVERIFY(win_->lastLoad() && !win_->lastLoad()->error.isEmpty());
            QSKIP(qPrintable("live capture unavailable: " + win_->lastLoad()->error));
        }
        // An SMTP greeting and EHLO on a port no dissector owns: content
        // detection names it SMTP.
        QVERIFY(net.connect());
        QVERIFY(LoopbackPair::send(net.server, "220 live.example.test ESMTP\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(win_->packetModel()->totalFrames() >= 4, 15000);
        QVERIFY(LoopbackPair::send(net.client, "EHLO me.example.test\r\n"));
        // Rows arrive while the capture still runs.
        QTRY_VERIFY_WITH_TIMEOUT(rows_with_protocol(win_->packetModel(), "SMTP") >= 2, 15000);
        QVERIFY(win_->isCapturing());
        QVERIFY(win_->statusText().contains("capturing"));
        // Capture > Restart: the old capture ends, a new one starts empty
        // into a new file and sees what comes next.
        const QString first_file = win_->filePath();
        started.clear();
        win_->restartLiveCapture();
        QVERIFY(finished.wait(20000));
        QVERIFY(started.size() == 1 || started.wait(20000));
        QVERIFY(win_->isCapturing());
        QVERIFY(win_->filePath() != first_file);
        QVERIFY(cli_output({"-r", first_file, "-Y", "smtp"}).count('\n') >= 2);  // the first capture was kept whole
        QFile::remove(first_file);
        QCOMPARE(int(win_->packetModel()->totalFrames()), 0);
        // The connection began before this capture: its segments still come
        // in (as TCP; the start that names the protocol was not seen here).
        QVERIFY(LoopbackPair::send(net.server, "250-live.example.test\r\n250 SIZE 1000\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(win_->packetModel()->totalFrames() >= 2, 15000);
        finished.clear();
        win_->stopLiveCapture();
        QVERIFY(finished.wait(20000));
        QVERIFY(!win_->isCapturing());
        QVERIFY2(win_->lastLoad()->error.isEmpty(), qPrintable(win_->lastLoad()->error));
        const int frames = int(win_->packetModel()->totalFrames());
        QVERIFY(frames >= 2);
        // The file holds exactly the frames shown, and works like an opened one.
        QCOMPARE(int(cli_output({"-r", win_->filePath()}).count('\n')), frames);
        QVERIFY(win_->selectFrameAndWait(uint64_t(frames)));
        QString dest = tmp_.filePath("live.pcapng");
        QString err;
        QVERIFY2(win_->saveCaptureAs(dest, &err), qPrintable(err));
        QCOMPARE(int(cli_output({"-r", dest, "-Y", "smtp"}).count('\n')), rows_with_protocol(win_->packetModel(), "SMTP"));
        QFile::remove(win_->filePath());
    }

    // Last: Decode As changes the process-wide dissector table.
    void decodeAsMakesANonStandardPortSmtp() {
        const int smtp_rows = [&] {
            open(kSample);
            return rows_with_protocol(win_->packetModel(), "SMTP");
        }();
        const int messages = win_->messagesPanel()->messageCount();
        QVERIFY(smtp_rows > 50);
        // The same sessions with the server on port 110: POP3's port.
        QString moved = tmp_.filePath("smtp-on-110.pcap");
        QVERIFY(write_variant(kSample, moved, 1, 25, 110));
        open(moved);
        QCOMPARE(rows_with_protocol(win_->packetModel(), "SMTP"), 0);
        QVERIFY(rows_with_protocol(win_->packetModel(), "POP") > 0);

        QSignalSpy loaded(win_, &MainWindow::loadFinished);
        QString err;
        QVERIFY2(win_->applyDecodeAs({110, "smtp"}, &err), qPrintable(err));
        QVERIFY(loaded.wait(60000));
        QCOMPARE(rows_with_protocol(win_->packetModel(), "SMTP"), smtp_rows);
        QCOMPARE(rows_with_protocol(win_->packetModel(), "POP"), 0);
        QCOMPARE(win_->messagesPanel()->messageCount(), messages);
        QVERIFY(QSettings().value("decodeAs").toStringList().contains("tcp.port==110,smtp"));
        // A conflicting rule for the same port is refused, not silently ignored.
        QVERIFY(!win_->applyDecodeAs({110, "imap"}, &err));
        QVERIFY(err.contains("110"));
        DecodeAsRule parsed;
        QVERIFY(parse_decode_as("tcp.port==2526,imap", parsed));
        QCOMPARE(parsed.port, uint16_t(2526));
        QVERIFY(!parse_decode_as("tcp.port==70000,smtp", parsed));
    }

private:
    void open(const QString& path) { QVERIFY(testing::load_capture(*win_, path)); }

    MainWindow* win_ = nullptr;
    QTemporaryDir tmp_;
    QString big_;
};

QTEST_MAIN(GuiToolsTest)
#include "test_gui_tools.moc"
