#include "ui/decode_as_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::ui {

DecodeAsDialog::DecodeAsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Decode As…"));
    active_ = new QTableWidget(0, 3, this);
    active_->setHorizontalHeaderLabels({tr("Field"), tr("Value"), tr("Current")});
    active_->verticalHeader()->hide();
    active_->horizontalHeader()->setStretchLastSection(true);
    active_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (const auto& r : active_decode_as()) {
        int row = active_->rowCount();
        active_->insertRow(row);
        active_->setItem(row, 0, new QTableWidgetItem("tcp.port"));
        active_->setItem(row, 1, new QTableWidgetItem(QString::number(r.port)));
        active_->setItem(row, 2, new QTableWidgetItem(r.protocol.toUpper()));
    }

    port_ = new QSpinBox(this);
    port_->setRange(1, 65535);
    port_->setValue(2525);
    protocol_ = new QComboBox(this);
    for (const QString& p : decode_as_protocols()) protocol_->addItem(p.toUpper(), p);

    auto* form = new QFormLayout;
    form->addRow(tr("TCP port:"), port_);
    form->addRow(tr("Decode as:"), protocol_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Rules in force:"), this));
    layout->addWidget(active_, 1);
    layout->addWidget(new QLabel(tr("Add a rule (the capture is dissected again):"), this));
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(420, 320);
}

DecodeAsRule DecodeAsDialog::rule() const {
    DecodeAsRule r;
    r.port = uint16_t(port_->value());
    r.protocol = protocol_->currentData().toString();
    return r;
}

void DecodeAsDialog::setRule(const DecodeAsRule& r) {
    port_->setValue(r.port);
    int i = protocol_->findData(r.protocol);
    if (i >= 0) protocol_->setCurrentIndex(i);
}

}  // namespace ms::ui
