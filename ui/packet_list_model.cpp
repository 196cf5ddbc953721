#include "ui/packet_list_model.hpp"

#include <QBrush>
#include <QFont>
#include <algorithm>
#include <numeric>

#include "ui/row_palette.hpp"

namespace ms::ui {

namespace {
QString qstr(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

}  // namespace

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent) {}

void PacketListModel::clear() {
    beginResetModel();
    index_.clear();
    shown_.clear();
    shown_.shrink_to_fit();
    identity_ = true;
    filtered_ = false;
    endResetModel();
}

void PacketListModel::appendBatch(const IndexBatch& batch) {
    const std::size_t first = index_.size();
    if (filtered_ || batch.rows.empty()) {
        index_.append(batch);
        return;
    }
    const std::size_t shown = displayedFrames();
    beginInsertRows({}, int(shown), int(shown + batch.rows.size() - 1));
    index_.append(batch);
    if (!identity_)
        for (std::size_t i = first; i < index_.size(); ++i) shown_.push_back(static_cast<uint32_t>(i));
    endInsertRows();
}

void PacketListModel::setFilteredRows(std::vector<uint32_t> rows) {
    beginResetModel();
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](uint32_t r) { return r >= index_.size(); }), rows.end());
    shown_ = std::move(rows);
    identity_ = false;
    filtered_ = true;
    applyOrder();
    endResetModel();
}

void PacketListModel::clearFilter() {
    beginResetModel();
    shown_.clear();
    shown_.shrink_to_fit();
    identity_ = true;
    filtered_ = false;
    applyOrder();
    endResetModel();
}

uint64_t PacketListModel::frameAt(int row) const {
    if (row < 0 || std::size_t(row) >= displayedFrames()) return 0;
    return FrameIndex::frame_number(shownAt(std::size_t(row)));
}

int PacketListModel::rowOfFrame(uint64_t frame) const {
    if (frame == 0 || frame > index_.size()) return -1;
    uint32_t want = static_cast<uint32_t>(frame - 1);
    if (identity_) return want <= uint32_t(INT32_MAX) ? int(want) : -1;
    if (sort_column_ == No && sort_order_ == Qt::AscendingOrder) {
        auto it = std::lower_bound(shown_.begin(), shown_.end(), want);
        return it != shown_.end() && *it == want ? int(it - shown_.begin()) : -1;
    }
    auto it = std::find(shown_.begin(), shown_.end(), want);
    return it == shown_.end() ? -1 : int(it - shown_.begin());
}

int PacketListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::min<std::size_t>(displayedFrames(), INT32_MAX));
}

int PacketListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void PacketListModel::setTimeColumn(TimeColumn tc) {
    time_column_ = tc;
    if (rowCount() > 0) emit dataChanged(index(0, Time), index(rowCount() - 1, Time), {Qt::DisplayRole});
}

QString PacketListModel::timeText(const FrameRow& r, std::size_t i, std::size_t row) const {
    const int64_t epoch = index_.epoch_ns().value_or(0);
    const bool delta_wanted = time_column_.format == TimeFormat::Delta;
    const int64_t delta = delta_wanted && i > 0 ? r.rel_ns - index_.row(i - 1).rel_ns : 0;
    // The previous displayed frame in frame order: the row above while the
    // list is in frame order; sorted by another column, the previous
    // captured frame stands in (the order on screen says nothing of it).
    int64_t prev_displayed = r.rel_ns;
    if (time_column_.format == TimeFormat::DeltaDisplayed) {
        std::optional<std::size_t> prev;
        if (identity_) {
            if (i > 0) prev = i - 1;
        } else if (sort_column_ == No) {
            const bool ascending = sort_order_ == Qt::AscendingOrder;
            if (ascending && row > 0) prev = shownAt(row - 1);
            if (!ascending && row + 1 < displayedFrames()) prev = shownAt(row + 1);
        } else if (i > 0) {
            prev = i - 1;
        }
        if (prev) prev_displayed = index_.row(*prev).rel_ns;
    }
    const std::string s = format_time_column(time_column_, epoch + r.rel_ns, r.rel_ns, delta, epoch + prev_displayed, 6);
    return QString::fromStdString(s);
}

QString PacketListModel::text(const FrameRow& r, std::size_t i, std::size_t row, int column) const {
    switch (column) {
        case No: return QString::number(FrameIndex::frame_number(i));
        case Time: return timeText(r, i, row);
        case Source: return qstr(index_.name(r.src));
        case Destination: return qstr(index_.name(r.dst));
        case Protocol: return qstr(index_.name(r.protocol));
        case Length: return QString::number(r.wirelen);
        case Info: return qstr(index_.info(i));
    }
    return {};
}

