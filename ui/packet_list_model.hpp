// The packet list: a table over the compact FrameIndex, showing the rows a
// display filter let through, in the order the user sorted them.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "capture/pipeline/time_column.hpp"
#include "ui/frame_index.hpp"

namespace ms::ui {

class PacketListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { No, Time, Source, Destination, Protocol, Length, Info, ColumnCount };

    explicit PacketListModel(QObject* parent = nullptr);

    void clear();
    // Appends loaded rows; they are shown when no filter is active.
    void appendBatch(const IndexBatch& batch);
    // Shows only these rows (ascending index rows); an empty optional = all.
    void setFilteredRows(std::vector<uint32_t> rows);
    void clearFilter();
    bool filtered() const { return filtered_; }
    // View > Time Display Format (the CLI's -t formats).
    void setTimeColumn(TimeColumn tc);
    TimeColumn timeColumn() const { return time_column_; }

    const FrameIndex& frameIndex() const { return index_; }
    std::size_t totalFrames() const { return index_.size(); }
    std::size_t displayedFrames() const { return identity_ ? index_.size() : shown_.size(); }
    // Frame number of a displayed row, or 0.
    uint64_t frameAt(int row) const;
    // Displayed row of a frame number, or -1 when it is filtered out.
    int rowOfFrame(uint64_t frame) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& idx, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    QString text(const FrameRow& r, std::size_t i, std::size_t row, int column) const;
    QString timeText(const FrameRow& r, std::size_t i, std::size_t row) const;
    void applyOrder();
    // Index row shown on display row `row` (< displayedFrames()).
    uint32_t shownAt(std::size_t row) const { return identity_ ? uint32_t(row) : shown_[row]; }
    // Writes out the display order (before sorting or filtering it).
    void materialize();

    FrameIndex index_;
    // Index rows in display order. While every frame is shown in frame
    // order (the state of every capture as it loads) the order is implied
    // and the vector is empty: 4 bytes per frame saved, plus its growth.
    bool identity_ = true;
    std::vector<uint32_t> shown_;
    bool filtered_ = false;
    int sort_column_ = No;
    TimeColumn time_column_;
    Qt::SortOrder sort_order_ = Qt::AscendingOrder;
};

}  // namespace ms::ui
