#include "ui/messages_panel.hpp"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/attachment_extractor.hpp"
#include "ui/background_job.hpp"

namespace ms::ui {

namespace {
QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QTableWidgetItem* item(const QString& text) {
    auto* i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

// A cell that sorts by a number, whatever its text looks like ("9" before
// "10", "2.5" s before "10.0" s); QTableWidget otherwise compares the text.
class NumericItem final : public QTableWidgetItem {
public:
    NumericItem(const QString& text, double key) : QTableWidgetItem(text), key_(key) {
        setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        if (auto* o = dynamic_cast<const NumericItem*>(&other)) return key_ < o->key_;
        return QTableWidgetItem::operator<(other);
    }

private:
    double key_;
};

QTableWidgetItem* number_item(qulonglong v) { return new NumericItem(QString::number(v), double(v)); }

QTableWidgetItem* time_item(int64_t ns) {
    return new NumericItem(QString::number(double(ns) / 1e9, 'f', 6), double(ns));
}
}  // namespace

MessagesPanel::MessagesPanel(QWidget* parent) : QWidget(parent) {
    list_ = new QTableWidget(0, 8, this);
    list_->setHorizontalHeaderLabels(
        {tr("Frame"), tr("Time"), tr("Protocol"), tr("From"), tr("To"), tr("Subject"), tr("Size"), tr("Attachments")});
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->verticalHeader()->hide();
    list_->horizontalHeader()->setStretchLastSection(false);
    list_->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    list_->setWordWrap(false);

    title_ = new QLabel(this);
    title_->setWordWrap(true);
    headers_ = new QPlainTextEdit(this);
    headers_->setReadOnly(true);
    headers_->setLineWrapMode(QPlainTextEdit::NoWrap);
    headers_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    attachments_ = new QTableWidget(0, 6, this);
    attachments_->setHorizontalHeaderLabels(
        {tr("Name"), tr("Type"), tr("Size"), tr("MD5"), tr("SHA-256"), tr("Part")});
    attachments_->setSelectionBehavior(QAbstractItemView::SelectRows);
    attachments_->setSelectionMode(QAbstractItemView::SingleSelection);
    attachments_->verticalHeader()->hide();
    attachments_->setWordWrap(false);
    save_ = new QPushButton(tr("Save Attachment…"), this);
    goto_ = new QPushButton(tr("Go to Frame"), this);
    save_->setEnabled(false);
    goto_->setEnabled(false);

    auto* details = new QWidget(this);
    auto* dl = new QVBoxLayout(details);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(title_);
    dl->addWidget(headers_, 2);
    dl->addWidget(attachments_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(goto_);
    buttons->addStretch(1);
    buttons->addWidget(save_);
    dl->addLayout(buttons);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(list_);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(list_, &QTableWidget::itemSelectionChanged, this, &MessagesPanel::showSelected);
    connect(attachments_, &QTableWidget::itemSelectionChanged, this,
            [this] { save_->setEnabled(!attachments_->selectedItems().isEmpty()); });
    connect(save_, &QPushButton::clicked, this, &MessagesPanel::onSave);
    connect(goto_, &QPushButton::clicked, this, [this] {
        if (const MessageRecord* m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
    connect(list_, &QTableWidget::cellDoubleClicked, this, [this](int, int) {
        if (const MessageRecord* m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
}

void MessagesPanel::clear() {
    messages_.clear();
    list_->setRowCount(0);
    attachments_->setRowCount(0);
    headers_->clear();
    title_->clear();
}

void MessagesPanel::addMessages(const std::vector<MessageRecord>& messages) {
    // While a capture loads, rows are only appended: sorting and sizing
    // every batch against every earlier row made loading a large capture
    // quadratic. finishLoading() sorts once.
    list_->setSortingEnabled(false);
    for (const auto& m : messages) {
        int row = list_->rowCount();
        list_->insertRow(row);
        auto* first = number_item(m.end_frame);
        first->setData(Qt::UserRole, int(messages_.size()));  // survives sorting
        list_->setItem(row, 0, first);
        list_->setItem(row, 1, time_item(m.rel_ns));
        list_->setItem(row, 2, item(qs(m.transport).toUpper()));
        list_->setItem(row, 3, item(qs(m.summary.from)));
        list_->setItem(row, 4, item(qs(m.summary.to)));
        list_->setItem(row, 5, item(qs(m.summary.subject)));
        list_->setItem(row, 6, number_item(m.summary.size));
        list_->setItem(row, 7, number_item(m.summary.attachments.size()));
        messages_.push_back(m);
    }
    if (!loading_) finishLoading();
    else if (list_->rowCount() <= 500) list_->resizeColumnsToContents();
}

void MessagesPanel::setLoading(bool loading) {
    loading_ = loading;
    if (!loading) finishLoading();
}

void MessagesPanel::finishLoading() {
    auto* header = list_->horizontalHeader();
    const int column = header->sortIndicatorSection() >= 0 && header->sortIndicatorSection() < list_->columnCount()
                           ? header->sortIndicatorSection()
                           : 0;
    const Qt::SortOrder order = header->sortIndicatorSection() == column ? header->sortIndicatorOrder() : Qt::AscendingOrder;
    list_->setSortingEnabled(true);
    list_->sortItems(column, order);
    // Sizing reads every row: only worth it (and cheap) on a modest table.
    if (list_->rowCount() <= 20000) list_->resizeColumnsToContents();
}

const MessageRecord* MessagesPanel::message(int row) const {
    if (row < 0 || row >= list_->rowCount() || !list_->item(row, 0)) return nullptr;
    int i = list_->item(row, 0)->data(Qt::UserRole).toInt();
    return i >= 0 && std::size_t(i) < messages_.size() ? &messages_[std::size_t(i)] : nullptr;
}

void MessagesPanel::selectMessage(int row) { list_->selectRow(row); }

int MessagesPanel::selectedMessage() const {
    auto rows = list_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

QString MessagesPanel::headerText() const { return headers_->toPlainText(); }

void MessagesPanel::showSelected() {
    const MessageRecord* m = message(selectedMessage());
    attachments_->setRowCount(0);
    headers_->clear();
    goto_->setEnabled(m != nullptr);
    save_->setEnabled(false);
    if (!m) {
        title_->clear();
        return;
    }
    const auto& s = m->summary;
    title_->setText(tr("<b>%1</b><br>From: %2<br>To: %3%4<br>Date: %5 — frames %6–%7, %8 bytes%9")
                        .arg(qs(s.subject).toHtmlEscaped(), qs(s.from).toHtmlEscaped(), qs(s.to).toHtmlEscaped(),
                             s.cc.empty() ? QString() : "<br>Cc: " + qs(s.cc).toHtmlEscaped(),
                             qs(s.date).toHtmlEscaped())
                        .arg(m->begin_frame)
                        .arg(m->end_frame)
                        .arg(s.size)
                        .arg(m->complete && !s.truncated ? QString() : tr(" (incomplete)")));
    QString h;
    for (const auto& line : m->headers) h += qs(line) + "\n";
    headers_->setPlainText(h);
    for (const auto& a : s.attachments) {
        int row = attachments_->rowCount();
        attachments_->insertRow(row);
        QString type = qs(a.declared_type);
        if (!a.detected_type.empty() && a.detected_type != a.declared_type) type += " (" + qs(a.detected_type) + ")";
        attachments_->setItem(row, 0, item(a.filename.empty() ? tr("(unnamed)") : qs(a.filename)));
        attachments_->setItem(row, 1, item(type));
        attachments_->setItem(row, 2, number_item(a.size));
        attachments_->setItem(row, 3, item(qs(a.md5_hex)));
        attachments_->setItem(row, 4, item(qs(a.sha256_hex)));
        attachments_->setItem(row, 5, item(qs(a.path)));
    }
    attachments_->resizeColumnsToContents();
}

bool MessagesPanel::saveAttachment(int index, const QString& dest, QString& error) {
    const MessageRecord* m = message(selectedMessage());
    if (!m || index < 0 || std::size_t(index) >= m->summary.attachments.size()) {
        error = tr("No attachment selected");
        return false;
    }
    std::vector<uint8_t> bytes;
    std::string err;
    if (!extract_attachment(capture_path_.toStdString(), m->ordinal, m->summary.attachments[std::size_t(index)].path,
                            bytes, err)) {
        error = QString::fromStdString(err);
        return false;
    }
    QFile f(dest);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) != qint64(bytes.size())) {
        error = f.errorString();
        return false;
    }
    return true;
}

void MessagesPanel::onSave() {
    const MessageRecord* m = message(selectedMessage());
    auto rows = attachments_->selectionModel()->selectedRows();
    if (!m || rows.isEmpty()) return;
    int index = rows.front().row();
    const auto& a = m->summary.attachments[std::size_t(index)];
    QString name = a.filename.empty() ? QString("attachment-%1-%2").arg(m->end_frame).arg(qs(a.path)) : qs(a.filename);
    // Never let a name from the wire pick the directory.
    name.replace('/', '_').replace('\\', '_');
    QString dest = QFileDialog::getSaveFileName(this, tr("Save Attachment"), name);
    if (dest.isEmpty()) return;
    saveAttachmentInBackground(m->ordinal, a.path, dest);
}

void MessagesPanel::saveAttachmentInBackground(uint64_t ordinal, const std::string& part, const QString& dest) {
    // The message may lie anywhere in a large capture: read it on a worker
    // with a cancellable progress dialog, and write the file afterwards.
    struct Outcome {
        std::vector<uint8_t> bytes;
        std::string error;
        bool ok = false;
    };
    auto out = std::make_shared<Outcome>();
    std::string path = capture_path_.toStdString();
    auto* job = new BackgroundJob(
        [out, path, ordinal, part](const WalkControl& control) {
            out->ok = extract_attachment(path, ordinal, part, out->bytes, out->error, 256u << 20, control);
        },
        this);
    auto* dlg = new QProgressDialog(tr("Reading the attachment from the capture…"), tr("Cancel"), 0, 1000, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setMinimumDuration(300);
    connect(job, &BackgroundJob::progress, dlg, [dlg](int p) {
        if (p < 0) dlg->setRange(0, 0);
        else dlg->setValue(p);
    });
    connect(dlg, &QProgressDialog::canceled, job, &BackgroundJob::cancel);
    QPointer<QProgressDialog> guard(dlg);
    connect(job, &QThread::finished, this, [this, job, out, dest, guard] {
        bool cancelled = job->cancelled();
        if (guard) {
            guard->disconnect(job);  // closing the dialog emits canceled()
            guard->close();
        }
        job->deleteLater();
        if (cancelled) return;
        QString error;
        if (out->ok) {
            QFile f(dest);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                f.write(reinterpret_cast<const char*>(out->bytes.data()), qint64(out->bytes.size())) !=
                    qint64(out->bytes.size()))
                error = f.errorString();
        } else {
            error = QString::fromStdString(out->error);
        }
        if (!error.isEmpty()) QMessageBox::warning(this, tr("Save Attachment"), error);
        emit attachmentSaved(dest, error);
    });
    job->start();
}

}  // namespace ms::ui