QVariant PacketListModel::data(const QModelIndex& idx, int role) const {
    if (!idx.isValid() || std::size_t(idx.row()) >= displayedFrames()) return {};
    std::size_t i = shownAt(std::size_t(idx.row()));
    const FrameRow& r = index_.row(i);
    switch (role) {
        case Qt::DisplayRole: return text(r, i, std::size_t(idx.row()), idx.column());
        case Qt::BackgroundRole: return QBrush(row_background(r.row_class));
        case Qt::ForegroundRole: return QBrush(row_foreground(r.row_class));
        case Qt::TextAlignmentRole:
            if (idx.column() == No || idx.column() == Time || idx.column() == Length)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ToolTipRole: return row_class_name(r.row_class);
        case Qt::UserRole: return QVariant::fromValue<qulonglong>(FrameIndex::frame_number(i));
    }
    return {};
}

QVariant PacketListModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

void PacketListModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    emit layoutAboutToBeChanged();
    sort_column_ = column;
    sort_order_ = order;
    applyOrder();
    emit layoutChanged();
}

void PacketListModel::materialize() {
    if (!identity_) return;
    shown_.resize(index_.size());
    std::iota(shown_.begin(), shown_.end(), 0u);
    identity_ = false;
}

void PacketListModel::applyOrder() {
    const int col = sort_column_;
    if (col == No && sort_order_ == Qt::AscendingOrder && !filtered_) {
        shown_.clear();
        shown_.shrink_to_fit();
        identity_ = true;
        return;
    }
    materialize();
    // Frame order is what loading produces: checking it is linear, while a
    // comparison sort of millions of already-ordered rows is not free.
    if (col == No) {
        if (!std::is_sorted(shown_.begin(), shown_.end())) std::sort(shown_.begin(), shown_.end());
        if (sort_order_ == Qt::DescendingOrder) std::reverse(shown_.begin(), shown_.end());
        return;
    }
    // Info is stored compressed: unpack every text once into one arena for
    // the sort (released right after), not once per comparison.
    std::string info_text;
    std::vector<uint64_t> info_at;  // row i's text is [info_at[i], info_at[i + 1])
    if (col == Info) {
        info_at.reserve(index_.size() + 1);
        index_.infos().for_each([&](std::size_t, std::string_view t) {
            info_at.push_back(info_text.size());
            info_text += t;
        });
        while (info_at.size() <= index_.size()) info_at.push_back(info_text.size());
    }
    auto info_of = [&](uint32_t i) {
        return std::string_view(info_text).substr(std::size_t(info_at[i]), std::size_t(info_at[i + 1] - info_at[i]));
    };
    // The other columns: one integer key per row, made once (rows are
    // stored packed, and names compare as strings): a name's key is its
    // rank among all names.
    std::vector<int64_t> key;
    if (col != Info) {
        std::vector<uint32_t> name_rank;
        if (col == Source || col == Destination || col == Protocol) {
            std::vector<uint32_t> ids(index_.name_count());
            std::iota(ids.begin(), ids.end(), 0u);
            std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return index_.name(a) < index_.name(b); });
            name_rank.resize(ids.size());
            for (std::size_t r = 0; r < ids.size(); ++r) name_rank[ids[r]] = uint32_t(r);
        }
        auto rank = [&](uint32_t id) { return id < name_rank.size() ? int64_t(name_rank[id]) : int64_t(id); };
        key.resize(index_.size());
        for (std::size_t i = 0; i < key.size(); ++i) {
            const FrameRow r = index_.row(i);
            key[i] = col == Time ? r.rel_ns
                     : col == Length ? int64_t(r.wirelen)
                     : col == Source ? rank(r.src)
                     : col == Destination ? rank(r.dst)
                     : col == Protocol ? rank(r.protocol)
                                       : int64_t(i);
        }
    }
    auto key_less = [&](uint32_t a, uint32_t b) { return col == Info ? info_of(a) < info_of(b) : key[a] < key[b]; };
    // Ties keep frame order, so sorting is stable across clicks.
    std::sort(shown_.begin(), shown_.end(), [&](uint32_t a, uint32_t b) {
        if (key_less(a, b)) return true;
        if (key_less(b, a)) return false;
        return a < b;
    });
    if (sort_order_ == Qt::DescendingOrder) std::reverse(shown_.begin(), shown_.end());
}

}  // namespace ms::ui
