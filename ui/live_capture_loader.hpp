// Live capture in the GUI: a worker that runs the capture helper (through
// the core's LiveCapture, so the GUI never needs privileges), writes every
// packet to a capture file (so selecting a frame, Follow Stream and Save As
// work as for an opened file) and dissects it into packet-list rows that
// reach the window as they arrive.
#pragma once

#include <QString>
#include <QThread>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "capture/live/live_source.hpp"
#include "ui/capture_loader.hpp"

namespace ms::ui {

class LiveCaptureLoader : public QThread {
    Q_OBJECT
public:
    // Captures with `options` into `file_path` (pcapng, created here).
    LiveCaptureLoader(LiveCaptureOptions options, QString file_path, QObject* parent = nullptr);
    ~LiveCaptureLoader() override;

    // Asks the helper to stop; the packets it still holds are read, then
    // loaded() follows. Safe before the helper has started.
    void stop();
    QString filePath() const { return path_; }

    // Rows and messages dissected since the last call (GUI thread). The
    // file holds at least every frame handed out so far.
    std::shared_ptr<IndexBatch> takeRows();
    std::vector<MessageRecord> takeMessages();

signals:
    void started();               // the helper captures
    void rowsPending();           // takeRows() has something (sent once per refill)
    void loaded(std::shared_ptr<ms::ui::LoadResult> result);  // stopped (error set on failure)

protected:
    void run() override;

private:
    LiveCaptureOptions options_;
    QString path_;
    std::mutex mutex_;            // guards live_, stop_requested_ and the pending data
    LiveCapture* live_ = nullptr;
    bool stop_requested_ = false;
    std::shared_ptr<IndexBatch> pending_;
    std::vector<MessageRecord> pending_messages_;
};

// The capture helper to run: MAILSCOPE_CAPTURE if set, else next to the
// program or on PATH, else the build tree's app/ folder. Empty if none.
std::string gui_capture_helper();

}  // namespace ms::ui
