#include "ui/conversations_dialog.hpp"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace ms::ui {

namespace {
struct Conv {
    uint32_t a = 0, b = 0;
    uint16_t port_a = 0, port_b = 0;
    uint64_t frames_ab = 0, frames_ba = 0, bytes_ab = 0, bytes_ba = 0;
    int64_t start = 0, end = 0;
};

QTableWidgetItem* num(qulonglong v) {
    auto* i = new QTableWidgetItem;
    i->setData(Qt::DisplayRole, v);
    return i;
}
}  // namespace

ConversationsDialog::ConversationsDialog(const FrameIndex& index, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Conversations: TCP"));
    resize(900, 400);
    std::map<int32_t, Conv> convs;
    for (std::size_t i = 0; i < index.size(); ++i) {
        const FrameRow& r = index.row(i);
        if (r.tcp_stream < 0) continue;
        auto [it, fresh] = convs.try_emplace(r.tcp_stream);
        Conv& c = it->second;
        if (fresh) c.a = r.src, c.b = r.dst, c.port_a = r.srcport, c.port_b = r.dstport, c.start = r.rel_ns;
        c.end = r.rel_ns;
        bool ab = r.src == c.a && r.srcport == c.port_a;
        (ab ? c.frames_ab : c.frames_ba)++;
        (ab ? c.bytes_ab : c.bytes_ba) += r.wirelen;
    }
    table_ = new QTableWidget(int(convs.size()), 11, this);
    table_->setHorizontalHeaderLabels({tr("Stream"), tr("Address A"), tr("Port A"), tr("Address B"), tr("Port B"),
                                       tr("Frames A→B"), tr("Bytes A→B"), tr("Frames B→A"), tr("Bytes B→A"),
                                       tr("Rel Start"), tr("Duration")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    int row = 0;
    for (const auto& [stream, c] : convs) {
        auto name = [&](uint32_t id) {
            auto s = index.name(id);
            return new QTableWidgetItem(QString::fromUtf8(s.data(), qsizetype(s.size())));
        };
        table_->setItem(row, 0, num(qulonglong(stream)));
        table_->setItem(row, 1, name(c.a));
        table_->setItem(row, 2, num(c.port_a));
        table_->setItem(row, 3, name(c.b));
        table_->setItem(row, 4, num(c.port_b));
        table_->setItem(row, 5, num(c.frames_ab));
        table_->setItem(row, 6, num(c.bytes_ab));
        table_->setItem(row, 7, num(c.frames_ba));
        table_->setItem(row, 8, num(c.bytes_ba));
        table_->setItem(row, 9, new QTableWidgetItem(QString::number(double(c.start) / 1e9, 'f', 6)));
        table_->setItem(row, 10, new QTableWidgetItem(QString::number(double(c.end - c.start) / 1e9, 'f', 6)));
        ++row;
    }
    table_->setSortingEnabled(true);
    table_->resizeColumnsToContents();
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int r, int) {
        emit filterRequested(QString("tcp.stream eq %1").arg(table_->item(r, 0)->text()));
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* l = new QVBoxLayout(this);
    l->addWidget(table_);
    l->addWidget(buttons);
}

}  // namespace ms::ui
