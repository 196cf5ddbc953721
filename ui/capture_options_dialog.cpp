#include "ui/capture_options_dialog.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/live_capture_loader.hpp"

namespace ms::ui {

CaptureOptionsDialog::CaptureOptionsDialog(const LiveCaptureOptions& last, QWidget* parent)
    : QDialog(parent), base_(last) {
    setWindowTitle(tr("Capture Options"));
    interfaces_ = new QListWidget(this);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Capture filter (BPF), e.g. tcp port 25 or tcp port 143"));
    filter_->setText(QString::fromStdString(last.capture_filter));
    message_ = new QLabel(this);
    message_->setWordWrap(true);

    std::string err;
    const std::string helper = gui_capture_helper();
    auto list = helper.empty() ? std::vector<InterfaceDesc>{} : list_interfaces(err, helper);
    if (helper.empty()) err = "The capture helper mailscope-capture was not found next to mailscope or on PATH.";
    for (const auto& d : list) {
        QString text = QString::fromStdString(format_interface_line(d));
        if (!d.addresses.empty()) {
            QStringList addrs;
            for (const auto& a : d.addresses) addrs << QString::fromStdString(a);
            text += "   " + addrs.join(", ");
        }
        auto* item = new QListWidgetItem(text, interfaces_);
        item->setData(Qt::UserRole, QString::fromStdString(d.name));
        if (!last.interfaces.empty() && last.interfaces.front() == d.name) interfaces_->setCurrentItem(item);
    }
    if (!interfaces_->currentItem() && interfaces_->count()) interfaces_->setCurrentRow(0);
    message_->setText(err.empty() ? tr("Packets appear in the list as they arrive; Capture > Stop ends the capture.")
                                  : QString::fromStdString(err));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(interfaces_->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(interfaces_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Interface:"), this));
    layout->addWidget(interfaces_, 1);
    layout->addWidget(new QLabel(tr("Capture filter:"), this));
    layout->addWidget(filter_);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    resize(560, 380);
}

int CaptureOptionsDialog::interfaceCount() const { return interfaces_->count(); }

LiveCaptureOptions CaptureOptionsDialog::options() const {
    LiveCaptureOptions o = base_;
    o.interfaces.clear();
    if (auto* item = interfaces_->currentItem()) o.interfaces.push_back(item->data(Qt::UserRole).toString().toStdString());
    o.capture_filter = filter_->text().trimmed().toStdString();
    // Packets in blocks (within the helper's 250 ms timeout), not one wakeup
    // each: the list refreshes a few times a second anyway, and under load
    // immediate mode makes the kernel drop packets (see mailscope-cli's -l).
    o.immediate = false;
    return o;
}

}  // namespace ms::ui
