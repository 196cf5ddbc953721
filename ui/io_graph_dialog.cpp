#include "ui/io_graph_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace ms::ui {

namespace {
QString seconds_text(double s) { return QString::number(s, 'g', 6) + " s"; }
}  // namespace

// ---- plot ----

IoGraphWidget::IoGraphWidget(QWidget* parent) : QWidget(parent) {
    setMinimumSize(400, 200);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
}

void IoGraphWidget::setSeries(const IoSeries* all, const IoSeries* filtered, bool bytes) {
    all_ = all;
    filtered_ = filtered;
    bytes_ = bytes;
    update();
}

void IoGraphWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int left = fm.horizontalAdvance("000000000") + 8, bottom = fm.height() * 2 + 6, top = 10, right = 16;
    const QRect plot(left, top, width() - left - right, height() - top - bottom);
    if (plot.width() < 10 || plot.height() < 10) return;
    p.setPen(palette().color(QPalette::Text));
    p.drawRect(plot);
    if (!all_ || all_->values.empty()) {
        p.drawText(plot, Qt::AlignCenter, tr("No packets"));
        return;
    }
    const double ymax = double(std::max<uint64_t>(all_->max, 1));
    const std::size_t n = all_->values.size();
    const double span_s = double(n) * double(all_->interval_ns) / 1e9;
    auto x_of = [&](std::size_t i) { return plot.left() + plot.width() * (double(i) + 0.5) / double(n); };
    auto y_of = [&](uint64_t v) { return plot.bottom() - plot.height() * double(v) / ymax; };

    // Axes: five ticks each way.
    for (int t = 0; t <= 4; ++t) {
        double fy = t / 4.0;
        int y = int(plot.bottom() - plot.height() * fy);
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(0, y - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(qulonglong(ymax * fy)));
        int x = int(plot.left() + plot.width() * fy);
        p.drawText(QRect(x - 60, plot.bottom() + 2, 120, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   seconds_text(span_s * fy));
    }
    p.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()), Qt::AlignCenter,
               tr("Time (s) — %1 per %2").arg(bytes_ ? tr("bytes") : tr("packets"))
                   .arg(seconds_text(double(all_->interval_ns) / 1e9)));

    auto draw = [&](const IoSeries& s, const QColor& colour) {
        // With more intervals than pixels a line would be a smear: draw
        // each pixel column's maximum as a bar instead.
        p.setPen(QPen(colour, 1.5));
        if (s.values.size() > std::size_t(plot.width())) {
            std::vector<uint64_t> col(std::size_t(plot.width()), 0);
            for (std::size_t i = 0; i < s.values.size(); ++i) {
                std::size_t c = i * col.size() / s.values.size();
                col[c] = std::max(col[c], s.values[i]);
            }
            for (std::size_t c = 0; c < col.size(); ++c)
                if (col[c]) p.drawLine(QPointF(plot.left() + double(c), plot.bottom()), QPointF(plot.left() + double(c), y_of(col[c])));
            return;
        }
        QPainterPath path;
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            QPointF pt(x_of(i), y_of(s.values[i]));
            if (i == 0) path.moveTo(pt);
            else path.lineTo(pt);
        }
        p.drawPath(path);
    };
    draw(*all_, QColor(0x20, 0x20, 0x20));
    if (filtered_) draw(*filtered_, QColor(0xd0, 0x20, 0x20));
}

// ---- dialog ----

