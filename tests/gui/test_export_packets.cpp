// File > Export Specified Packets on the real window: the frames of each
// range, in each format, come out byte for byte as the open file has them.
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "capture/source/frame_source.hpp"
#include "dissectors/core/field_registry.hpp"
#include "ui/export_packets_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/packet_list_model.hpp"
#include "gui_test_support.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");

struct Frame {
    int64_t ts_ns;
    uint32_t wirelen;
    std::string bytes;
    bool operator==(const Frame&) const = default;
};

std::vector<Frame> read_frames(const QString& path, std::string* format = nullptr) {
    std::string err;
    auto src = ms::open_capture(path.toStdString(), err);
    std::vector<Frame> out;
    if (!src) return out;
    if (format) *format = src->format_name();
    ms::RawFrame f;
    while (src->next(f) == ms::ReadStatus::Frame)
        out.push_back({f.ts_ns, f.wirelen, std::string(reinterpret_cast<const char*>(f.data.data()), f.data.size())});
    return out;
}
}  // namespace

class ExportPacketsTest : public QObject {
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

    void allDisplayedAndSelectedByteForByte() {
        const std::vector<Frame> source = read_frames(kSample);
        QVERIFY(source.size() > 100);
        QTemporaryDir dir;
        QString err;

        const QString all = dir.filePath("all.pcapng");
        QVERIFY2(win_->exportPacketsAndWait(all, ExportRange::All, ms::CaptureFileFormat::Pcapng, &err), qPrintable(err));
        std::string format;
        QVERIFY(read_frames(all, &format) == source);
        QCOMPARE(QString::fromStdString(format), QString("pcapng"));

        // -Y 'smtp.req.command == "RCPT"' matches frames 148 and 175.
        QSignalSpy filtered(win_, &MainWindow::filterFinished);
        win_->applyFilter("smtp.req.command == \"RCPT\"");
        QVERIFY(filtered.wait(60000));
        QCOMPARE(win_->packetModel()->rowCount(), 2);
        const QString shown = dir.filePath("shown.pcap");
        QVERIFY2(win_->exportPacketsAndWait(shown, ExportRange::Displayed, ms::CaptureFileFormat::Pcap, &err),
                 qPrintable(err));
        const auto got = read_frames(shown, &format);
        QCOMPARE(QString::fromStdString(format), QString("pcap"));
        QVERIFY(got == std::vector<Frame>({source[147], source[174]}));

        QVERIFY(win_->selectFrameAndWait(175));
        const QString one = dir.filePath("one.pcapng");
        QVERIFY2(win_->exportPacketsAndWait(one, ExportRange::Selected, ms::CaptureFileFormat::Pcapng, &err),
                 qPrintable(err));
        QVERIFY(read_frames(one) == std::vector<Frame>({source[174]}));

        // Never over the open file.
        QVERIFY(!win_->exportPacketsAndWait(kSample, ExportRange::All, ms::CaptureFileFormat::Pcap, &err));
        QVERIFY(!err.isEmpty());
    }

private:
    MainWindow* win_ = nullptr;
};

QTEST_MAIN(ExportPacketsTest)
#include "test_export_packets.moc"
