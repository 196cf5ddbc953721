// The Messages panel's table: one row per MessageRecord, produced on demand
// (no item object per cell), sorted by the model itself so the numeric
// columns (Frame, Time, Size, Attachments) sort as numbers.
#pragma once

#include <QAbstractTableModel>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/capture_records.hpp"
#include "ui/packed_text_store.hpp"

namespace ms::ui {

class MessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Envelope columns: SMTP's MAIL FROM / RCPT TO (empty for POP3, IMAP).
    enum Column {
        Frame,
        Time,
        Protocol,
        EnvelopeFrom,
        EnvelopeTo,
        From,
        To,
        Subject,
        Size,
        Attachments,
        Problems,
        ColumnCount
    };

    explicit MessagesModel(QObject* parent = nullptr);

    void clear();
    // Appends at the end whatever the current order (loading); sort() later.
    void append(std::vector<MessageRecord> messages);
    std::size_t size() const { return rows_.size(); }
    // The record shown on a row (unpacked), or null.
    std::shared_ptr<const MessageRecord> at(int row) const;

    // Find in messages: only the messages with these ordinals are shown,
    // each with its snippet (the text around the hit) as the row's tooltip;
    // the current sort order is kept. showAll() lifts the filter.
    void showOnly(std::unordered_map<uint64_t, std::string> snippets);
    void showAll();
    bool filtered() const { return filtered_; }
    // The snippet of the message on a row ("" when none).
    QString snippet(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& idx, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    // What the list shows and sorts by without unpacking a record.
    struct Row {
        uint64_t end_frame = 0;
        int64_t rel_ns = 0;
        uint64_t size = 0;
        uint32_t attachments = 0;
        uint32_t problems = 0;
        uint8_t transport = 0;  // index into kTransports
        uint64_t ordinal = 0;   // MessageRecord::ordinal, for the find filter
    };
    std::shared_ptr<const MessageRecord> record(uint32_t i) const;
    bool shown(uint32_t i) const { return !filtered_ || snippets_.count(rows_[i].ordinal) != 0; }
    // order_ again from the records shown, in the last sort order.
    void rebuild_order();
    // Sorts order_ (no model signals).
    void sort_rows(int column, Qt::SortOrder order);
    // A text column of every record, unpacking each once (sorting).
    std::vector<std::string> texts_of(int column) const;

    // Each record packed (message_record_codec.hpp) and compressed 256 to
    // a block (~0.5 MB unpacked, about a millisecond to read one): a large
    // capture holds 100 000s of messages, and their headers
    // and summaries were most of the GUI's memory beyond the packet index.
    std::deque<Row> rows_;
    PackedTextStore packed_{256};
    std::vector<uint32_t> order_;  // record index per displayed row
    int sort_column_ = -1;         // the last sort() (-1: arrival order)
    Qt::SortOrder sort_order_ = Qt::AscendingOrder;
    bool filtered_ = false;
    std::unordered_map<uint64_t, std::string> snippets_;  // by ordinal, while filtered
    // The last records unpacked, most recent first (the view asks for
    // several columns of the same rows at every paint).
    mutable std::vector<std::pair<uint32_t, std::shared_ptr<const MessageRecord>>> recent_;
};

}  // namespace ms::ui
