// The detail pane: a tree model over one frame's ProtoTree. Hidden nodes
// are skipped, generated ones shown in [brackets], expert items coloured by
// severity. The internal id of every index is its node number.
#pragma once

#include <QAbstractItemModel>
#include <memory>
#include <vector>

#include "ui/frame_dissection.hpp"

namespace ms::ui {

class ProtoTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    explicit ProtoTreeModel(QObject* parent = nullptr);

    void setFrame(std::shared_ptr<const FrameDissection> frame);
    const FrameDissection* frame() const { return frame_.get(); }

    // Node number of an index (0 = none), and back.
    uint32_t nodeOf(const QModelIndex& idx) const;
    QModelIndex indexOfNode(uint32_t node) const;
    // The visible node of the greatest depth whose bytes cover `offset` in
    // data source `source` (the narrowest one on ties); 0 when none does.
    uint32_t deepestNodeAt(uint16_t source, uint64_t offset) const;
    // Visible top-level and descendant node whose label starts with `prefix`
    // (tests, "find"); 0 when none.
    uint32_t findNode(const QString& prefix) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& idx, int role) const override;

private:
    void build();

    std::shared_ptr<const FrameDissection> frame_;
    // Per node: its visible children, and its row among its parent's.
    std::vector<std::vector<uint32_t>> children_;
    std::vector<int> row_;
    std::vector<uint32_t> parent_;
    std::vector<int8_t> severity_;  // -1 = not an expert item
    std::vector<uint16_t> depth_;
};

// The display filter that selects frames having this node's field with its
// value ("smtp.req.command == \"MAIL\""), or just the field name when the
// node has no comparable value.
std::string filter_for_node(const ProtoTree& tree, uint32_t node);

}  // namespace ms::ui
