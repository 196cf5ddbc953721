// Statistics > Mail Commands: per protocol (one tab each for SMTP, POP and
// IMAP) every command with its count and min/avg/max response time, and
// every reply code, indicator or status with its count, in sortable tables.
// The numbers are those of `mailscope-cli -z smtp,stat` (same counter,
// stats::MailCommandCounter), counted by a pass over the capture file on a
// BackgroundJob with a progress bar and Cancel; closing the dialog cancels
// the pass, so the window never waits on the file.
#pragma once

#include <QDialog>
#include <QPointer>
#include <memory>

#include "ui/background_job.hpp"
#include "ui/mail_command_walk.hpp"

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace ms::ui {

class MailStatsDialog : public QDialog {
    Q_OBJECT
public:
    // Starts counting `capture_path` at once.
    explicit MailStatsDialog(QString capture_path, QWidget* parent = nullptr);
    ~MailStatsDialog() override;

    bool isRunning() const { return job_ != nullptr; }
    // Stops the pass; countsReady follows (with no counts).
    void cancel();
    // The finished pass's counts; null while running, after a cancel or
    // when the file could not be read (errorText says why).
    const MailCommandCounts* counts() const { return counts_.get(); }
    QString errorText() const { return error_; }

    QTabWidget* tabs() const { return tabs_; }
    QTableWidget* commandTable(stats::MailProtocol p) const { return commands_[index(p)]; }
    QTableWidget* replyTable(stats::MailProtocol p) const { return replies_[index(p)]; }
    QLabel* statusLabel() const { return status_; }

    // Columns of the command tables.
    enum CommandColumn { CommandCol, CountCol, MinCol, AvgCol, MaxCol };

signals:
    // The pass ended: finished, cancelled or failed.
    void countsReady();

public slots:
    void done(int result) override;

private:
    static int index(stats::MailProtocol p) { return static_cast<int>(p); }
    void onJobFinished(std::shared_ptr<MailCommandCounts> counts, std::shared_ptr<std::string> error);
    void fill(const stats::MailCommandCounter& counter);

    QString path_;
    QPointer<BackgroundJob> job_;
    std::shared_ptr<const MailCommandCounts> counts_;
    QString error_;

    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QTabWidget* tabs_;
    QTableWidget* commands_[3];
    QTableWidget* replies_[3];
};

}  // namespace ms::ui
