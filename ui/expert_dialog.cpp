#include "ui/expert_dialog.hpp"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace ms::ui {

namespace {
// Roles on the rows: which entry a row stands for, which frame a frame row.
constexpr int kEntryRole = Qt::UserRole + 1;
constexpr int kFrameRole = Qt::UserRole + 2;
constexpr int kPlaceholderRole = Qt::UserRole + 3;

const Severity kOrder[] = {Severity::Error, Severity::Warn, Severity::Note, Severity::Chat, Severity::Comment};

QString qs(const std::string& s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QColor severity_colour(Severity s) {
    switch (s) {
        case Severity::Error: return QColor(0xff, 0x5c, 0x5c);
        case Severity::Warn: return QColor(0xf7, 0xd2, 0x5c);
        case Severity::Note: return QColor(0xa0, 0xc8, 0xf0);
        case Severity::Chat: return QColor(0x80, 0xb0, 0xff);
        default: return QColor(0xb8, 0xe0, 0xb0);
    }
}
}  // namespace

ExpertDialog::ExpertDialog(std::shared_ptr<const std::vector<ExpertEntry>> entries, QWidget* parent)
    : QDialog(parent), entries_(std::move(entries)) {
    setWindowTitle(tr("Expert Information"));
    resize(900, 520);
    totals_ = new QLabel(this);
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(ColumnCount);
    tree_->setHeaderLabels({tr("Severity"), tr("Summary"), tr("Group"), tr("Protocol"), tr("Count")});
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->header()->setSectionResizeMode(SummaryCol, QHeaderView::Stretch);
    tree_->header()->setStretchLastSection(false);

    QStringList totals;
    for (Severity sev : kOrder) {
        std::vector<std::size_t> rows;
        uint64_t total = 0;
        for (std::size_t i = 0; i < entries_->size(); ++i)
            if ((*entries_)[i].severity == sev) rows.push_back(i), total += (*entries_)[i].count;
        if (rows.empty()) continue;
        // Most frequent first, as in Wireshark's dialog and -z expert.
        std::stable_sort(rows.begin(), rows.end(),
                         [&](std::size_t a, std::size_t b) { return (*entries_)[a].count > (*entries_)[b].count; });
        auto* top = new QTreeWidgetItem(tree_);
        top->setText(SeverityCol, qs(severity_name(sev)));
        top->setText(CountCol, QString::number(total));
        top->setData(SeverityCol, Qt::UserRole, int(sev));
        top->setBackground(SeverityCol, severity_colour(sev));
        top->setTextAlignment(CountCol, Qt::AlignRight | Qt::AlignVCenter);
        totals << tr("%1: %2").arg(qs(severity_name(sev))).arg(total);
        for (std::size_t i : rows) {
            const ExpertEntry& e = (*entries_)[i];
            auto* item = new QTreeWidgetItem(top);
            item->setText(SeverityCol, qs(severity_name(sev)));
            item->setText(SummaryCol, qs(e.summary));
            item->setText(GroupCol, qs(group_name(e.group)));
            item->setText(ProtocolCol, qs(e.protocol));
            item->setText(CountCol, QString::number(e.count));
            item->setTextAlignment(CountCol, Qt::AlignRight | Qt::AlignVCenter);
            item->setData(SeverityCol, kEntryRole, qulonglong(i));
            item->setToolTip(SummaryCol, qs(e.summary));
            // Frame rows are made when the entry is first expanded: an entry
            // may cover a million frames.
            if (!e.frames.empty()) {
                auto* placeholder = new QTreeWidgetItem(item);
                placeholder->setData(SeverityCol, kPlaceholderRole, true);
            }
        }
        top->setExpanded(true);
    }
    totals_->setText(totals.isEmpty() ? tr("No expert information in this capture.") : totals.join("   ·   "));
    for (int c = 0; c < ColumnCount; ++c)
        if (c != SummaryCol) tree_->resizeColumnToContents(c);

    connect(tree_, &QTreeWidget::itemExpanded, this, &ExpertDialog::fillFrames);
    connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int) {
        QVariant f = item->data(SeverityCol, kFrameRole);
        if (f.isValid()) emit goToFrame(f.toULongLong());
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(totals_);
    layout->addWidget(tree_, 1);
    layout->addWidget(buttons);
}

void ExpertDialog::fillFrames(QTreeWidgetItem* entry_item) {
    if (entry_item->childCount() != 1 || !entry_item->child(0)->data(SeverityCol, kPlaceholderRole).toBool()) return;
    delete entry_item->takeChild(0);
    const ExpertEntry& e = (*entries_)[entry_item->data(SeverityCol, kEntryRole).toULongLong()];
    QList<QTreeWidgetItem*> rows;
    std::size_t listed = std::min<std::size_t>(e.frames.size(), kListedFrames);
    rows.reserve(qsizetype(listed + 1));
    for (std::size_t i = 0; i < listed; ++i) {
        auto* f = new QTreeWidgetItem;
        f->setText(SummaryCol, tr("Frame %1").arg(e.frames[i]));
        f->setData(SeverityCol, kFrameRole, qulonglong(e.frames[i]));
        rows.push_back(f);
    }
    if (e.frames_total > listed) {
        auto* more = new QTreeWidgetItem;
        more->setText(SummaryCol, tr("… and %1 more frames").arg(e.frames_total - listed));
        rows.push_back(more);
    }
    entry_item->addChildren(rows);
}

uint64_t ExpertDialog::severityTotal(Severity s) const {
    uint64_t total = 0;
    for (const auto& e : *entries_)
        if (e.severity == s) total += e.count;
    return total;
}

QTreeWidgetItem* ExpertDialog::severityItem(Severity s) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->data(SeverityCol, Qt::UserRole).toInt() == int(s)) return tree_->topLevelItem(i);
    return nullptr;
}

}  // namespace ms::ui