IoGraphDialog::IoGraphDialog(const FrameIndex& index, QString capture_path, QWidget* parent)
    : QDialog(parent), index_(index), path_(std::move(capture_path)) {
    setWindowTitle(tr("I/O Graph"));
    plot_ = new IoGraphWidget(this);
    interval_ = new QComboBox(this);
    const std::pair<const char*, int64_t> intervals[] = {
        {"10 ms", 10000000}, {"100 ms", 100000000}, {"1 s", 1000000000}, {"10 s", 10000000000}, {"1 min", 60000000000}};
    for (const auto& [label, ns] : intervals) interval_->addItem(tr(label), qlonglong(ns));
    interval_->setCurrentIndex(2);
    unit_ = new QComboBox(this);
    unit_->addItem(tr("Packets/interval"));
    unit_->addItem(tr("Bytes/interval"));
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Display filter for the red graph (e.g. smtp.req.command == \"RCPT\")"));
    apply_ = new QPushButton(tr("Apply"), this);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->hide();
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(160);
    progress_->hide();
    info_ = new QLabel(this);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Interval:"), this));
    controls->addWidget(interval_);
    controls->addWidget(unit_);
    controls->addWidget(filter_, 1);
    controls->addWidget(apply_);
    controls->addWidget(progress_);
    controls->addWidget(cancel_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(plot_, 1);
    layout->addLayout(controls);
    layout->addWidget(info_);
    layout->addWidget(buttons);

    connect(interval_, &QComboBox::currentIndexChanged, this,
            [this](int i) { setInterval(interval_->itemData(i).toLongLong()); });
    connect(unit_, &QComboBox::currentIndexChanged, this, [this](int i) { setBytes(i == 1); });
    connect(apply_, &QPushButton::clicked, this, [this] { setFilter(filter_->text()); });
    connect(filter_, &QLineEdit::returnPressed, this, [this] { setFilter(filter_->text()); });
    connect(cancel_, &QPushButton::clicked, this, &IoGraphDialog::cancelFilter);
    recompute();
}

IoGraphDialog::~IoGraphDialog() {
    if (runner_) {
        runner_->cancel();
        runner_->disconnect(this);
        runner_->wait();
        delete runner_;
    }
}

void IoGraphDialog::setInterval(int64_t ns) {
    interval_ns_ = ns;
    recompute();
}

void IoGraphDialog::setBytes(bool bytes) {
    bytes_ = bytes;
    recompute();
}

void IoGraphDialog::recompute() {
    all_ = io_bins(index_, nullptr, interval_ns_, bytes_);
    if (has_filter_) filtered_ = io_bins(index_, &filter_rows_, interval_ns_, bytes_);
    plot_->setSeries(&all_, has_filter_ ? &filtered_ : nullptr, bytes_);
    QString text = tr("All packets: %1 %2").arg(all_.total).arg(bytes_ ? tr("bytes") : tr("packets"));
    if (has_filter_) text += tr("   ·   Filtered (red): %1").arg(filtered_.total);
    if (all_.interval_ns != interval_ns_)
        text += tr("   ·   interval widened to %1 s to fit the capture").arg(double(all_.interval_ns) / 1e9);
    info_->setText(text);
}

void IoGraphDialog::cancelFilter() {
    if (runner_) runner_->cancel();
}

void IoGraphDialog::setFilter(const QString& filter) {
    if (runner_) {
        runner_->cancel();
        runner_->disconnect(this);
        runner_->wait();
        delete runner_;
    }
    if (filter.trimmed().isEmpty()) {
        has_filter_ = false;
        filter_rows_.clear();
        recompute();
        emit filterSeriesReady();
        return;
    }
    runner_ = new FilterRunner(path_, filter, this);
    connect(runner_, &FilterRunner::progress, progress_, [this](int p) {
        if (p < 0) progress_->setRange(0, 0);
        else progress_->setRange(0, 1000), progress_->setValue(p);
    });
    connect(runner_, &FilterRunner::filtered, this, &IoGraphDialog::onFiltered);
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    apply_->setEnabled(false);
    runner_->start();
}

void IoGraphDialog::onFiltered(std::shared_ptr<FilterResult> result) {
    if (runner_) {
        runner_->wait();
        runner_->deleteLater();
        runner_ = nullptr;
    }
    progress_->hide();
    cancel_->hide();
    apply_->setEnabled(true);
    if (!result->error.isEmpty() && result->rows.empty()) {
        info_->setText(tr("Filter: %1").arg(result->error));
    } else if (!result->cancelled) {
        filter_rows_ = std::move(result->rows);
        has_filter_ = true;
        recompute();
    }
    emit filterSeriesReady();
}

}  // namespace ms::ui
