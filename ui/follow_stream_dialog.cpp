#include "ui/follow_stream_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
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
    auto* filter_btn = new QPushButton(tr("Filter This Stream"), this);
    connect(filter_btn, &QPushButton::clicked, this,
            [this] { emit filterRequested(QString("tcp.stream eq %1").arg(stream_.stream)); });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show data as"), this));
    controls->addWidget(format_box_);
    controls->addStretch(1);
    controls->addWidget(filter_btn);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_, 1);
    layout->addWidget(summary_);
    layout->addLayout(controls);
    layout->addWidget(buttons);
    render();
}

QString FollowStreamDialog::plainText() const { return text_->toPlainText(); }

void FollowStreamDialog::setFormat(FollowFormat f) {
    format_box_->setCurrentIndex(f == FollowFormat::Hex ? 1 : f == FollowFormat::Raw ? 2 : 0);
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
