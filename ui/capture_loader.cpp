#include "ui/capture_loader.hpp"

#include <QElapsedTimer>
#include <QMetaType>
#include <filesystem>
#include <system_error>

#include "capture/pipeline/sharded_run.hpp"

#include "ui/capture_walk.hpp"
#include "ui/frame_scanner.hpp"
#include "ui/message_collector.hpp"
#include "ui/shard_load_merger.hpp"
#include "ui/shard_load_worker.hpp"

namespace ms::ui {

void register_loader_types() {
    qRegisterMetaType<std::shared_ptr<ms::ui::IndexBatch>>();
    qRegisterMetaType<std::shared_ptr<std::vector<ms::ui::MessageRecord>>>();
    qRegisterMetaType<std::shared_ptr<ms::ui::LoadResult>>();
}

CaptureLoader::CaptureLoader(QString path, QObject* parent) : QThread(parent), path_(std::move(path)) {}

void CaptureLoader::run() {
    // On every core (MAILSCOPE_THREADS=1: one thread). Both passes give the
    // same rows, messages, credentials and expert notes (test_sharded_loader).
    const unsigned shards = ShardedRun::shards_for_this_machine();
    if (shards > 1) {
        run_sharded(shards);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<LoadResult>();
    CaptureWalk walk;
    std::string err;
    if (!walk.open(path_.toStdString(), err)) {
        result->error = QString::fromStdString(err);
        emit loaded(result);
        return;
    }
    result->format = QString::fromStdString(walk.format_name());
    FrameScanner scanner;
    MessageCollector messages;
    walk.ctx().tree.keep_only(scanner.fields());
    walk.ctx().message_observer = &messages;
    // As the sharded pass does it (its merger has no choice): the Message-ID
    // checks run on the records, in the order the messages ended.
    walk.ctx().defer_message_id_check = true;
    imf::MessageIdRegistry message_ids;

    auto batch = std::make_shared<IndexBatch>();
    QElapsedTimer since_emit;
    since_emit.start();
    int last_permille = -2;
    auto flush = [&] {
        if (!batch->rows.empty() || !batch->new_names.empty()) {
            emit batchReady(batch);
            batch = std::make_shared<IndexBatch>();
        }
        auto done = messages.take();
        for (auto& m : done) apply_message_id_check(message_ids, m);
        if (!done.empty()) emit messagesReady(std::make_shared<std::vector<MessageRecord>>(std::move(done)));
        double p = walk.progress();
        int permille = p < 0 ? -1 : int(p * 1000);
        if (permille != last_permille) emit progress(last_permille = permille);
        since_emit.restart();
    };
    while (walk.next()) {
        scanner.add(walk.ctx(), *batch);
        // Batches by time (the list updates a few times a second) and by
        // size (bounded memory in flight).
        if ((walk.frames_read() & 1023) == 0) {
            if (cancel_) break;
            if (since_emit.elapsed() >= 150 || batch->rows.size() >= 200000) flush();
        }
    }
    result->cancelled = cancel_;
    if (!result->cancelled) walk.finish();
    if (!walk.error().empty()) result->error = QString::fromStdString(walk.error());
    flush();
    result->frames = walk.frames_read();
    result->credentials = scanner.credentials();
    result->experts = scanner.experts();
    result->expert_entries = scanner.take_expert_entries();
    result->seconds = timer.elapsed() / 1000.0;
    emit loaded(result);
}

// The same pass on every core: shards dissect and scan, the merger (the sink,
// on its own thread) names rows and numbers streams and messages, and sends
// batches from there (queued to the window's thread).
void CaptureLoader::run_sharded(unsigned shards) {
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<LoadResult>();
    std::string err;
    const std::string path = path_.toStdString();
    auto source = open_capture(path, err);
    if (!source) {
        result->error = QString::fromStdString(err);
        emit loaded(result);
        return;
    }
    result->format = QString::fromStdString(source->format_name());
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const double file_size = ec || result->format.contains("gzip") ? 0 : double(size);

    std::vector<std::unique_ptr<ShardLoadWorker>> workers;
    std::vector<ShardLoadWorker*> worker_ptrs;
    std::vector<ShardWorker*> shard_ptrs;
    for (unsigned i = 0; i < shards; ++i) {
        workers.push_back(std::make_unique<ShardLoadWorker>(uint8_t(i)));
        worker_ptrs.push_back(workers.back().get());
        shard_ptrs.push_back(workers.back().get());
    }
    ShardLoadMerger merger(worker_ptrs);
    auto batch = std::make_shared<IndexBatch>();
    std::vector<MessageRecord> messages;
    QElapsedTimer since_emit;
    since_emit.start();
    int last_permille = -2;
    uint64_t merged = 0;
    auto flush = [&] {
        if (!batch->rows.empty() || !batch->new_names.empty()) {
            emit batchReady(batch);
            batch = std::make_shared<IndexBatch>();
        }
        if (!messages.empty()) {
            emit messagesReady(std::make_shared<std::vector<MessageRecord>>(std::move(messages)));
            messages = {};
        }
        const int permille = file_size > 0 ? int(std::min(1.0, double(merger.bytes_seen()) / file_size) * 1000) : -1;
        if (permille != last_permille) emit progress(last_permille = permille);
        since_emit.restart();
    };
    auto sink = [&](std::string_view record) {
        merger.add(record, *batch, messages);
        if ((++merged & 1023) == 0 && (since_emit.elapsed() >= 150 || batch->rows.size() >= 200000)) flush();
    };
    ShardedRunResult r = ShardedRun::run(*source, shard_ptrs, sink, &cancel_);
    result->cancelled = r.cancelled;
    // The shards' streams end with the capture (late message ends), unless cancelled.
    std::vector<MessageRecord> late;
    std::vector<CredentialRecord> credentials;
    merger.finish(result->cancelled ? late : messages, credentials, result->experts, result->expert_entries);
    if (r.status == ReadStatus::Error) result->error = QString::fromStdString(source->error());
    flush();
    result->frames = r.frames;
    result->credentials = std::move(credentials);
    result->seconds = timer.elapsed() / 1000.0;
    emit loaded(result);
}

}  // namespace ms::ui
