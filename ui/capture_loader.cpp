#include "ui/capture_loader.hpp"

#include <QElapsedTimer>
#include <QMetaType>

#include "ui/capture_walk.hpp"
#include "ui/frame_scanner.hpp"
#include "ui/message_collector.hpp"

namespace ms::ui {

void register_loader_types() {
    qRegisterMetaType<std::shared_ptr<ms::ui::IndexBatch>>();
    qRegisterMetaType<std::shared_ptr<std::vector<ms::ui::MessageRecord>>>();
    qRegisterMetaType<std::shared_ptr<ms::ui::LoadResult>>();
}

CaptureLoader::CaptureLoader(QString path, QObject* parent) : QThread(parent), path_(std::move(path)) {}

void CaptureLoader::run() {
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

}  // namespace ms::ui
