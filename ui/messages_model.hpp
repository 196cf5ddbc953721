// The Messages panel's table: one row per MessageRecord, produced on demand
// (no item object per cell), sorted by the model itself so the numeric
// columns (Frame, Time, Size, Attachments) sort as numbers.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "ui/capture_records.hpp"

namespace ms::ui {

class MessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Frame, Time, Protocol, From, To, Subject, Size, Attachments, ColumnCount };

    explicit MessagesModel(QObject* parent = nullptr);

    void clear();
    // Appends at the end whatever the current order (loading); sort() later.
    void append(std::vector<MessageRecord> messages);
    std::size_t size() const { return records_.size(); }
    // The record shown on a row, or nullptr.
    const MessageRecord* at(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& idx, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    std::vector<MessageRecord> records_;
    std::vector<uint32_t> order_;  // record index per displayed row
};

}  // namespace ms::ui
