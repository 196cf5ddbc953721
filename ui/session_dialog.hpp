// Analyze > Session Dialogue: one SMTP/POP3/IMAP session as a chat, client
// turns on the left in Follow TCP Stream's red, server turns on the right in
// its blue, each turn's tooltip saying what the command or reply means, and
// above it the session's state (envelope, mailbox, login, TLS).
// Double-clicking a turn asks the main window to show its frame.
#pragma once

#include <QDialog>

#include "ui/session_dialogue.hpp"
#include "ui/session_summary.hpp"

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace ms::ui {

class SessionDialog : public QDialog {
    Q_OBJECT
public:
    explicit SessionDialog(SessionDialogue dialogue, QWidget* parent = nullptr);

    const SessionDialogue& dialogue() const { return dialogue_; }
    const SessionSummary& summary() const { return summary_; }
    QListWidget* turnList() const { return list_; }
    QString summaryText() const;  // the header, as plain text
    QString footerText() const;

signals:
    void goToFrame(quint64 frame);

private:
    QListWidgetItem* makeItem(std::size_t index) const;

    SessionDialogue dialogue_;
    SessionSummary summary_;
    QLabel* header_;
    QListWidget* list_;
    QLabel* footer_;
};

}  // namespace ms::ui
