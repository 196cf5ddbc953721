// One piece of work that walks a capture (re-dissecting the selected frame,
// following a stream, extracting an attachment, counting I/O intervals) run
// on its own thread so the GUI never waits on the file. The work polls the
// WalkControl it is given; the GUI reads the work's result (captured by the
// work itself) once finished() arrives.
#pragma once

#include <QThread>
#include <atomic>
#include <functional>

#include "ui/capture_walk.hpp"

namespace ms::ui {

class BackgroundJob : public QThread {
    Q_OBJECT
public:
    using Work = std::function<void(const WalkControl&)>;
    BackgroundJob(Work work, QObject* parent = nullptr);
    ~BackgroundJob() override;

    void cancel() { cancel_ = true; }
    bool cancelled() const { return cancel_; }

signals:
    // From the job's thread, throttled to changes (queued to the GUI).
    void progress(int permille);

protected:
    void run() override;

private:
    Work work_;
    std::atomic<bool> cancel_{false};
};

}  // namespace ms::ui
