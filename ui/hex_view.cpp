#include "ui/hex_view.hpp"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QTextBlock>
#include <algorithm>
#include <cstdio>

namespace ms::ui {

HexView::HexView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

int HexView::hexColumn(int k) const { return offset_digits_ + 2 + k * 3 + (k >= 8 ? 1 : 0); }
int HexView::asciiColumn(int k) const { return hexColumn(15) + 2 + 2 + k + (k >= 8 ? 1 : 0); }

void HexView::setBytes(std::span<const uint8_t> bytes) {
    static const char* hexd = "0123456789abcdef";
    size_ = std::min<uint64_t>(bytes.size(), kMaxShown);
    offset_digits_ = size_ > 0xffff ? 8 : 4;
    hl_offset_ = hl_length_ = 0;
    std::string text;
    text.reserve(std::size_t(size_ / 16 + 1) * 80);
    for (uint64_t line = 0; line < size_; line += 16) {
        char off[16];
        std::snprintf(off, sizeof off, "%0*llx", offset_digits_, static_cast<unsigned long long>(line));
        std::string l(std::size_t(asciiColumn(15) + 1), ' ');
        l.replace(0, std::size_t(offset_digits_), off);
        uint64_t n = std::min<uint64_t>(16, size_ - line);
        for (int k = 0; k < int(n); ++k) {
            uint8_t b = bytes[line + uint64_t(k)];
            l[std::size_t(hexColumn(k))] = hexd[b >> 4];
            l[std::size_t(hexColumn(k) + 1)] = hexd[b & 15];
            l[std::size_t(asciiColumn(k))] = b >= 0x20 && b < 0x7f ? char(b) : '.';
        }
        l.resize(std::size_t(asciiColumn(int(n) - 1) + 1));
        if (line) text += '\n';
        text += l;
    }
    if (bytes.size() > size_) text += "\n[" + std::to_string(bytes.size() - size_) + " more bytes not shown]";
    setPlainText(QString::fromLatin1(text.data(), qsizetype(text.size())));
    setExtraSelections({});
}

void HexView::highlight(uint64_t offset, uint64_t length) {
    hl_offset_ = offset;
    hl_length_ = length;
    QList<QTextEdit::ExtraSelection> sels;
    if (length == 0 || offset >= size_) {
        setExtraSelections(sels);
        return;
    }
    uint64_t end = std::min(size_, offset + length);
    QTextCharFormat fmt;
    fmt.setBackground(palette().highlight());
    fmt.setForeground(palette().highlightedText());
    QTextCursor first;
    for (uint64_t line = offset / 16 * 16; line < end; line += 16) {
        QTextBlock block = document()->findBlockByNumber(int(line / 16));
        if (!block.isValid()) break;
        int a = int(std::max(offset, line) - line), b = int(std::min(end, line + 16) - line) - 1;
        auto add = [&](int from, int to) {
            QTextEdit::ExtraSelection s;
            s.format = fmt;
            s.cursor = QTextCursor(block);
            s.cursor.setPosition(block.position() + from);
            s.cursor.setPosition(block.position() + to, QTextCursor::KeepAnchor);
            sels.push_back(s);
        };
        add(hexColumn(a), hexColumn(b) + 2);
        add(asciiColumn(a), asciiColumn(b) + 1);
        if (first.isNull()) first = QTextCursor(block);
    }
    setExtraSelections(sels);
    if (!first.isNull()) {
        setTextCursor(first);
        ensureCursorVisible();
    }
}

int64_t HexView::byteAt(int line, int column) const {
    if (line < 0) return -1;
    for (int k = 0; k < 16; ++k) {
        if ((column >= hexColumn(k) && column <= hexColumn(k) + 1) || column == asciiColumn(k)) {
            uint64_t off = uint64_t(line) * 16 + uint64_t(k);
            return off < size_ ? int64_t(off) : -1;
        }
    }
    return -1;
}

void HexView::mouseReleaseEvent(QMouseEvent* e) {
    QPlainTextEdit::mouseReleaseEvent(e);
    if (e->button() != Qt::LeftButton || textCursor().hasSelection()) return;
    QTextCursor c = cursorForPosition(e->position().toPoint());
    int64_t off = byteAt(c.blockNumber(), c.positionInBlock());
    if (off >= 0) emit byteClicked(uint64_t(off));
}

}  // namespace ms::ui
