// Analyze > Expert Information: the capture's expert items under their
// severity, one row per (group, protocol, summary) with its count, each
// expandable to the frames that carry it; double-clicking a frame goes to
// it in the packet list.
#pragma once

#include <QDialog>
#include <memory>
#include <vector>

#include "ui/expert_collector.hpp"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace ms::ui {

class ExpertDialog : public QDialog {
    Q_OBJECT
public:
    // Frames listed under one entry when it is expanded; the rest are
    // summarised in a last row (the filter bar reaches all of them).
    static constexpr int kListedFrames = 5000;
    enum Column { SeverityCol, SummaryCol, GroupCol, ProtocolCol, CountCol, ColumnCount };

    ExpertDialog(std::shared_ptr<const std::vector<ExpertEntry>> entries, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return tree_; }
    // Items of this severity (the number its top-level row shows).
    uint64_t severityTotal(Severity s) const;
    // The top-level row of a severity, or null when it has no items.
    QTreeWidgetItem* severityItem(Severity s) const;

signals:
    void goToFrame(quint64 frame);

private:
    void fillFrames(QTreeWidgetItem* entry_item);

    std::shared_ptr<const std::vector<ExpertEntry>> entries_;
    QTreeWidget* tree_;
    QLabel* totals_;
};

}  // namespace ms::ui
