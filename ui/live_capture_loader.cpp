#include "ui/live_capture_loader.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

#include "capture/live/helper_process.hpp"
#include "capture/pipeline/pipeline.hpp"
#include "capture/source/capture_writer.hpp"
#include "ui/frame_scanner.hpp"
#include "ui/message_collector.hpp"

namespace ms::ui {

std::string gui_capture_helper() {
    if (const char* env = std::getenv("MAILSCOPE_CAPTURE"); env && *env) return env;
    std::string found = find_capture_helper();
    if (!found.empty()) return found;
    // Run from a build tree: build/ui/mailscope next to build/app/mailscope-capture.
    QString dev = QCoreApplication::applicationDirPath() + "/../app/mailscope-capture";
    QFileInfo fi(dev);
    return fi.isExecutable() ? fi.canonicalFilePath().toStdString() : std::string();
}

LiveCaptureLoader::LiveCaptureLoader(LiveCaptureOptions options, QString file_path, QObject* parent)
    : QThread(parent), options_(std::move(options)), path_(std::move(file_path)) {
    register_loader_types();
}

LiveCaptureLoader::~LiveCaptureLoader() {
    stop();
    wait();
}

void LiveCaptureLoader::stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_requested_ = true;
    if (live_) live_->stop();
}

std::shared_ptr<IndexBatch> LiveCaptureLoader::takeRows() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto rows = std::move(pending_);
    pending_.reset();
    return rows;
}

std::vector<MessageRecord> LiveCaptureLoader::takeMessages() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(pending_messages_);
}

void LiveCaptureLoader::run() {
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<LoadResult>();
    result->format = "pcapng";
    std::string err;
    if (options_.helper_path.empty()) options_.helper_path = gui_capture_helper();
    std::unique_ptr<LiveCapture> live = start_live_capture(options_, err);
    if (!live) {
        result->error = QString::fromStdString(err);
        emit loaded(result);
        return;
    }
    // Written through our own stream, flushed as rows go out, so re-reading
    // the file for a selected frame works while the capture runs.
    std::FILE* out = std::fopen(path_.toLocal8Bit().constData(), "wb");
    std::unique_ptr<CaptureWriter> writer;
    if (out) writer = CaptureWriter::create(out, path_.toStdString(), CaptureWriterOptions{}, err);
    if (!writer) {
        if (out) std::fclose(out);
        live->stop();
        RawFrame drain;
        while (live->next(drain) == ReadStatus::Frame) {
        }
        result->error = QObject::tr("Cannot write %1: %2").arg(path_, QString::fromStdString(err));
        emit loaded(result);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        live_ = live.get();
        if (stop_requested_) live_->stop();
    }
    emit started();

    Pipeline pipeline;
    pipeline.set_source(live.get());
    FrameContext ctx;
    FrameScanner scanner;
    MessageCollector messages;
    ctx.tree.keep_only(scanner.fields());
    ctx.message_observer = &messages;
    auto batch = std::make_shared<IndexBatch>();
    // Hands what was dissected to the GUI: appended to the pending batch,
    // with a signal only when it was empty (the GUI takes everything
    // accumulated by the time it looks, so a burst costs one update).
    auto flush = [&] {
        auto done = messages.take();
        if (batch->rows.empty() && batch->new_names.empty() && done.empty()) return;
        std::fflush(out);
        bool signal = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!pending_) {
                pending_ = std::move(batch);
                signal = true;
            } else {
                // Info lengths are per row, so the arenas simply concatenate.
                pending_->rows.insert(pending_->rows.end(), batch->rows.begin(), batch->rows.end());
                pending_->info_lens.insert(pending_->info_lens.end(), batch->info_lens.begin(), batch->info_lens.end());
                pending_->arena += batch->arena;
                for (auto& n : batch->new_names) pending_->new_names.push_back(std::move(n));
            }
            for (auto& m : done) pending_messages_.push_back(std::move(m));
        }
        batch = std::make_shared<IndexBatch>();
        if (signal) emit rowsPending();
    };
    RawFrame frame;
    ReadStatus rs;
    while ((rs = live->next(frame)) == ReadStatus::Frame) {
        if (!writer->write(frame) && result->error.isEmpty())
            result->error = QString::fromStdString(writer->error());
        pipeline.dissect(frame, ctx);
        scanner.add(ctx, *batch);
        ++result->frames;
        flush();
    }
    pipeline.finish(ctx);
    flush();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        live_ = nullptr;
    }
    if (rs == ReadStatus::Error && result->error.isEmpty()) result->error = QString::fromStdString(live->error());
    writer->close();
    std::fclose(out);
    result->credentials = scanner.credentials();
    result->experts = scanner.experts();
    result->expert_entries = scanner.take_expert_entries();
    result->seconds = timer.elapsed() / 1000.0;
    emit loaded(result);
}

}  // namespace ms::ui
