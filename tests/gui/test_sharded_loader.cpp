// The loading pass on several cores must give the window exactly what the
// single-threaded pass gives: every row (names, TCP stream numbers, colour
// class, Info), every message record (ordinals, streams, summaries,
// headers), the credentials and the expert information. Every capture we
// have, loaded with MAILSCOPE_THREADS=1 and with 2 and 3 shards, and a
// capture of copies of real flows whose Message-IDs repeat over many
// conversations (the shards defer that check to the merger).
#include <QDir>
#include <QTemporaryDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTest>

#include <cstdlib>
#include <cstring>

#include "dissectors/core/field_registry.hpp"
#include "ui/capture_loader.hpp"
#include "ui/message_record_codec.hpp"

using namespace ms::ui;

namespace {

const QString kSamples = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples");
const QString kShared = QStringLiteral(MAILSCOPE_SOURCE_DIR "/../shared/captures");

// Everything one load hands over, in comparable text form.
struct Loaded {
    QStringList rows;      // one line per frame
    QStringList messages;  // one packed record per message (sorted)
    QStringList problems;  // the messages' problems (sorted)
    QStringList credentials;
    QStringList experts;
    QString error;
    quint64 frames = 0;
};

QString row_line(const FrameIndex& names, const FrameRow& r, const std::string& info) {
    return QString("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 | %11")
        .arg(r.rel_ns)
        .arg(r.wirelen)
        .arg(QString::fromStdString(std::string(names.name(r.src))))
        .arg(QString::fromStdString(std::string(names.name(r.dst))))
        .arg(r.tcp_stream)
        .arg(r.srcport)
        .arg(r.dstport)
        .arg(QString::fromStdString(std::string(names.name(r.protocol))))
        .arg(int(r.row_class))
        .arg(int(r.severity))
        .arg(QString::fromStdString(info));
}

Loaded load(const QString& path, unsigned threads) {
    setenv("MAILSCOPE_THREADS", std::to_string(threads).c_str(), 1);
    Loaded out;
    FrameIndex index;
    CaptureLoader loader(path);
    // Direct connections: the batches are taken on the emitting thread, one
    // emission at a time; wait() orders them before the checks.
    QObject::connect(&loader, &CaptureLoader::batchReady, &loader, [&](std::shared_ptr<IndexBatch> b) { index.append(*b); },
                     Qt::DirectConnection);
    QObject::connect(
        &loader, &CaptureLoader::messagesReady, &loader,
        [&](std::shared_ptr<std::vector<MessageRecord>> ms) {
            for (const auto& m : *ms) {
                std::string bytes;
                pack_message(m, bytes);
                out.problems << QString::fromStdString(m.problems);
                out.messages << QString::fromLatin1(QByteArray(bytes.data(), qsizetype(bytes.size())).toHex());
            }
        },
        Qt::DirectConnection);
    QObject::connect(
        &loader, &CaptureLoader::loaded, &loader,
        [&](std::shared_ptr<LoadResult> r) {
            out.error = r->error;
            out.frames = r->frames;
            for (const auto& c : r->credentials)
                out.credentials << QString("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                                       .arg(c.frame)
                                       .arg(c.tcp_stream)
                                       .arg(QString::fromStdString(c.protocol), QString::fromStdString(c.username),
                                            QString::fromStdString(c.password), QString::fromStdString(c.mechanism),
                                            QString::fromStdString(c.server))
                                       .arg(int(c.verdict))
                                       .arg(c.verdict_frame);
            for (std::size_t s = 0; s < r->experts.frames_by_severity.size(); ++s)
                out.experts << QString("severity %1: %2 frames").arg(s).arg(r->experts.frames_by_severity[s]);
            for (const auto& e : r->expert_entries) {
                QStringList frames;
                for (uint32_t f : e.frames) frames << QString::number(f);
                out.experts << QString("%1 %2 %3 %4 x%5 in %6: %7")
                                   .arg(int(e.severity))
                                   .arg(int(e.group))
                                   .arg(QString::fromStdString(e.protocol), QString::fromStdString(e.summary))
                                   .arg(e.count)
                                   .arg(e.frames_total)
                                   .arg(frames.join(','));
            }
        },
        Qt::DirectConnection);
    loader.start();
    loader.wait();
    unsetenv("MAILSCOPE_THREADS");
    for (std::size_t i = 0; i < index.size(); ++i) out.rows << row_line(index, index.row(i), index.info(i));
    // Messages that end with the capture (flushed at its end) come in the
    // order each pass flushes its streams; the window sorts them anyway.
    out.messages.sort();
    out.problems.sort();
    return out;
}

QStringList captures() {
    QStringList files;
    for (const QString& dir : {kSamples, kShared}) {
        QDirIterator it(dir, {"*.pcap", "*.pcapng", "*.pcap.gz", "*.pcapng.gz", "*.cap"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) files << it.next();
    }
    files.sort();
    return files;
}

}  // namespace

class ShardedLoaderTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ms::register_all(); }

