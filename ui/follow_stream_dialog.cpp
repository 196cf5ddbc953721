#include "ui/follow_stream_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTextEdit>
#include <QVBoxLayout>

namespace ms::ui {

namespace {
const QColor kClientFg(0x7f, 0x00, 0x00), kClientBg(0xfb, 0xed, 0xed);
const QColor kServerFg(0x00, 0x00, 0x7f), kServerBg(0xed, 0xed, 0xfb);
}  // namespace

FollowStreamDialog::FollowStreamDialog(FollowedStream stream, QWidget* parent)
    : QDialog(parent), stream_(std::move(stream)) {
    setWindowTitle(tr("Follow TCP Stream (tcp.stream eq %1)").arg(stream_.stream));
    resize(820, 620);
    text_ = new QTextEdit(this);
    text_->setReadOnly(true);
    text_->setLineWrapMode(QTextEdit::NoWrap);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    summary_ = new QLabel(this);
    format_box_ = new QComboBox(this);
    format_box_->addItems({tr("ASCII"), tr("Hex Dump"), tr("Raw")});
    connect(format_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        format_ = i == 1 ? FollowFormat::Hex : i == 2 ? FollowFormat::Raw : FollowFormat::Ascii;
        render();
    });
    direction_box_ = new QComboBox(this);
    direction_box_->addItem(tr("Entire conversation (%1 bytes)").arg(stream_.client_bytes + stream_.server_bytes));
    direction_box_->addItem(tr("%1 → %2 (%3 bytes)")
                                .arg(QString::fromStdString(stream_.client), QString::fromStdString(stream_.server))
                                .arg(stream_.client_bytes));
    direction_box_->addItem(tr("%1 → %2 (%3 bytes)")
                                .arg(QString::fromStdString(stream_.server), QString::fromStdString(stream_.client))
                                .arg(stream_.server_bytes));
    connect(direction_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        direction_ = i == 1 ? FollowDirection::ClientToServer
                     : i == 2 ? FollowDirection::ServerToClient
                              : FollowDirection::Both;
        render();
    });

    find_field_ = new QLineEdit(this);
    find_field_->setClearButtonEnabled(true);
    find_status_ = new QLabel(this);
    auto* find_btn = new QPushButton(tr("Find &Next"), this);
    // Enter in the search field reaches QDialog, which clicks the default
    // button: making Find Next the default gives "Enter repeats" without a
    // second returnPressed connection (that would search twice per key).
    find_btn->setDefault(true);
    connect(find_btn, &QPushButton::clicked, this, &FollowStreamDialog::findNextFromField);

    auto* filter_btn = new QPushButton(tr("Filter This Stream"), this);
    connect(filter_btn, &QPushButton::clicked, this,
            [this] { emit filterRequested(QString("tcp.stream eq %1").arg(stream_.stream)); });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->addButton(tr("Filter Out This Stream"), QDialogButtonBox::ActionRole), &QPushButton::clicked,
            this, &FollowStreamDialog::filterOut);
    connect(buttons->addButton(tr("Save as…"), QDialogButtonBox::ActionRole), &QPushButton::clicked, this,
            &FollowStreamDialog::saveAs);

    auto* find_row = new QHBoxLayout;
    find_row->addWidget(new QLabel(tr("Find:"), this));
    find_row->addWidget(find_field_, 1);
    find_row->addWidget(find_btn);
    find_row->addWidget(find_status_);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show data"), this));
    controls->addWidget(direction_box_);
    controls->addWidget(new QLabel(tr("as"), this));
    controls->addWidget(format_box_);
    controls->addStretch(1);
    controls->addWidget(filter_btn);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_, 1);
    layout->addWidget(summary_);
    layout->addLayout(controls);
    layout->addLayout(find_row);
    layout->addWidget(buttons);
    render();
}

QString FollowStreamDialog::plainText() const { return text_->toPlainText(); }

void FollowStreamDialog::setFormat(FollowFormat f) {
    format_box_->setCurrentIndex(f == FollowFormat::Hex ? 1 : f == FollowFormat::Raw ? 2 : 0);
}

void FollowStreamDialog::setDirection(FollowDirection d) {
    direction_box_->setCurrentIndex(d == FollowDirection::ClientToServer ? 1
                                    : d == FollowDirection::ServerToClient ? 2
                                                                           : 0);
}

bool FollowStreamDialog::shows(const StreamChunk& c) const {
    switch (direction_) {
        case FollowDirection::ClientToServer: return !c.from_server;
        case FollowDirection::ServerToClient: return c.from_server;
        case FollowDirection::Both: break;
    }
    return true;
}

bool FollowStreamDialog::findNext(const QString& text) {
    if (find_field_->text() != text) find_field_->setText(text);
    find_status_->clear();
    if (text.isEmpty()) return false;
    // No FindCaseSensitively flag: QTextEdit::find is case-insensitive then.
    if (text_->find(text)) return true;
    // Past the last hit: start again from the top, as Wireshark does. A
    // failed find leaves the cursor alone, so put it back on a miss.
    const QTextCursor before = text_->textCursor();
    text_->moveCursor(QTextCursor::Start);
    if (text_->find(text)) {
        find_status_->setText(tr("Wrapped to the start"));
        return true;
    }
    text_->setTextCursor(before);
    find_status_->setText(tr("\"%1\" not found").arg(text));
    return false;
}

void FollowStreamDialog::findNextFromField() { findNext(find_field_->text()); }

QString FollowStreamDialog::selectedText() const { return text_->textCursor().selectedText(); }

QString FollowStreamDialog::findStatus() const { return find_status_->text(); }

QByteArray FollowStreamDialog::shownBytes() const {
    QByteArray out;
    for (const auto& c : stream_.chunks)
        if (!c.gap && shows(c)) out.append(c.bytes.data(), qsizetype(c.bytes.size()));
    return out;
}

bool FollowStreamDialog::saveTo(const QString& path, QString* error) {
    // Raw saves the payload itself (what Wireshark's Raw "Save as" writes),
    // not the hex text the view shows for it.
    const QByteArray data = format_ == FollowFormat::Raw ? shownBytes() : plainText().toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

void FollowStreamDialog::saveAs() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Stream Content As…"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveTo(path, &error))
        QMessageBox::warning(this, tr("Save Stream Content"), tr("Could not save %1: %2").arg(path, error));
}

void FollowStreamDialog::filterOut() {
    emit filterRequested(QString("!(tcp.stream eq %1)").arg(stream_.stream));
    close();
}

void FollowStreamDialog::render() {
    text_->clear();
    QTextCursor cur(text_->document());
    QTextCharFormat client, server;
    client.setForeground(kClientFg);
    client.setBackground(kClientBg);
    server.setForeground(kServerFg);
    server.setBackground(kServerBg);
    uint64_t offset[2] = {0, 0};
    for (const auto& c : stream_.chunks) {
        if (!shows(c)) continue;
        std::string t = format_chunk(c, format_, offset[c.from_server]);
        if (!c.gap) offset[c.from_server] += c.bytes.size();
        cur.insertText(QString::fromLatin1(t.data(), qsizetype(t.size())), c.from_server ? server : client);
    }
    text_->moveCursor(QTextCursor::Start);
    summary_->setText(tr("%1 → %2: client %3 bytes, server %4 bytes%5")
                          .arg(QString::fromStdString(stream_.client), QString::fromStdString(stream_.server))
                          .arg(stream_.client_bytes)
                          .arg(stream_.server_bytes)
                          .arg(stream_.truncated ? tr(" (cut at 64 MiB)") : QString()));
}

}  // namespace ms::ui
