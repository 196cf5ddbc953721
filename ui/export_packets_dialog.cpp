#include "ui/export_packets_dialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ms::ui {

ExportPacketsDialog::ExportPacketsDialog(uint64_t total, uint64_t displayed, bool has_selection, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export Specified Packets"));
    auto* layout = new QVBoxLayout(this);
    all_ = new QRadioButton(tr("All packets (%1)").arg(total), this);
    displayed_ = new QRadioButton(tr("Displayed packets (%1)").arg(displayed), this);
    selected_ = new QRadioButton(tr("Selected packet only"), this);
    selected_->setEnabled(has_selection);
    displayed_->setChecked(true);
    layout->addWidget(all_);
    layout->addWidget(displayed_);
    layout->addWidget(selected_);

    auto* form = new QFormLayout;
    format_ = new QComboBox(this);
    format_->addItem(tr("pcapng"));
    format_->addItem(tr("pcap (microseconds)"));
    form->addRow(tr("Format:"), format_);
    auto* where = new QHBoxLayout;
    path_ = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    where->addWidget(path_, 1);
    where->addWidget(browse);
    form->addRow(tr("File:"), where);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(browse, &QPushButton::clicked, this, &ExportPacketsDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!path_->text().isEmpty()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportPacketsDialog::browse() {
    const bool pcap = format_->currentIndex() == 1;
    QString p = QFileDialog::getSaveFileName(this, tr("Export Specified Packets"), path_->text(),
                                             pcap ? tr("pcap (*.pcap)") : tr("pcapng (*.pcapng)"));
    if (!p.isEmpty()) path_->setText(p);
}

ExportRange ExportPacketsDialog::range() const {
    if (all_->isChecked()) return ExportRange::All;
    if (selected_->isChecked()) return ExportRange::Selected;
    return ExportRange::Displayed;
}

CaptureFileFormat ExportPacketsDialog::format() const {
    return format_->currentIndex() == 1 ? CaptureFileFormat::Pcap : CaptureFileFormat::Pcapng;
}

QString ExportPacketsDialog::path() const { return path_->text(); }

}  // namespace ms::ui
