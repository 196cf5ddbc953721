// Statistics > Conversations (TCP): one row per tcp.stream from the packet
// index (no extra pass): endpoints, frames and bytes each way, start and
// duration. Double-click filters on the stream.
#pragma once

#include <QDialog>

#include "ui/frame_index.hpp"

class QTableWidget;

namespace ms::ui {

class ConversationsDialog : public QDialog {
    Q_OBJECT
public:
    ConversationsDialog(const FrameIndex& index, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }

signals:
    void filterRequested(const QString& filter);

private:
    QTableWidget* table_;
};

}  // namespace ms::ui
