#include "ui/session_dialog.hpp"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include "ui/command_explanations.hpp"

namespace ms::ui {

namespace {
// Follow TCP Stream's colours (follow_stream_dialog.cpp), so the two views read alike.
const QColor kClientFg(0x7f, 0x00, 0x00), kClientBg(0xfb, 0xed, 0xed);
const QColor kServerFg(0x00, 0x00, 0x7f), kServerBg(0xed, 0xed, 0xfb);
constexpr int kFrameRole = Qt::UserRole;

QString text_of(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QString turn_text(const DialogueTurn& t) {
    using K = DialogueTurn::Kind;
    switch (t.kind) {
        case K::Message: return QObject::tr("[message, %1 bytes]").arg(t.bytes);
        case K::Tls: return QObject::tr("[TLS, %1 bytes]").arg(t.bytes);
        case K::Compressed: return QObject::tr("[compressed, %1 bytes]").arg(t.bytes);
        default: break;
    }
    QStringList lines;
    for (const auto& l : t.lines) lines << text_of(l);
    if (t.more_lines) lines << QObject::tr("… %1 more lines").arg(t.more_lines);
    QString text = lines.join('\n');
    if (t.line_cut) text += QObject::tr(" …(long line cut)");
    return text;
}
}  // namespace

SessionDialog::SessionDialog(SessionDialogue dialogue, QWidget* parent)
    : QDialog(parent), dialogue_(std::move(dialogue)), summary_(summarize(dialogue_)) {
    setWindowTitle(tr("Session Dialogue (tcp.stream eq %1)").arg(dialogue_.stream));
    resize(860, 680);

    header_ = new QLabel(this);
    header_->setTextFormat(Qt::RichText);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setWordWrap(true);
    QString html = "<table>";
    for (const auto& [label, value] : summary_rows(summary_))
        html += QString("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>")
                    .arg(text_of(label).toHtmlEscaped(), text_of(value).toHtmlEscaped());
    header_->setText(html + "</table>");

    list_ = new QListWidget(this);
    list_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setSpacing(2);
    list_->setUniformItemSizes(false);
    for (std::size_t i = 0; i < dialogue_.turns.size(); ++i) list_->addItem(makeItem(i));
    connect(list_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        quint64 frame = item->data(kFrameRole).toULongLong();
        if (frame) emit goToFrame(frame);
    });

    footer_ = new QLabel(this);
    QString footer = tr("%n turn(s); double-click a turn to show its frame", nullptr, int(dialogue_.turns.size()));
    if (dialogue_.omitted_turns)
        footer += tr(". Only the first %1 turns are shown: %2 more not listed")
                      .arg(SessionDialogue::kMaxTurns)
                      .arg(dialogue_.omitted_turns);
    if (dialogue_.stream_truncated) footer += tr(". The stream was cut at 64 MiB");
    footer_->setText(footer + ".");

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header_);
    layout->addWidget(list_, 1);
    layout->addWidget(footer_);
    layout->addWidget(buttons);
}

QListWidgetItem* SessionDialog::makeItem(std::size_t index) const {
    const DialogueTurn& t = dialogue_.turns[index];
    auto* item = new QListWidgetItem(turn_text(t));
    // Chat layout: the client speaks from the left, the server from the right.
    item->setTextAlignment(t.from_server ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    item->setForeground(t.from_server ? kServerFg : kClientFg);
    item->setBackground(t.from_server ? kServerBg : kClientBg);
    item->setData(kFrameRole, QVariant::fromValue<quint64>(t.frame));

    QString tip = text_of(explain_turn(dialogue_.protocol, t));
    if (t.answers >= 0 && std::size_t(t.answers) < dialogue_.turns.size()) {
        const DialogueTurn& asked = dialogue_.turns[std::size_t(t.answers)];
        QString what = asked.kind == DialogueTurn::Kind::Message ? tr("the message") : text_of(asked.keyword);
        tip = tr("Reply to %1 (frame %2). ").arg(what).arg(asked.frame) + tip;
    }
    QString where = t.frame ? tr("Frame %1, %2").arg(t.frame) : tr("%2");
    where = where.arg(t.from_server ? tr("server") : tr("client"));
    item->setToolTip(tip.isEmpty() ? where : where + ": " + tip);
    return item;
}

QString SessionDialog::summaryText() const {
    QString out;
    for (const auto& [label, value] : summary_rows(summary_)) out += text_of(label) + ": " + text_of(value) + "\n";
    return out;
}

QString SessionDialog::footerText() const { return footer_->text(); }

}  // namespace ms::ui
