// File > Export Specified Packets…: which frames (all, the displayed ones,
// the selected one), which format (pcapng, pcap) and where. The window does
// the copying (packet_export.hpp).
#pragma once

#include <QDialog>

#include "capture/source/capture_writer.hpp"

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace ms::ui {

enum class ExportRange { All, Displayed, Selected };

class ExportPacketsDialog : public QDialog {
    Q_OBJECT
public:
    ExportPacketsDialog(uint64_t total, uint64_t displayed, bool has_selection, QWidget* parent = nullptr);

    ExportRange range() const;
    CaptureFileFormat format() const;
    QString path() const;

private:
    void browse();

    QRadioButton* all_;
    QRadioButton* displayed_;
    QRadioButton* selected_;
    QComboBox* format_;
    QLineEdit* path_;
};

}  // namespace ms::ui
