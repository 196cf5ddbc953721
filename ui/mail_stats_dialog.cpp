#include "ui/mail_stats_dialog.hpp"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

// A cell that sorts by the number in its UserRole rather than by its text,
// so "0.000017" < "0.001339" and an unanswered command (no time, key -1)
// sorts before every answered one.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double key) : QTableWidgetItem(text) {
        setData(Qt::UserRole, key);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

QTableWidgetItem* count_item(uint64_t n) { return new NumberItem(QString::number(qulonglong(n)), double(n)); }

// Seconds with microseconds, as the CLI prints them.
QTableWidgetItem* seconds_item(double s) { return new NumberItem(QString::number(s, 'f', 6), s); }
double seconds(int64_t ns) { return double(ns) / 1e9; }

QTableWidget* make_table(const QStringList& headings, QWidget* parent) {
    auto* t = new QTableWidget(0, int(headings.size()), parent);
    t->setHorizontalHeaderLabels(headings);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSortingEnabled(true);
    return t;
}

}  // namespace

MailStatsDialog::MailStatsDialog(QString capture_path, QWidget* parent) : QDialog(parent), path_(std::move(capture_path)) {
    setWindowTitle(tr("Mail Commands — %1").arg(QFileInfo(path_).fileName()));
    resize(640, 520);

    tabs_ = new QTabWidget(this);
    for (stats::MailProtocol p : stats::kMailProtocols) {
        auto* split = new QSplitter(Qt::Vertical, tabs_);
        commands_[index(p)] = make_table({tr("Command"), tr("Count"), tr("Min RT (s)"), tr("Avg RT (s)"), tr("Max RT (s)")}, split);
        replies_[index(p)] = make_table({QString::fromLatin1(stats::mail_reply_heading(p)), tr("Count")}, split);
        split->addWidget(commands_[index(p)]);
        split->addWidget(replies_[index(p)]);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 1);
        tabs_->addTab(split, QString::fromLatin1(stats::mail_protocol_name(p)));
    }

    status_ = new QLabel(tr("Counting mail commands…"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    cancel_ = new QPushButton(tr("Cancel"), this);
    auto* running = new QHBoxLayout;
    running->addWidget(status_, 1);
    running->addWidget(progress_);
    running->addWidget(cancel_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(cancel_, &QPushButton::clicked, this, &MailStatsDialog::cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_, 1);
    layout->addLayout(running);
    layout->addWidget(buttons);

    // The work owns its results until it ends; the GUI reads them only in
    // onJobFinished, after the thread has finished with them.
    auto counts = std::make_shared<MailCommandCounts>();
    auto error = std::make_shared<std::string>();
    std::string path = path_.toStdString();
    job_ = new BackgroundJob([counts, error, path](const WalkControl& control) {
        count_mail_commands(path, *counts, *error, control);
    }, this);
    connect(job_, &BackgroundJob::progress, progress_, [this](int permille) {
        if (permille < 0) {
            progress_->setRange(0, 0);  // compressed input: a busy indicator
        } else {
            progress_->setRange(0, 1000);
            progress_->setValue(permille);
        }
    });
    connect(job_, &QThread::finished, this, [this, counts, error] { onJobFinished(counts, error); });
    job_->start();
}

MailStatsDialog::~MailStatsDialog() {
    // Its queued finished() must not reach a half-destroyed dialog; the
    // job's destructor cancels and joins (within 4096 frames).
    if (job_) {
        job_->disconnect(this);
        delete job_.data();
    }
}

void MailStatsDialog::cancel() {
    if (job_) job_->cancel();
}

void MailStatsDialog::done(int result) {
    // Closing (Close, Esc, the window's X) stops the pass even when the
    // dialog is kept rather than deleted.
    cancel();
    QDialog::done(result);
}

void MailStatsDialog::onJobFinished(std::shared_ptr<MailCommandCounts> counts, std::shared_ptr<std::string> error) {
    if (!job_) return;
    const bool cancelled = job_->cancelled();
    job_->deleteLater();
    job_ = nullptr;
    progress_->hide();
    cancel_->hide();
    // A pass that ended before a late cancel reached it still has its counts.
    if (!error->empty() && cancelled) {
        error_ = tr("Cancelled");
        status_->setText(tr("Cancelled: the counts were not finished."));
    } else if (!error->empty()) {
        error_ = QString::fromStdString(*error);
        status_->setText(tr("Cannot count: %1").arg(error_));
    } else {
        counts_ = std::move(counts);
        QStringList totals;
        int first_with_commands = -1;
        for (const auto& c : counts_->counters) {
            fill(c);
            uint64_t n = 0;
            for (const auto& [name, row] : c.commands()) n += row.count;
            totals << tr("%1: %2 commands").arg(QString::fromLatin1(stats::mail_protocol_name(c.protocol()))).arg(n);
            if (n && first_with_commands < 0) first_with_commands = index(c.protocol());
        }
        status_->setText(tr("%1 frames · %2").arg(counts_->frames).arg(totals.join(tr(" · "))));
        // Open on the protocol the capture carries.
        if (first_with_commands >= 0) tabs_->setCurrentIndex(first_with_commands);
    }
    emit countsReady();
}

void MailStatsDialog::fill(const stats::MailCommandCounter& counter) {
    QTableWidget* cmds = commandTable(counter.protocol());
    // Rows are inserted unsorted (sorting while filling would move them),
    // then shown in the CLI's order: by name.
    cmds->setSortingEnabled(false);
    cmds->setRowCount(int(counter.commands().size()));
    int row = 0;
    for (const auto& [name, r] : counter.commands()) {
        cmds->setItem(row, CommandCol, new QTableWidgetItem(QString::fromStdString(name)));
        cmds->setItem(row, CountCol, count_item(r.count));
        if (r.timed) {
            cmds->setItem(row, MinCol, seconds_item(seconds(r.min_ns)));
            cmds->setItem(row, AvgCol, seconds_item(r.avg_seconds()));
            cmds->setItem(row, MaxCol, seconds_item(seconds(r.max_ns)));
        } else {
            // Never answered with a response time (e.g. IMAP's DONE).
            for (int col : {MinCol, AvgCol, MaxCol}) cmds->setItem(row, col, new NumberItem(QString(), -1));
        }
        ++row;
    }
    cmds->setSortingEnabled(true);
    cmds->sortItems(CommandCol, Qt::AscendingOrder);
    cmds->resizeColumnsToContents();

    QTableWidget* replies = replyTable(counter.protocol());
    replies->setSortingEnabled(false);
    replies->setRowCount(int(counter.replies().size()));
    row = 0;
    for (const auto& [name, n] : counter.replies()) {
        replies->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(name)));
        replies->setItem(row, 1, count_item(n));
        ++row;
    }
    replies->setSortingEnabled(true);
    replies->sortItems(0, Qt::AscendingOrder);
    replies->resizeColumnsToContents();
}

}  // namespace ms::ui
