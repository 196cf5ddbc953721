#include "ui/proto_tree_model.hpp"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <algorithm>
#include <cstdio>

namespace ms::ui {

namespace {
QString qstr(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QColor severity_colour(int s) {
    switch (static_cast<Severity>(s)) {
        case Severity::Error: return QColor(0xff, 0x5c, 0x5c);
        case Severity::Warn: return QColor(0xff, 0xdd, 0x55);
        case Severity::Note: return QColor(0xa0, 0xd8, 0xff);
        case Severity::Chat: return QColor(0x80, 0xb7, 0xff);
        default: return QColor(0xb8, 0xf5, 0x8f);
    }
}
}  // namespace

ProtoTreeModel::ProtoTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void ProtoTreeModel::setFrame(std::shared_ptr<const FrameDissection> frame) {
    beginResetModel();
    frame_ = std::move(frame);
    build();
    endResetModel();
}

void ProtoTreeModel::build() {
    children_.clear();
    row_.clear();
    parent_.clear();
    severity_.clear();
    depth_.clear();
    if (!frame_) return;
    const ProtoTree& t = frame_->tree();
    const FieldRegistry& reg = FieldRegistry::global();
    const std::size_t n = t.size();
    children_.resize(n);
    row_.assign(n, 0);
    parent_.assign(n, 0);
    severity_.assign(n, -1);
    depth_.assign(n, 0);
    // Nodes are created parent before child, so one forward sweep fills
    // every list in tree order.
    std::vector<uint32_t> stack{0};
    while (!stack.empty()) {
        uint32_t p = stack.back();
        stack.pop_back();
        std::vector<uint32_t> kids;
        for (uint32_t c = t.node(p).first_child; c; c = t.node(c).next_sibling) {
            if (t.node(c).flags & kHidden) continue;
            row_[c] = int(kids.size());
            parent_[c] = p;
            depth_[c] = uint16_t(std::min<int>(depth_[p] + 1, 65535));
            kids.push_back(c);
        }
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
        children_[p] = std::move(kids);
    }
    // An expert item ("_ws.expert") has its expert field as a child: colour both.
    for (uint32_t i = 1; i < n; ++i) {
        FieldId f = t.node(i).field;
        if (f == kNoField || f >= reg.size()) continue;
        if (const ExpertDef* e = reg.expert(f)) {
            severity_[i] = int8_t(e->severity);
            uint32_t p = t.node(i).parent;
            if (p && p < n) severity_[p] = std::max<int8_t>(severity_[p], int8_t(e->severity));
        }
    }
}

uint32_t ProtoTreeModel::nodeOf(const QModelIndex& idx) const { return idx.isValid() ? uint32_t(idx.internalId()) : 0; }

QModelIndex ProtoTreeModel::indexOfNode(uint32_t node) const {
    if (!frame_ || node == 0 || node >= children_.size()) return {};
    return createIndex(row_[node], 0, quintptr(node));
}

uint32_t ProtoTreeModel::deepestNodeAt(uint16_t source, uint64_t offset) const {
    if (!frame_) return 0;
    const ProtoTree& t = frame_->tree();
    uint32_t best = 0;
    // Only nodes reachable through visible parents count (what the user sees).
    std::vector<uint32_t> stack(children_.empty() ? std::vector<uint32_t>{} : children_[0]);
    while (!stack.empty()) {
        uint32_t i = stack.back();
        stack.pop_back();
        const ByteRange& r = t.node(i).range;
        if (r.source == source && r.length > 0 && offset >= r.offset && offset < uint64_t(r.offset) + r.length) {
            if (!best || depth_[i] > depth_[best] ||
                (depth_[i] == depth_[best] && r.length < t.node(best).range.length))
                best = i;
        }
        for (uint32_t c : children_[i]) stack.push_back(c);
    }
    return best;
}

uint32_t ProtoTreeModel::findNode(const QString& prefix) const {
    if (!frame_) return 0;
    const ProtoTree& t = frame_->tree();
    for (uint32_t i = 1; i < children_.size(); ++i) {
        if (t.node(i).flags & kHidden) continue;
        if (qstr(t.label(i)).startsWith(prefix)) return i;
    }
    return 0;
}

QModelIndex ProtoTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!frame_ || column != 0 || row < 0) return {};
    uint32_t p = nodeOf(parent);
    if (p >= children_.size() || std::size_t(row) >= children_[p].size()) return {};
    return createIndex(row, 0, quintptr(children_[p][std::size_t(row)]));
}

QModelIndex ProtoTreeModel::parent(const QModelIndex& child) const {
    uint32_t c = nodeOf(child);
    if (!c || c >= parent_.size()) return {};
    return indexOfNode(parent_[c]);
}

int ProtoTreeModel::rowCount(const QModelIndex& parent) const {
    if (!frame_ || parent.column() > 0) return 0;
    uint32_t p = nodeOf(parent);
    return p < children_.size() ? int(children_[p].size()) : 0;
}

int ProtoTreeModel::columnCount(const QModelIndex&) const { return 1; }

QVariant ProtoTreeModel::data(const QModelIndex& idx, int role) const {
    uint32_t i = nodeOf(idx);
    if (!frame_ || !i || i >= children_.size()) return {};
    const ProtoTree& t = frame_->tree();
    switch (role) {
        case Qt::DisplayRole: {
            QString label = qstr(t.label(i));
            return (t.node(i).flags & kGenerated) ? "[" + label + "]" : label;
        }
        case Qt::BackgroundRole:
            if (severity_[i] >= 0) return QBrush(severity_colour(severity_[i]));
            return {};
        case Qt::ToolTipRole: {
            FieldId f = t.node(i).field;
            if (f == kNoField || f >= FieldRegistry::global().size()) return {};
            const FieldDef& d = FieldRegistry::global().def(f);
            const ByteRange& r = t.node(i).range;
            return QString("%1 (%2), %3 byte(s) at %4")
                .arg(QString::fromUtf8(d.name), QString::fromUtf8(d.abbrev))
                .arg(r.length)
                .arg(r.offset);
        }
    }
    return {};
}

std::string filter_for_node(const ProtoTree& tree, uint32_t node) {
    const FieldRegistry& reg = FieldRegistry::global();
    const Node& n = tree.node(node);
    if (n.field == kNoField || n.field >= reg.size()) return {};
    const FieldDef& d = reg.def(n.field);
    std::string name = d.abbrev;
    switch (d.type) {
        case FieldType::None:
        case FieldType::Protocol:
        case FieldType::Expert:
            return name;
        case FieldType::String:
        case FieldType::AbsTime: {
            std::string v = d.type == FieldType::String ? std::string(tree.blob(n)) : tree.value_text(node);
            std::string q = "\"";
            for (char c : v) {
                if (c == '"' || c == '\\') q += '\\';
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
                    q += buf;
                    continue;
                }
                q += c;
            }
            return name + " == " + q + "\"";
        }
        default: {
            std::string v = tree.value_text(node);
            return v.empty() ? name : name + " == " + v;
        }
    }
}

}  // namespace ms::ui
