// Analyze > Follow > TCP Stream: the connection's payload with the client's
// bytes in red and the server's in blue, as ASCII, hex dump or raw hex;
// one side or both, with Find, Save as… and Filter (Out) This Stream.
#pragma once

#include <QByteArray>
#include <QDialog>

#include "ui/stream_follower.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QTextEdit;

namespace ms::ui {

// Wireshark's "Show data" selector: which side's bytes are shown and saved.
enum class FollowDirection { Both, ClientToServer, ServerToClient };

class FollowStreamDialog : public QDialog {
    Q_OBJECT
public:
    FollowStreamDialog(FollowedStream stream, QWidget* parent = nullptr);

    QString plainText() const;
    void setFormat(FollowFormat f);
    void setDirection(FollowDirection d);
    FollowDirection direction() const { return direction_; }

    // Find Next for `text` (case-insensitive, wrapping to the start): selects
    // and scrolls to the hit; false (and "not found" in the dialog) if absent.
    bool findNext(const QString& text);
    QString selectedText() const;
    QString findStatus() const;
    QLineEdit* findField() const { return find_field_; }
    QTextEdit* textView() const { return text_; }

    // The shown direction's payload bytes in order, gaps left out.
    QByteArray shownBytes() const;
    // Writes what is shown: the text (UTF-8) for ASCII and Hex Dump, the
    // bytes themselves for Raw. false + `error` when the file can't be written.
    bool saveTo(const QString& path, QString* error = nullptr);

    // Applies "tcp.stream eq N" ("Filter This Stream") or, closing the
    // dialog, "!(tcp.stream eq N)" ("Filter Out This Stream") in the main window.
signals:
    void filterRequested(const QString& filter);

private:
    void render();
    bool shows(const StreamChunk& c) const;
    void findNextFromField();
    void saveAs();
    void filterOut();

    FollowedStream stream_;
    FollowFormat format_ = FollowFormat::Ascii;
    FollowDirection direction_ = FollowDirection::Both;
    QTextEdit* text_;
    QComboBox* format_box_;
    QComboBox* direction_box_;
    QLineEdit* find_field_;
    QLabel* find_status_;
    QLabel* summary_;
};

}  // namespace ms::ui
