// The Messages panel: every message the capture's SMTP, POP3 and IMAP
// sessions carried, with decoded From/To/Subject; the selected one's
// headers and attachments (type, size, hashes) and a Save button that
// extracts the decoded attachment from the capture.
#pragma once

#include <QWidget>
#include <vector>

#include "ui/capture_records.hpp"

class QLabel;
class QPushButton;
class QTableWidget;
class QPlainTextEdit;

namespace ms::ui {

class MessagesPanel : public QWidget {
    Q_OBJECT
public:
    explicit MessagesPanel(QWidget* parent = nullptr);

    void clear();
    void setCapturePath(const QString& path) { capture_path_ = path; }
    void addMessages(const std::vector<MessageRecord>& messages);

    int messageCount() const { return int(messages_.size()); }
    const MessageRecord* message(int row) const;
    void selectMessage(int row);
    int selectedMessage() const;
    QTableWidget* messageTable() const { return list_; }
    QTableWidget* attachmentTable() const { return attachments_; }
    QString headerText() const;

    // Extracts attachment `index` of the selected message to `dest`.
    bool saveAttachment(int index, const QString& dest, QString& error);

signals:
    void goToFrame(quint64 frame);

private:
    void showSelected();
    void onSave();

    QString capture_path_;
    std::vector<MessageRecord> messages_;
    QTableWidget* list_;
    QTableWidget* attachments_;
    QPlainTextEdit* headers_;
    QPushButton* save_;
    QPushButton* goto_;
    QLabel* title_;
};

}  // namespace ms::ui
