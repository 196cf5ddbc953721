#include "ui/find_bar.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <memory>

#include "ui/background_job.hpp"
#include "ui/filter_runner.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/packet_search.hpp"

namespace ms::ui {

FindBar::FindBar(PacketListModel* model, std::function<int()> current_row, std::function<QString()> path,
                 QWidget* parent)
    : QWidget(parent), model_(model), current_row_(std::move(current_row)), path_(std::move(path)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Find:"), this));
    mode_ = new QComboBox(this);
    mode_->addItem(tr("Display filter"));
    mode_->addItem(tr("String in Info"));
    mode_->addItem(tr("Bytes (hex aa:bb or text)"));
    layout->addWidget(mode_);
    text_ = new QLineEdit(this);
    text_->setClearButtonEnabled(true);
    layout->addWidget(text_, 1);
    find_ = new QPushButton(tr("Find"), this);
    cancel_ = new QPushButton(tr("Cancel"), this);
    status_ = new QLabel(this);
    layout->addWidget(find_);
    layout->addWidget(cancel_);
    layout->addWidget(status_);
    connect(find_, &QPushButton::clicked, this, &FindBar::find);
    connect(text_, &QLineEdit::returnPressed, this, &FindBar::find);
    connect(cancel_, &QPushButton::clicked, this, &FindBar::cancel);
    auto* esc = new QShortcut(QKeySequence(Qt::Key_Escape), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(esc, &QShortcut::activated, this, &FindBar::cancel);
}

FindBar::~FindBar() { delete job_.data(); }

void FindBar::setMode(Mode m) { mode_->setCurrentIndex(int(m)); }
void FindBar::setText(const QString& text) { text_->setText(text); }
QString FindBar::status() const { return status_->text(); }

void FindBar::activate() {
    show();
    text_->setFocus();
    text_->selectAll();
}

void FindBar::cancel() {
    if (job_) {
        job_->disconnect(this);
        delete job_.data();  // cancels and joins
        job_ = nullptr;
        find_->setEnabled(true);
        report(tr("Cancelled"));
        return;
    }
    hide();
}

void FindBar::report(const QString& text) {
    status_->setText(text);
    emit finished();
}

void FindBar::pickFrom(const std::vector<uint64_t>& frames) {
    const int row = current_row_();
    const uint64_t after = row >= 0 ? model_->frameAt(row) : 0;
    auto next = next_found(frames, after, [this](uint64_t f) { return model_->rowOfFrame(f) >= 0; });
    if (!next) return report(tr("No displayed packet matches"));
    status_->setText(tr("Packet %1").arg(*next));
    emit found(model_->rowOfFrame(*next));
    emit finished();
}

void FindBar::find() {
    const QString text = text_->text();
    if (text.isEmpty() || job_) return;
    const QString path = path_();
    if (path.isEmpty()) return report(tr("No capture is open"));
    const Mode mode = Mode(mode_->currentIndex());

    if (mode == InfoString) {
        // The index holds every Info text: no pass over the file.
        const std::size_t count = model_->displayedFrames();
        const int row = current_row_();
        const std::size_t after = row >= 0 ? std::size_t(row) : count - 1;
        const std::string needle = text.toStdString();
        auto hit = next_info_match(
            model_->frameIndex(), count, [this](std::size_t r) { return std::size_t(model_->frameAt(int(r)) - 1); },
            after, needle, false);
        if (!hit) return report(tr("No displayed packet has \"%1\" in its Info").arg(text));
        status_->setText(tr("Packet %1").arg(model_->frameAt(int(*hit))));
        emit found(int(*hit));
        emit finished();
        return;
    }

    auto result = std::make_shared<FoundFrames>();
    const std::string path_s = path.toStdString();
    BackgroundJob::Work work;
    if (mode == DisplayFilter) {
        work = [result, path, text](const WalkControl& control) {
            auto r = FilterRunner::run_now(path, text, control.cancel, control.progress);
            if (!r->error.isEmpty()) result->error = r->error.toStdString();
            result->cancelled = r->cancelled;
            for (uint32_t row : r->rows) result->frames.push_back(uint64_t(row) + 1);
        };
    } else {
        const std::string needle = bytes_needle(text.toStdString());
        work = [result, path_s, needle](const WalkControl& control) {
            *result = frames_with_bytes(path_s, needle, control.cancel, control.progress);
        };
    }
    job_ = new BackgroundJob(std::move(work), this);
    find_->setEnabled(false);
    status_->setText(tr("Searching…"));
    connect(job_, &BackgroundJob::progress, this, [this](int permille) {
        if (permille >= 0) status_->setText(tr("Searching… %1%").arg(permille / 10));
    });
    connect(job_, &QThread::finished, this, [this, result] {
        if (!job_) return;
        job_->deleteLater();
        job_ = nullptr;
        find_->setEnabled(true);
        if (!result->error.empty()) return report(QString::fromStdString(result->error));
        if (result->cancelled) return report(tr("Cancelled"));
        pickFrom(result->frames);
    });
    job_->start();
}

}  // namespace ms::ui
