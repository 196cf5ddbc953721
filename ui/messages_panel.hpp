// The Messages panel: every message the capture's SMTP, POP3 and IMAP
// sessions carried, with decoded From/To/Subject; the selected one's
// headers and attachments (type, size, hashes) and a Save button that
// extracts the decoded attachment from the capture (Save All: every one in
// one pass). Selecting a message also reads it again from the file in the
// background for the Body (text; HTML only as text), MIME and Received tabs. A find bar over the
// list searches every message's decoded headers and text bodies (a pass
// over the file in the background) and shows only the messages that match.
#pragma once

#include <cstdint>
#include <memory>

#include <QWidget>
#include <vector>

#include "ui/capture_records.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;
class QTabWidget;
class QTreeWidget;
class QPlainTextEdit;

namespace ms::ui {

class BackgroundJob;
class MessagesModel;
struct MessageDetail;

class MessagesPanel : public QWidget {
    Q_OBJECT
public:
    explicit MessagesPanel(QWidget* parent = nullptr);

    void clear();
    void setCapturePath(const QString& path) { capture_path_ = path; }
    void addMessages(std::vector<MessageRecord> messages);
    // While loading, addMessages only appends; the end sorts once.
    void setLoading(bool loading);

    int messageCount() const;
    std::shared_ptr<const MessageRecord> message(int row) const;
    void selectMessage(int row);
    int selectedMessage() const;
    QTableView* messageTable() const { return list_; }
    // The text a cell of the message table shows (as the view draws it).
    QString cellText(int row, int column) const;
    // Sorts the table as a click on the column header does.
    void sortBy(int column, Qt::SortOrder order);
    QTableWidget* attachmentTable() const { return attachments_; }
    QString headerText() const;

    // Extracts attachment `index` of the selected message to `dest`
    // (synchronously: scripts and tests).
    bool saveAttachment(int index, const QString& dest, QString& error);
    // The same on a worker thread with a cancellable progress dialog (what
    // the Save button does); attachmentSaved follows unless cancelled.
    void saveAttachmentInBackground(uint64_t ordinal, const std::string& part_path, const QString& dest);

    // Find in messages (decoded text): starts a search of the capture on a
    // worker (what the Find button and Enter do), replacing one that runs;
    // findFinished follows unless it is cancelled or replaced. Then only
    // the matching messages are shown until clearFind().
    void findText(const QString& text, bool regex = false);
    void cancelFind();
    void clearFind();
    bool findRunning() const { return find_job_ != nullptr; }
    // Rows the list shows (messageCount() counts every message).
    int shownMessageCount() const;
    // "N of M messages match", an error, or "" when no find applies.
    QString findStatus() const;
    // The text around the hit in the message on a row (its tooltip).
    QString matchSnippet(int row) const;

    // The selected message read again from the file (detailReady follows):
    // Body, MIME and Received tabs.
    QTabWidget* detailTabs() const { return tabs_; }
    bool detailRunning() const { return detail_job_ != nullptr; }
    // What the Body tab shows; by default the text/plain part, else the
    // HTML part as text. showHtmlBody picks the HTML part when there is one.
    QString bodyText() const;
    QString bodyNote() const;
    bool bodyFromHtml() const;
    void showHtmlBody(bool html);
    QTreeWidget* mimeTreeWidget() const { return mime_; }
    QTableWidget* receivedTable() const { return received_; }
    enum ReceivedColumn { HopColumn, FromColumn, ByColumn, WithColumn, DateColumn, DeltaColumn, WarningsColumn };
    // Every attachment of the selected message into `dir` (synchronously:
    // scripts and tests); the names written go to `files`.
    bool saveAllAttachments(const QString& dir, QString* error, QStringList* files = nullptr);

signals:
    void goToFrame(quint64 frame);
    void attachmentSaved(const QString& dest, const QString& error);  // error empty = saved
    // matches = messages shown; error empty unless the pattern or the
    // file was bad (matches found before a read error are still shown).
    void findFinished(int matches, const QString& error);
    // The selected message's body, MIME tree and Received path are shown
    // (or its read failed: the Body tab says why).
    void detailReady();
    // Save All… finished: the files written, or error (empty = saved).
    void attachmentsSaved(const QStringList& files, const QString& error);

private:
    void showSelected();
    void finishLoading();
    void onSave();
    void onFindClicked();
    void setFindIdle();
    void startDetail();
    void cancelDetail();
    void showDetail(const MessageDetail& detail);
    void showBody();
    void onSaveAll();

    QString capture_path_;
    MessagesModel* model_;
    bool loading_ = false;
    QTableView* list_;
    QTableWidget* attachments_;
    QPlainTextEdit* headers_;
    QPushButton* save_;
    QPushButton* goto_;
    QLabel* title_;
    QLineEdit* find_;
    QCheckBox* find_regex_;
    QPushButton* find_button_;
    QPushButton* find_clear_;
    QProgressBar* find_progress_;
    QLabel* find_status_;
    BackgroundJob* find_job_ = nullptr;  // the search running now
    QTabWidget* tabs_;
    QPlainTextEdit* body_;
    QComboBox* body_choice_;
    QLabel* body_note_;
    QTreeWidget* mime_;
    QTableWidget* received_;
    QPushButton* save_all_;
    BackgroundJob* detail_job_ = nullptr;  // reading the selected message now
    uint64_t detail_ordinal_ = UINT64_MAX;   // the message the tabs show (or are reading)
    // The shown message's two readable texts (UTF-8) and their parts.
    QString plain_text_, html_text_;
    bool has_plain_ = false, has_html_ = false, plain_truncated_ = false, html_truncated_ = false;
};

}  // namespace ms::ui
