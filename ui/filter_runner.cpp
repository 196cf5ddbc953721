#include "ui/filter_runner.hpp"

#include <QElapsedTimer>
#include <QMetaType>

#include "dissectors/filter/display_filter.hpp"
#include "ui/capture_walk.hpp"

namespace ms::ui {

FilterRunner::FilterRunner(QString path, QString filter, QObject* parent)
    : QThread(parent), path_(std::move(path)), filter_(std::move(filter)) {
    qRegisterMetaType<std::shared_ptr<ms::ui::FilterResult>>();
}

std::shared_ptr<FilterResult> FilterRunner::run_now(const QString& path, const QString& text,
                                                    const std::atomic<bool>* cancel,
                                                    const std::function<void(int)>& progress) {
    QElapsedTimer timer;
    timer.start();
    auto result = std::make_shared<FilterResult>();
    result->filter = text;
    FilterError ferr;
    // One compiled filter per thread: it keeps scratch buffers.
    auto filter = DisplayFilter::compile(text.toStdString(), ferr);
    if (!filter) {
        result->error = QString::fromStdString(ferr.message);
        return result;
    }
    CaptureWalk walk;
    std::string err;
    if (!walk.open(path.toStdString(), err)) {
        result->error = QString::fromStdString(err);
        return result;
    }
    walk.ctx().tree.keep_only(filter->fields());
    while (walk.next()) {
        if (filter->matches(walk.ctx())) result->rows.push_back(static_cast<uint32_t>(walk.frames_read() - 1));
        if ((walk.frames_read() & 4095) == 0) {
            if (cancel && *cancel) {
                result->cancelled = true;
                break;
            }
            if (progress) {
                double p = walk.progress();
                progress(p < 0 ? -1 : int(p * 1000));
            }
        }
    }
    if (!walk.error().empty()) result->error = QString::fromStdString(walk.error());
    result->seconds = timer.elapsed() / 1000.0;
    return result;
}

void FilterRunner::run() {
    auto result = run_now(path_, filter_, &cancel_, [this](int p) { emit progress(p); });
    emit filtered(result);
}

}  // namespace ms::ui
