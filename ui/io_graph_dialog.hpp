// Statistics > I/O Graph: packets (or bytes) per interval over the whole
// capture, and over the frames an optional display filter matches, drawn
// with QPainter. The filter runs on a worker (FilterRunner) with progress
// and Cancel, so a 1 GiB capture never freezes the window.
#pragma once

#include <QDialog>
#include <QPointer>
#include <QWidget>
#include <memory>

#include "ui/filter_runner.hpp"
#include "ui/io_bins.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ms::ui {

// The plot: one or two series over a shared time axis.
class IoGraphWidget : public QWidget {
    Q_OBJECT
public:
    explicit IoGraphWidget(QWidget* parent = nullptr);
    void setSeries(const IoSeries* all, const IoSeries* filtered, bool bytes);
    QSize sizeHint() const override { return {760, 360}; }

protected:
    void paintEvent(QPaintEvent* e) override;

private:
    const IoSeries* all_ = nullptr;
    const IoSeries* filtered_ = nullptr;
    bool bytes_ = false;
};

class IoGraphDialog : public QDialog {
    Q_OBJECT
public:
    IoGraphDialog(const FrameIndex& index, QString capture_path, QWidget* parent = nullptr);
    ~IoGraphDialog() override;

    void setInterval(int64_t ns);
    void setBytes(bool bytes);
    // Runs the filter on a worker; filterSeriesReady follows ("" clears it).
    void setFilter(const QString& filter);
    void cancelFilter();
    bool isFiltering() const { return runner_ != nullptr; }

    const IoSeries& allSeries() const { return all_; }
    const IoSeries& filteredSeries() const { return filtered_; }
    bool hasFilteredSeries() const { return has_filter_; }
    IoGraphWidget* plot() const { return plot_; }

signals:
    void filterSeriesReady();

private:
    void recompute();
    void onFiltered(std::shared_ptr<FilterResult> result);

    const FrameIndex& index_;
    QString path_;
    int64_t interval_ns_ = 1000000000;
    bool bytes_ = false;
    std::vector<uint32_t> filter_rows_;
    bool has_filter_ = false;
    IoSeries all_, filtered_;
    QPointer<FilterRunner> runner_;

    IoGraphWidget* plot_;
    QComboBox* interval_;
    QComboBox* unit_;
    QLineEdit* filter_;
    QPushButton* apply_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* info_;
};

}  // namespace ms::ui
