// Analyze > Follow > TCP Stream: the connection's payload with the client's
// bytes in red and the server's in blue, as ASCII, hex dump or raw hex.
#pragma once

#include <QDialog>

#include "ui/stream_follower.hpp"

class QComboBox;
class QLabel;
class QTextEdit;

namespace ms::ui {

class FollowStreamDialog : public QDialog {
    Q_OBJECT
public:
    FollowStreamDialog(FollowedStream stream, QWidget* parent = nullptr);

    QString plainText() const;
    void setFormat(FollowFormat f);
    // Applies "tcp.stream eq N" in the main window when asked.
signals:
    void filterRequested(const QString& filter);

private:
    void render();

    FollowedStream stream_;
    FollowFormat format_ = FollowFormat::Ascii;
    QTextEdit* text_;
    QComboBox* format_box_;
    QLabel* summary_;
};

}  // namespace ms::ui
