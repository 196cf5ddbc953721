// Applying a display filter: a pass over the file on a worker thread with a
// tree that keeps only the filter's fields. The packet index stays as it
// is; the result is the list of rows that match.
#pragma once

#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace ms::ui {

struct FilterResult {
    QString filter;
    QString error;            // compile or read error
    bool cancelled = false;
    std::vector<uint32_t> rows;  // matching rows (frame number - 1), ascending
    double seconds = 0;
};

class FilterRunner : public QThread {
    Q_OBJECT
public:
    FilterRunner(QString path, QString filter, QObject* parent = nullptr);
    void cancel() { cancel_ = true; }

    // The same pass, synchronously (tests, small files).
    static std::shared_ptr<FilterResult> run_now(const QString& path, const QString& filter,
                                                 const std::atomic<bool>* cancel = nullptr,
                                                 const std::function<void(int)>& progress = {});

signals:
    void progress(int permille);
    void filtered(std::shared_ptr<ms::ui::FilterResult> result);

protected:
    void run() override;

private:
    QString path_, filter_;
    std::atomic<bool> cancel_{false};
};

}  // namespace ms::ui
