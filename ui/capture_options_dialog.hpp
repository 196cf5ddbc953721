// Capture > Options: the interfaces the capture helper can open (its -D
// list, so the GUI itself never needs privileges) and a BPF capture filter.
// Accepting starts the capture with options().
#pragma once

#include <QDialog>

#include "capture/live/live_source.hpp"

class QLabel;
class QLineEdit;
class QListWidget;

namespace ms::ui {

class CaptureOptionsDialog : public QDialog {
    Q_OBJECT
public:
    explicit CaptureOptionsDialog(const LiveCaptureOptions& last, QWidget* parent = nullptr);
    LiveCaptureOptions options() const;
    int interfaceCount() const;

private:
    QListWidget* interfaces_;
    QLineEdit* filter_;
    QLabel* message_;
    LiveCaptureOptions base_;
};

}  // namespace ms::ui
