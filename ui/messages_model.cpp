#include "ui/messages_model.hpp"

#include <algorithm>

namespace ms::ui {

namespace {
QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

bool numeric(int column) {
    return column == MessagesModel::Frame || column == MessagesModel::Time || column == MessagesModel::Size ||
           column == MessagesModel::Attachments;
}
}  // namespace

MessagesModel::MessagesModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessagesModel::clear() {
    beginResetModel();
    records_.clear();
    records_.shrink_to_fit();
    order_.clear();
    order_.shrink_to_fit();
    endResetModel();
}

void MessagesModel::append(std::vector<MessageRecord> messages) {
    // Row numbers are ints and record indexes uint32: stop well before either wraps.
    const std::size_t room = std::size_t(INT32_MAX) - records_.size();
    if (messages.size() > room) messages.resize(room);
    if (messages.empty()) return;
    beginInsertRows({}, int(order_.size()), int(order_.size() + messages.size() - 1));
    for (auto& m : messages) {
        order_.push_back(uint32_t(records_.size()));
        records_.push_back(std::move(m));
    }
    endInsertRows();
}

const MessageRecord* MessagesModel::at(int row) const {
    if (row < 0 || std::size_t(row) >= order_.size()) return nullptr;
    return &records_[order_[std::size_t(row)]];
}

int MessagesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(order_.size()); }

int MessagesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MessagesModel::data(const QModelIndex& idx, int role) const {
    const MessageRecord* m = idx.isValid() ? at(idx.row()) : nullptr;
    if (!m) return {};
    if (role == Qt::TextAlignmentRole)
        return numeric(idx.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::UserRole) return QVariant::fromValue<qulonglong>(order_[std::size_t(idx.row())]);
    if (role != Qt::DisplayRole) return {};
    switch (idx.column()) {
        case Frame: return QString::number(m->end_frame);
        case Time: return QString::number(double(m->rel_ns) / 1e9, 'f', 6);
        case Protocol: return qs(m->transport).toUpper();
        case From: return qs(m->summary.from);
        case To: return qs(m->summary.to);
        case Subject: return qs(m->summary.subject);
        case Size: return QString::number(m->summary.size);
        case Attachments: return QString::number(m->summary.attachments.size());
    }
    return {};
}

QVariant MessagesModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"Frame", "Time", "Protocol", "From", "To", "Subject", "Size", "Attachments"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void MessagesModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Remember which record each persistent index (the selection) shows.
    const QModelIndexList before = persistentIndexList();
    std::vector<uint32_t> record_of;
    record_of.reserve(std::size_t(before.size()));
    for (const QModelIndex& i : before) record_of.push_back(order_[std::size_t(i.row())]);

    auto key_less = [&](uint32_t a, uint32_t b) {
        const MessageRecord &x = records_[a], &y = records_[b];
        switch (column) {
            case Frame: return x.end_frame < y.end_frame;
            case Time: return x.rel_ns < y.rel_ns;
            case Protocol: return x.transport < y.transport;
            case From: return x.summary.from < y.summary.from;
            case To: return x.summary.to < y.summary.to;
            case Subject: return x.summary.subject < y.summary.subject;
            case Size: return x.summary.size < y.summary.size;
            case Attachments: return x.summary.attachments.size() < y.summary.attachments.size();
        }
        return false;
    };
    // Ties keep arrival order in both directions, so clicks are stable.
    std::sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
        if (order == Qt::AscendingOrder ? key_less(a, b) : key_less(b, a)) return true;
        if (order == Qt::AscendingOrder ? key_less(b, a) : key_less(a, b)) return false;
        return a < b;
    });

    std::vector<uint32_t> row_of(records_.size());
    for (std::size_t r = 0; r < order_.size(); ++r) row_of[order_[r]] = uint32_t(r);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k)
        after.push_back(index(int(row_of[record_of[std::size_t(k)]]), before[k].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace ms::ui
