// The loading pass on a worker thread: reads the file once, dissects every
// frame with a tree that keeps only what the packet list needs, and hands
// rows over in batches so the list fills while it loads.
#pragma once

#include <QThread>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "ui/capture_records.hpp"
#include "ui/expert_collector.hpp"
#include "ui/frame_index.hpp"

namespace ms::ui {

struct LoadResult {
    QString error;           // empty when the file read to its end
    bool cancelled = false;
    uint64_t frames = 0;
    double seconds = 0;
    QString format;          // "pcap", "gzip-compressed pcapng", ...
    std::vector<CredentialRecord> credentials;
    ExpertCounts experts;
    std::vector<ExpertEntry> expert_entries;  // Analyze > Expert Information
};

class CaptureLoader : public QThread {
    Q_OBJECT
public:
    explicit CaptureLoader(QString path, QObject* parent = nullptr);
    void cancel() { cancel_ = true; }

signals:
    void batchReady(std::shared_ptr<ms::ui::IndexBatch> batch);
    void messagesReady(std::shared_ptr<std::vector<ms::ui::MessageRecord>> messages);
    void progress(int permille);  // -1 = unknown
    void loaded(std::shared_ptr<ms::ui::LoadResult> result);

protected:
    void run() override;

private:
    void run_sharded(unsigned shards);

    QString path_;
    std::atomic<bool> cancel_{false};
};

void register_loader_types();

}  // namespace ms::ui
