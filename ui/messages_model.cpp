#include "ui/messages_model.hpp"

#include "ui/message_record_codec.hpp"

#include <algorithm>

namespace ms::ui {

namespace {
QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// The transports a record names, by Row::transport; 0 is anything else.
constexpr const char* kTransports[] = {"", "smtp", "pop", "imap"};

uint8_t transport_code(std::string_view t) {
    for (uint8_t i = 1; i < std::size(kTransports); ++i)
        if (t == kTransports[i]) return i;
    return 0;
}

bool numeric(int column) {
    return column == MessagesModel::Frame || column == MessagesModel::Time || column == MessagesModel::Size ||
           column == MessagesModel::Attachments;
}

// The text a text column shows.
const std::string& text_of(const MessageRecord& m, int column) {
    static const std::string none;
    switch (column) {
        case MessagesModel::EnvelopeFrom: return m.envelope_from;
        case MessagesModel::EnvelopeTo: return m.envelope_to;
        case MessagesModel::From: return m.summary.from;
        case MessagesModel::To: return m.summary.to;
        case MessagesModel::Subject: return m.summary.subject;
        case MessagesModel::Problems: return m.problems;
    }
    return none;
}

bool textual(int column) {
    return column == MessagesModel::EnvelopeFrom || column == MessagesModel::EnvelopeTo ||
           column == MessagesModel::From || column == MessagesModel::To || column == MessagesModel::Subject;
}
}  // namespace

MessagesModel::MessagesModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessagesModel::clear() {
    beginResetModel();
    rows_.clear();
    rows_.shrink_to_fit();
    packed_.clear();
    order_.clear();
    order_.shrink_to_fit();
    recent_.clear();
    filtered_ = false;
    snippets_.clear();
    endResetModel();
}

void MessagesModel::append(std::vector<MessageRecord> messages) {
    // Row numbers are ints and record indexes uint32: stop well before either wraps.
    const std::size_t room = std::size_t(INT32_MAX) - rows_.size();
    if (messages.size() > room) messages.resize(room);
    if (messages.empty()) return;
    // Under a find filter, messages that arrive now are not among its hits.
    const std::size_t shown = filtered_ ? 0 : messages.size();
    if (shown) beginInsertRows({}, int(order_.size()), int(order_.size() + shown - 1));
    std::string bytes;
    for (const auto& m : messages) {
        if (!filtered_) order_.push_back(uint32_t(rows_.size()));
        Row r;
        r.ordinal = m.ordinal;
        r.end_frame = m.end_frame;
        r.rel_ns = m.rel_ns;
        r.size = m.summary.size;
        r.attachments = uint32_t(std::min<std::size_t>(m.summary.attachments.size(), UINT32_MAX));
        r.problems = m.problem_count;
        r.transport = transport_code(m.transport);
        rows_.push_back(r);
        bytes.clear();
        pack_message(m, bytes);
        packed_.append(bytes);
    }
    if (shown) endInsertRows();
}

void MessagesModel::showOnly(std::unordered_map<uint64_t, std::string> snippets) {
    beginResetModel();
    filtered_ = true;
    snippets_ = std::move(snippets);
    rebuild_order();
    endResetModel();
}

void MessagesModel::showAll() {
    if (!filtered_) return;
    beginResetModel();
    filtered_ = false;
    snippets_.clear();
    rebuild_order();
    endResetModel();
}

void MessagesModel::rebuild_order() {
    order_.clear();
    for (uint32_t i = 0; i < rows_.size(); ++i)
        if (shown(i)) order_.push_back(i);
    if (sort_column_ >= 0) sort_rows(sort_column_, sort_order_);
}

QString MessagesModel::snippet(int row) const {
    if (!filtered_ || row < 0 || std::size_t(row) >= order_.size()) return {};
    auto it = snippets_.find(rows_[order_[std::size_t(row)]].ordinal);
    return it == snippets_.end() ? QString() : qs(it->second);
}

std::shared_ptr<const MessageRecord> MessagesModel::record(uint32_t i) const {
    for (std::size_t k = 0; k < recent_.size(); ++k)
        if (recent_[k].first == i) {
            if (k) std::rotate(recent_.begin(), recent_.begin() + std::ptrdiff_t(k), recent_.begin() + std::ptrdiff_t(k) + 1);
            return recent_.front().second;
        }
    auto m = std::make_shared<const MessageRecord>(unpack_message(packed_.get(i)));
    constexpr std::size_t kRecent = 64;
    if (recent_.size() >= kRecent) recent_.pop_back();
    recent_.insert(recent_.begin(), {i, m});
    return m;
}

std::shared_ptr<const MessageRecord> MessagesModel::at(int row) const {
    if (row < 0 || std::size_t(row) >= order_.size()) return nullptr;
    return record(order_[std::size_t(row)]);
}

std::vector<std::string> MessagesModel::texts_of(int column) const {
    std::vector<std::string> out(rows_.size());
    packed_.for_each([&](std::size_t i, std::string_view bytes) {
        if (i >= out.size()) return;
        MessageRecord m = unpack_message(bytes);
        out[i] = text_of(m, column);
    });
    return out;
}

int MessagesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(order_.size()); }

int MessagesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MessagesModel::data(const QModelIndex& idx, int role) const {
    if (!idx.isValid() || idx.row() < 0 || std::size_t(idx.row()) >= order_.size()) return {};
    const uint32_t i = order_[std::size_t(idx.row())];
    const Row& r = rows_[i];
    if (role == Qt::TextAlignmentRole)
        return numeric(idx.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::UserRole) return QVariant::fromValue<qulonglong>(i);
    if (role == Qt::ToolTipRole && idx.column() == Problems && r.problems)
        return tr("%n problem(s): %1", nullptr, int(std::min<uint32_t>(r.problems, INT32_MAX)))
            .arg(qs(record(i)->problems));
    if (role == Qt::ToolTipRole && filtered_) {
        const QString s = snippet(idx.row());
        return s.isEmpty() ? QVariant() : QVariant(tr("Found: …%1…").arg(s));
    }
    if (role != Qt::DisplayRole) return {};
    switch (idx.column()) {
        case Frame: return QString::number(r.end_frame);
        case Time: return QString::number(double(r.rel_ns) / 1e9, 'f', 6);
        case Protocol: return QString::fromLatin1(kTransports[r.transport]).toUpper();
        case EnvelopeFrom:
        case EnvelopeTo:
        case From:
        case To:
        case Subject: return qs(text_of(*record(i), idx.column()));
        case Problems: return r.problems ? qs(record(i)->problems) : QString();
        case Size: return QString::number(r.size);
        case Attachments: return QString::number(r.attachments);
    }
    return {};
}

QVariant MessagesModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {"Frame", "Time",    "Protocol", "Envelope From", "Envelope To", "From",
                                  "To",    "Subject", "Size",     "Attachments",   "Problems"};
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
    sort_rows(column, order);
    sort_column_ = column;
    sort_order_ = order;

    std::vector<uint32_t> row_of(rows_.size());
    for (std::size_t r = 0; r < order_.size(); ++r) row_of[order_[r]] = uint32_t(r);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k)
        after.push_back(index(int(row_of[record_of[std::size_t(k)]]), before[k].column()));
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void MessagesModel::sort_rows(int column, Qt::SortOrder order) {
    // Text columns: every record's text unpacked once, not per comparison.
    const std::vector<std::string> texts = textual(column) ? texts_of(column) : std::vector<std::string>();
    auto key_less = [&](uint32_t a, uint32_t b) {
        const Row &x = rows_[a], &y = rows_[b];
        switch (column) {
            case Frame: return x.end_frame < y.end_frame;
            case Time: return x.rel_ns < y.rel_ns;
            case Protocol: return std::string_view(kTransports[x.transport]) < std::string_view(kTransports[y.transport]);
            case EnvelopeFrom:
            case EnvelopeTo:
            case From:
            case To:
            case Subject: return texts[a] < texts[b];
            case Problems: return x.problems < y.problems;
            case Size: return x.size < y.size;
            case Attachments: return x.attachments < y.attachments;
        }
        return false;
    };
    // Ties keep arrival order in both directions, so clicks are stable.
    std::sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
        if (order == Qt::AscendingOrder ? key_less(a, b) : key_less(b, a)) return true;
        if (order == Qt::AscendingOrder ? key_less(b, a) : key_less(a, b)) return false;
        return a < b;
    });
}

}  // namespace ms::ui
