#include "ui/messages_panel.hpp"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/attachment_extractor.hpp"
#include "ui/background_job.hpp"
#include "ui/message_text_search.hpp"
#include "ui/messages_model.hpp"

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

}  // namespace

MessagesPanel::MessagesPanel(QWidget* parent) : QWidget(parent) {
    model_ = new MessagesModel(this);
    list_ = new QTableView(this);
    list_->setModel(model_);
    list_->setSelectionBehavior(QAbstractItemView::SelectRows);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->verticalHeader()->hide();
    // Every row the same height: the view never measures rows one by one.
    list_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    list_->horizontalHeader()->setStretchLastSection(false);
    list_->horizontalHeader()->setSectionResizeMode(MessagesModel::Subject, QHeaderView::Stretch);
    list_->horizontalHeader()->setSortIndicator(MessagesModel::Frame, Qt::AscendingOrder);
    // Sizing columns to their contents measures (shapes the text of) this
    // many rows; Qt's default of 1000 cost a fifth of a second at the end of
    // every load, on the window's thread.
    list_->horizontalHeader()->setResizeContentsPrecision(100);
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

    find_ = new QLineEdit(this);
    find_->setPlaceholderText(tr("Find in messages (decoded text)…"));
    find_->setClearButtonEnabled(true);
    find_->setToolTip(tr("Searches every message's decoded headers and text bodies, ignoring case"));
    find_regex_ = new QCheckBox(tr("Regular expression"), this);
    find_regex_->setToolTip(tr("A PCRE2 pattern tried on each line of decoded text"));
    find_button_ = new QPushButton(tr("Find"), this);
    find_clear_ = new QPushButton(tr("Show All"), this);
    find_clear_->setEnabled(false);
    find_progress_ = new QProgressBar(this);
    find_progress_->setRange(0, 1000);
    find_progress_->setMaximumWidth(160);
    find_progress_->hide();
    find_status_ = new QLabel(this);
    auto* find_bar = new QHBoxLayout;
    find_bar->addWidget(find_, 1);
    find_bar->addWidget(find_regex_);
    find_bar->addWidget(find_button_);
    find_bar->addWidget(find_clear_);
    find_bar->addWidget(find_progress_);
    find_bar->addWidget(find_status_);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(list_);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(find_bar);
    layout->addWidget(split);

    connect(find_, &QLineEdit::returnPressed, this, [this] {
        if (!findRunning()) onFindClicked();
    });
    connect(find_button_, &QPushButton::clicked, this, &MessagesPanel::onFindClicked);
    connect(find_clear_, &QPushButton::clicked, this, &MessagesPanel::clearFind);
    // Emptying the field (its clear button) shows every message again.
    connect(find_, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty() && (model_->filtered() || findRunning())) clearFind();
    });

    connect(list_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MessagesPanel::showSelected);
    connect(attachments_, &QTableWidget::itemSelectionChanged, this,
            [this] { save_->setEnabled(!attachments_->selectedItems().isEmpty()); });
    connect(save_, &QPushButton::clicked, this, &MessagesPanel::onSave);
    connect(goto_, &QPushButton::clicked, this, [this] {
        if (const auto m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
    connect(list_, &QTableView::doubleClicked, this, [this](const QModelIndex&) {
        if (const auto m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
}

void MessagesPanel::clear() {
    cancelFind();
    find_status_->clear();
    find_clear_->setEnabled(false);
    model_->clear();
    attachments_->setRowCount(0);
    headers_->clear();
    title_->clear();
}

int MessagesPanel::messageCount() const { return int(model_->size()); }

void MessagesPanel::addMessages(std::vector<MessageRecord> messages) {
    // While a capture loads, rows are only appended: finishLoading() sorts
    // once at the end.
    list_->setSortingEnabled(false);
    model_->append(std::move(messages));
    if (!loading_) finishLoading();
    else if (model_->size() <= 500) list_->resizeColumnsToContents();
}

void MessagesPanel::setLoading(bool loading) {
    loading_ = loading;
    if (!loading) finishLoading();
}

void MessagesPanel::finishLoading() {
    auto* header = list_->horizontalHeader();
    const int section = header->sortIndicatorSection();
    const int column = section >= 0 && section < MessagesModel::ColumnCount ? section : 0;
    const Qt::SortOrder order = section == column ? header->sortIndicatorOrder() : Qt::AscendingOrder;
    header->setSortIndicator(column, order);
    // Enabling sorting sorts once by the indicator; header clicks re-sort.
    list_->setSortingEnabled(true);
    // Sizing reads rows: the view samples at most a bounded number of them.
    list_->resizeColumnsToContents();
}

void MessagesPanel::sortBy(int column, Qt::SortOrder order) { list_->sortByColumn(column, order); }

QString MessagesPanel::cellText(int row, int column) const {
    return model_->data(model_->index(row, column), Qt::DisplayRole).toString();
}

std::shared_ptr<const MessageRecord> MessagesPanel::message(int row) const { return model_->at(row); }

void MessagesPanel::selectMessage(int row) { list_->selectRow(row); }

int MessagesPanel::selectedMessage() const {
    auto rows = list_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

QString MessagesPanel::headerText() const { return headers_->toPlainText(); }

void MessagesPanel::showSelected() {
    const int row = selectedMessage();
    const auto m = message(row);
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
                             (s.cc.empty() ? QString() : "<br>Cc: " + qs(s.cc).toHtmlEscaped()) +
                                 (m->envelope_from.empty() && m->envelope_to.empty()
                                      ? QString()
                                      : tr("<br>Envelope: MAIL FROM %1, RCPT TO %2")
                                            .arg(qs(m->envelope_from).toHtmlEscaped(),
                                                 qs(m->envelope_to).toHtmlEscaped())) +
                                 (m->problems.empty() ? QString()
                                                      : tr("<br><font color=\"#b00000\">Problems: %1</font>")
                                                            .arg(qs(m->problems).toHtmlEscaped())),
                             qs(s.date).toHtmlEscaped())
                        .arg(m->begin_frame)
                        .arg(m->end_frame)
                        .arg(s.size)
                        .arg(m->complete && !s.truncated ? QString() : tr(" (incomplete)")));
    headers_->setPlainText(qs(m->headers));
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
    const auto m = message(selectedMessage());
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
    const auto m = message(selectedMessage());
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

int MessagesPanel::shownMessageCount() const { return model_->rowCount(); }

QString MessagesPanel::findStatus() const { return find_status_->text(); }

QString MessagesPanel::matchSnippet(int row) const { return model_->snippet(row); }

void MessagesPanel::onFindClicked() {
    if (findRunning()) cancelFind();
    else findText(find_->text(), find_regex_->isChecked());
}

void MessagesPanel::setFindIdle() {
    find_job_ = nullptr;
    find_progress_->hide();
    find_button_->setText(tr("Find"));
}

void MessagesPanel::cancelFind() {
    if (!find_job_) return;
    // The job finishes on its own and deletes itself; its result is dropped.
    find_job_->cancel();
    setFindIdle();
    // The list still shows the previous find's hits, if any.
    find_status_->setText(model_->filtered()
                              ? tr("%1 of %2 messages match").arg(shownMessageCount()).arg(messageCount())
                              : QString());
}

void MessagesPanel::clearFind() {
    cancelFind();
    model_->showAll();
    find_status_->clear();
    find_clear_->setEnabled(false);
    showSelected();
}

void MessagesPanel::findText(const QString& text, bool regex) {
    cancelFind();
    if (find_->text() != text) {
        const QSignalBlocker quiet(find_);  // not a clear: textChanged must not lift the filter
        find_->setText(text);
    }
    find_regex_->setChecked(regex);
    if (text.isEmpty()) return clearFind();
    MessageTextQuery query;
    query.text = text.toStdString();
    query.regex = regex;
    auto out = std::make_shared<MessageTextResult>();
    const std::string path = capture_path_.toStdString();
    auto* job = new BackgroundJob(
        [out, path, query](const WalkControl& control) { search_message_text(path, query, *out, control); }, this);
    find_job_ = job;
    find_button_->setText(tr("Stop"));
    find_progress_->setRange(0, 1000);
    find_progress_->setValue(0);
    find_progress_->show();
    find_status_->setText(tr("Searching…"));
    connect(job, &BackgroundJob::progress, find_progress_, [this, job](int p) {
        if (job != find_job_) return;
        if (p < 0) find_progress_->setRange(0, 0);
        else find_progress_->setValue(p);
    });
    connect(job, &QThread::finished, job, &QObject::deleteLater);
    connect(job, &QThread::finished, this, [this, job, out] {
        if (job != find_job_) return;  // cancelled or replaced meanwhile
        setFindIdle();
        const QString error = QString::fromStdString(out->error);
        // A bad pattern or file finds nothing: the list stays as it was.
        if (!error.isEmpty() && out->matches.empty()) {
            find_status_->setText(tr("Find failed: %1").arg(error));
            emit findFinished(shownMessageCount(), error);
            return;
        }
        std::unordered_map<uint64_t, std::string> snippets;
        snippets.reserve(out->matches.size());
        for (auto& m : out->matches) snippets.emplace(m.ordinal, std::move(m.snippet));
        out->matches.clear();
        model_->showOnly(std::move(snippets));
        QString status = tr("%1 of %2 messages match").arg(shownMessageCount()).arg(messageCount());
        if (out->truncated) status += tr(" (stopped at the first %1)").arg(shownMessageCount());
        if (!error.isEmpty()) status += tr(" — reading stopped: %1").arg(error);
        find_status_->setText(status);
        find_clear_->setEnabled(true);
        showSelected();
        emit findFinished(shownMessageCount(), error);
    });
    job->start();
}

}  // namespace ms::ui
