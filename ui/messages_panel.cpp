#include "ui/messages_panel.hpp"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <functional>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/attachment_extractor.hpp"
#include "ui/attachment_saver.hpp"
#include "ui/background_job.hpp"
#include "ui/message_detail.hpp"
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

// Runs `work` on a worker behind a cancellable progress dialog (the message
// may lie anywhere in a large capture); `done` runs afterwards on the
// window's thread, unless the user cancelled.
void run_with_progress(QWidget* parent, BackgroundJob::Work work, const QString& text, std::function<void()> done) {
    auto* job = new BackgroundJob(std::move(work), parent);
    auto* dlg = new QProgressDialog(text, QObject::tr("Cancel"), 0, 1000, parent);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setMinimumDuration(300);
    QObject::connect(job, &BackgroundJob::progress, dlg, [dlg](int p) {
        if (p < 0) dlg->setRange(0, 0);
        else dlg->setValue(p);
    });
    QObject::connect(dlg, &QProgressDialog::canceled, job, &BackgroundJob::cancel);
    QPointer<QProgressDialog> guard(dlg);
    QObject::connect(job, &QThread::finished, parent, [job, guard, done = std::move(done)] {
        const bool cancelled = job->cancelled();
        if (guard) {
            guard->disconnect(job);  // closing the dialog emits canceled()
            guard->close();
        }
        job->deleteLater();
        if (!cancelled) done();
    });
    job->start();
}

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
    save_all_ = new QPushButton(tr("Save All…"), this);
    save_all_->setToolTip(tr("Saves every attachment of the message into a directory"));
    goto_ = new QPushButton(tr("Go to Frame"), this);
    save_->setEnabled(false);
    save_all_->setEnabled(false);
    goto_->setEnabled(false);

    // Body: the message read again from the file; HTML only ever as text.
    body_ = new QPlainTextEdit(this);
    body_->setReadOnly(true);
    body_choice_ = new QComboBox(this);
    body_choice_->addItems({tr("Plain text part"), tr("HTML part (as text)")});
    body_choice_->setEnabled(false);
    body_note_ = new QLabel(this);
    body_note_->setWordWrap(true);
    auto* body_page = new QWidget(this);
    auto* bl = new QVBoxLayout(body_page);
    bl->setContentsMargins(0, 0, 0, 0);
    auto* body_bar = new QHBoxLayout;
    body_bar->addWidget(body_choice_);
    body_bar->addWidget(body_note_, 1);
    bl->addLayout(body_bar);
    bl->addWidget(body_);
    mime_ = new QTreeWidget(this);
    mime_->setColumnCount(7);
    mime_->setHeaderLabels(
        {tr("Part"), tr("Type"), tr("Charset"), tr("Encoding"), tr("Size"), tr("Filename"), tr("Disposition")});
    received_ = new QTableWidget(0, 7, this);
    received_->setHorizontalHeaderLabels(
        {tr("Hop"), tr("From (HELO / rDNS [IP])"), tr("By"), tr("With"), tr("Date"), tr("Since previous"), tr("Warnings")});
    received_->verticalHeader()->hide();
    received_->setSelectionBehavior(QAbstractItemView::SelectRows);
    received_->horizontalHeader()->setStretchLastSection(true);
    received_->setWordWrap(false);
    auto* attachments_page = new QWidget(this);
    auto* al = new QVBoxLayout(attachments_page);
    al->setContentsMargins(0, 0, 0, 0);
    al->addWidget(attachments_);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(headers_, tr("Headers"));
    tabs_->addTab(body_page, tr("Body"));
    tabs_->addTab(mime_, tr("MIME"));
    tabs_->addTab(received_, tr("Received"));
    tabs_->addTab(attachments_page, tr("Attachments"));

    auto* details = new QWidget(this);
    auto* dl = new QVBoxLayout(details);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(title_);
    dl->addWidget(tabs_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(goto_);
    buttons->addStretch(1);
    buttons->addWidget(save_);
    buttons->addWidget(save_all_);
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
    connect(save_all_, &QPushButton::clicked, this, &MessagesPanel::onSaveAll);
    connect(body_choice_, &QComboBox::currentIndexChanged, this, [this] { showBody(); });
    connect(goto_, &QPushButton::clicked, this, [this] {
        if (const auto m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
    connect(list_, &QTableView::doubleClicked, this, [this](const QModelIndex&) {
        if (const auto m = message(selectedMessage())) emit goToFrame(m->end_frame);
    });
}

void MessagesPanel::clear() {
    cancelFind();
    cancelDetail();
    detail_ordinal_ = UINT64_MAX;
    save_all_->setEnabled(false);
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
    save_all_->setEnabled(m && !m->summary.attachments.empty());
    if (!m) {
        title_->clear();
        cancelDetail();
        detail_ordinal_ = UINT64_MAX;
        showDetail(MessageDetail{});
        body_note_->clear();
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
    // The same message shown again (a find lifted or applied): its detail
    // is there already or on its way.
    if (m->ordinal != detail_ordinal_) startDetail();
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
    auto work = [out, path, ordinal, part](const WalkControl& control) {
        out->ok = extract_attachment(path, ordinal, part, out->bytes, out->error, 256u << 20, control);
    };
    run_with_progress(this, work, tr("Reading the attachment from the capture…"), [this, out, dest] {
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

namespace {

// "helo / rdns [ip]" as the tree's hop label shows a client; the whole
// from clause when none of them parsed.
QString hop_from(const imf::ReceivedInfo& r) {
    QString from = qs(r.helo);
    if (!r.rdns.empty() && r.rdns != r.helo) from += (from.isEmpty() ? "" : " / ") + qs(r.rdns);
    if (!r.ip.empty()) from += (from.isEmpty() ? "[" : " [") + qs(r.ip) + "]";
    return from.isEmpty() ? qs(r.from) : from;
}

QString first_word(const std::string& s) { return qs(s.substr(0, s.find(' '))); }

// "+4 s", "+2 min 5 s", "−1 h 3 min": a hop's distance from the previous one.
QString span_text(int64_t ns) {
    const QString sign = ns < 0 ? QString::fromUtf8("−") : QString("+");
    const uint64_t s = uint64_t(ns < 0 ? -(ns / 1'000'000'000) : ns / 1'000'000'000);
    if (s < 60) return sign + QString("%1 s").arg(s);
    if (s < 3600) return sign + QString("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400) return sign + QString("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
    return sign + QString("%1 d %2 h").arg(s / 86400).arg(s % 86400 / 3600);
}

// Where Save All puts each attachment of `m` in `dir`.
std::vector<AttachmentTarget> save_all_targets(const QString& dir, const MessageRecord& m) {
    std::vector<std::pair<std::string, std::string>> parts;
    for (const auto& a : m.summary.attachments) parts.emplace_back(a.filename, a.path);
    return plan_attachment_files(QFile::encodeName(dir).toStdString(), parts, [](const std::string& f) {
        return QFileInfo::exists(QFile::decodeName(QByteArray::fromStdString(f)));
    });
}

}  // namespace

void MessagesPanel::cancelDetail() {
    if (!detail_job_) return;
    // The job finishes on its own and deletes itself; its result is dropped.
    detail_job_->cancel();
    detail_job_ = nullptr;
}

void MessagesPanel::startDetail() {
    cancelDetail();
    const auto m = message(selectedMessage());
    if (!m) return;
    detail_ordinal_ = m->ordinal;
    showDetail(MessageDetail{});
    if (capture_path_.isEmpty()) {
        body_note_->setText(tr("No capture file to read the message from"));
        emit detailReady();
        return;
    }
    body_note_->setText(tr("Reading the message…"));
    // The message may lie anywhere in a large capture: read it on a worker;
    // selecting another message drops this one.
    struct Outcome {
        MessageDetail detail;
        std::string error;
        bool ok = false;
    };
    auto out = std::make_shared<Outcome>();
    const std::string path = capture_path_.toStdString();
    const uint64_t ordinal = m->ordinal;
    auto* job = new BackgroundJob(
        [out, path, ordinal](const WalkControl& control) {
            out->ok = read_message_detail(path, ordinal, out->detail, out->error, control);
        },
        this);
    detail_job_ = job;
    connect(job, &QThread::finished, job, &QObject::deleteLater);
    connect(job, &QThread::finished, this, [this, job, out] {
        if (job != detail_job_) return;  // cancelled or replaced meanwhile
        detail_job_ = nullptr;
        if (out->ok) {
            showDetail(out->detail);
        } else {
            showDetail(MessageDetail{});
            body_note_->setText(tr("The message could not be read: %1").arg(qs(out->error)));
        }
        emit detailReady();
    });
    job->start();
}

void MessagesPanel::showDetail(const MessageDetail& d) {
    has_plain_ = d.plain.present;
    has_html_ = d.html.present;
    plain_text_ = qs(d.plain.text);
    html_text_ = qs(d.html.text);
    plain_truncated_ = d.plain.truncated;
    html_truncated_ = d.html.truncated;
    {
        const QSignalBlocker quiet(body_choice_);
        body_choice_->setCurrentIndex(has_plain_ || !has_html_ ? 0 : 1);
        body_choice_->setEnabled(has_plain_ && has_html_);
    }
    showBody();

    mime_->clear();
    std::vector<QTreeWidgetItem*> items;
    items.reserve(d.mime.size());
    for (const auto& e : d.mime) {
        // Parents come before their children in the parser's list.
        QTreeWidgetItem* parent = e.parent >= 0 && std::size_t(e.parent) < items.size() ? items[std::size_t(e.parent)] : nullptr;
        auto* it = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(mime_);
        QString part = e.path.empty() ? tr("message") : qs(e.path);
        if (e.is_message && !e.path.empty()) part += tr(" (message)");
        it->setText(0, part);
        it->setText(1, qs(e.type));
        it->setText(2, qs(e.charset));
        it->setText(3, e.leaf ? qs(e.encoding) : QString());
        if (e.leaf) {
            it->setText(4, QString::number(e.decoded_size));
            it->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        }
        it->setText(5, qs(e.filename));
        it->setText(6, qs(e.disposition));
        items.push_back(it);
    }
    mime_->expandAll();
    for (int c = 0; c < mime_->columnCount(); ++c) mime_->resizeColumnToContents(c);

    received_->setRowCount(0);
    for (const auto& hop : d.received) {
        const int row = received_->rowCount();
        received_->insertRow(row);
        received_->setItem(row, HopColumn, number_item(hop.number));
        received_->setItem(row, FromColumn, item(hop_from(hop.info)));
        received_->setItem(row, ByColumn, item(first_word(hop.info.by)));
        received_->setItem(row, WithColumn, item(first_word(hop.info.with)));
        received_->setItem(row, DateColumn, item(qs(hop.info.date_text)));
        received_->setItem(row, DeltaColumn, item(hop.since_previous_ns ? span_text(*hop.since_previous_ns) : QString()));
        QStringList texts;
        bool warning = false;
        for (const auto& f : hop.findings) {
            texts << qs(f.text);
            warning |= f.warning;
        }
        auto* w = item(texts.join("; "));
        if (!texts.isEmpty()) {
            // Warnings red, notes amber, as the expert dialog colours them.
            w->setForeground(warning ? QColor(0xb0, 0x00, 0x00) : QColor(0x9a, 0x60, 0x00));
            w->setToolTip(texts.join("\n"));
        }
        received_->setItem(row, WarningsColumn, w);
    }
    received_->resizeColumnsToContents();
}

bool MessagesPanel::bodyFromHtml() const { return has_html_ && (!has_plain_ || body_choice_->currentIndex() == 1); }

void MessagesPanel::showBody() {
    const bool html = bodyFromHtml();
    body_->setPlainText(html ? html_text_ : plain_text_);
    QString note;
    if (html) note = tr("HTML shown as text; nothing fetched");
    else if (!has_plain_) note = tr("The message has no text part");
    if (html ? html_truncated_ : plain_truncated_) note += tr(" (only the first %1 KiB shown)").arg(kMaxBodyText / 1024);
    body_note_->setText(note.trimmed());
}

void MessagesPanel::showHtmlBody(bool html) {
    body_choice_->setCurrentIndex(html ? 1 : 0);
    showBody();
}

QString MessagesPanel::bodyText() const { return body_->toPlainText(); }

QString MessagesPanel::bodyNote() const { return body_note_->text(); }

bool MessagesPanel::saveAllAttachments(const QString& dir, QString* error, QStringList* files) {
    const auto m = message(selectedMessage());
    if (!m || m->summary.attachments.empty()) {
        if (error) *error = tr("The message has no attachments");
        return false;
    }
    const auto targets = save_all_targets(dir, *m);
    std::string err;
    if (!save_attachments(capture_path_.toStdString(), m->ordinal, targets, err)) {
        if (error) *error = qs(err);
        return false;
    }
    if (files)
        for (const auto& t : targets) *files << QFile::decodeName(QByteArray::fromStdString(t.file));
    return true;
}

void MessagesPanel::onSaveAll() {
    const auto m = message(selectedMessage());
    if (!m || m->summary.attachments.empty()) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save All Attachments"));
    if (dir.isEmpty()) return;
    // Names are chosen now (what the directory holds now); the parts are
    // written on a worker in one pass over the capture.
    auto targets = std::make_shared<const std::vector<AttachmentTarget>>(save_all_targets(dir, *m));
    auto error = std::make_shared<std::string>();
    const std::string path = capture_path_.toStdString();
    const uint64_t ordinal = m->ordinal;
    auto work = [targets, error, path, ordinal](const WalkControl& control) {
        save_attachments(path, ordinal, *targets, *error, 256u << 20, control);
    };
    run_with_progress(this, work, tr("Reading the attachments from the capture…"), [this, targets, error] {
        QStringList files;
        if (error->empty())
            for (const auto& t : *targets) files << QFile::decodeName(QByteArray::fromStdString(t.file));
        else
            QMessageBox::warning(this, tr("Save All Attachments"), qs(*error));
        emit attachmentsSaved(files, qs(*error));
    });
}

}  // namespace ms::ui