    void shardedLoadEqualsSingleThreaded() {
        const QStringList files = captures();
        QVERIFY2(!files.isEmpty(), "no captures in samples/");
        if (!QFileInfo::exists(kShared)) qWarning("shared captures not found next to the source tree; samples only");
        std::size_t with_messages = 0, with_streams = 0;
        for (const QString& f : files) {
            const Loaded one = load(f, 1);
            with_messages += !one.messages.isEmpty();
            with_streams += one.rows.size() > 1;
            compare_with_shards(f, one);
            if (QTest::currentTestFailed()) return;
        }
        QVERIFY2(with_messages > 0, "no capture carried a message: the comparison proves nothing about them");
        qInfo("%lld captures compared, %zu with messages", qlonglong(files.size()), with_messages);
    }

    // Every copy after the first carries a Message-ID an earlier conversation
    // carried, often on another shard: the duplicate notes and the Received
    // checks against the earlier SMTP session must come out as on one thread.
    void duplicatesAcrossConversationsAsOnOneThread() {
        const QString maker = kShared + "/../bench/make-bigcap.py";
        if (!QFileInfo::exists(maker)) QSKIP("no ../shared/bench/make-bigcap.py next to the source tree");
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString cap = tmp.filePath("copies.pcap");
        const QString cmd = QString("python3 '%1' --target-bytes 3M --seed 2 --concurrency 50 -o '%2' >/dev/null 2>&1")
                                .arg(maker, cap);
        QCOMPARE(std::system(cmd.toLocal8Bit().constData()), 0);
        const Loaded one = load(cap, 1);
        // Some copies were relayed over SMTP before: their Received headers
        // are checked against that earlier session (whatever they find).
        const QStringList dups = one.problems.filter("Message-ID already seen in the message of frame ");
        QVERIFY2(dups.size() * 2 > one.problems.size(),
                 "the copies carry no duplicate Message-IDs: the comparison proves nothing");
        compare_with_shards(cap, one);
    }

private:
    void compare_with_shards(const QString& f, const Loaded& one) {
        for (unsigned threads : {2u, 3u}) {
            const Loaded many = load(f, threads);
            const QByteArray what = (f + " with " + QString::number(threads) + " shards").toUtf8();
            QVERIFY2(many.error == one.error, what);
            QVERIFY2(many.frames == one.frames, what);
            QCOMPARE(many.rows.size(), one.rows.size());
            for (qsizetype i = 0; i < one.rows.size(); ++i)
                QVERIFY2(many.rows[i] == one.rows[i], (what + " frame " + QByteArray::number(i + 1) + ":\n  " +
                                                       one.rows[i].toUtf8() + "\n  " + many.rows[i].toUtf8()));
            QVERIFY2(many.messages == one.messages, what + " messages");
            QVERIFY2(many.credentials == one.credentials, what + " credentials");
            for (qsizetype i = 0; i < std::min(one.experts.size(), many.experts.size()); ++i)
                QVERIFY2(many.experts[i] == one.experts[i],
                         what + " expert line " + QByteArray::number(i) + ":\n  " + one.experts[i].toUtf8() + "\n  " +
                             many.experts[i].toUtf8());
            QCOMPARE(many.experts.size(), one.experts.size());
        }
    }
};

QTEST_GUILESS_MAIN(ShardedLoaderTest)
#include "test_sharded_loader.moc"
