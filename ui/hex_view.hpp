// Hex and ASCII of one data source, Wireshark's layout: offset, 16 bytes in
// two groups of 8, then the same bytes as text. A byte range can be
// highlighted; clicking a byte reports its offset.
#pragma once

#include <QPlainTextEdit>
#include <cstdint>
#include <span>

namespace ms::ui {

class HexView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    void setBytes(std::span<const uint8_t> bytes);
    // Highlights [offset, offset+length) in both columns (length 0 clears).
    void highlight(uint64_t offset, uint64_t length);
    uint64_t highlightOffset() const { return hl_offset_; }
    uint64_t highlightLength() const { return hl_length_; }
    // The byte under a text position (block/column), or -1.
    int64_t byteAt(int line, int column) const;

    // Column of byte k (0..15) of a line in the hex and the ASCII parts.
    int hexColumn(int k) const;
    int asciiColumn(int k) const;

    static constexpr uint64_t kMaxShown = 16u << 20;  // beyond this, the view is cut

signals:
    void byteClicked(uint64_t offset);

protected:
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    int offset_digits_ = 4;
    uint64_t size_ = 0;
    uint64_t hl_offset_ = 0, hl_length_ = 0;
};

}  // namespace ms::ui
