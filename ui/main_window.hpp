// mailscope's main window: packet list, detail tree and hex view over a
// capture file, the display filter bar, and the Messages and Credentials
// panels. Every read of the file happens on a worker thread (loading,
// filtering, re-dissecting the selected frame, Follow Stream) with the
// status bar's progress bar and Stop button, so the window never freezes.
#pragma once

#include <QMainWindow>

#include "capture/source/capture_writer.hpp"
#include <QPointer>
#include <memory>
#include <unordered_map>

#include "ui/background_job.hpp"
#include "ui/capture_loader.hpp"
#include "ui/decode_as.hpp"
#include "ui/live_capture_loader.hpp"
#include "ui/filter_runner.hpp"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTreeView;

namespace ms::ui {

class CredentialsPanel;
class ExpertDialog;
class IoGraphDialog;
class MailStatsDialog;
class FilterBar;
class FindBar;
enum class ExportRange;
class FollowStreamDialog;
class SessionDialog;
class FrameDissection;
class HexView;
class MessagesPanel;
class PacketListModel;
class ProtoTreeModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading `path` on a worker thread (replacing any open file).
    void openFile(const QString& path);
    void closeFile();
    bool isLoading() const { return loader_ != nullptr; }
    bool isFiltering() const { return filter_runner_ != nullptr; }
    // Capture > Start: captures live into a temporary pcapng (rows appear
    // as packets arrive); loadFinished follows the stop (or a failure, then
    // lastLoad()->error says why, e.g. the permission and the setcap fix).
    bool startLiveCapture(const LiveCaptureOptions& options);
    void stopLiveCapture();
    // Capture > Restart: stops the running capture and starts a new one with
    // the same options (loadFinished for the old one, then liveCaptureStarted).
    void restartLiveCapture();
    bool isCapturing() const { return live_ != nullptr; }
    // Any worker running (load, filter, frame re-dissection, Follow Stream).
    bool isBusy() const;
    QString filePath() const { return path_; }

    // Re-filters the loaded file on a worker thread ("" = show all).
    void applyFilter(const QString& text);
    QString activeFilter() const { return active_filter_; }
    // Selects the frame in the packet list and starts re-dissecting it on a
    // worker; frameShown (or frameShowFailed) follows. False when it is not
    // displayed (filtered out).
    bool selectFrame(uint64_t number);
    // selectFrame, then waits (running the event loop) until it is shown;
    // for scripts and tests. False when not displayed, unreadable or timed out.
    bool selectFrameAndWait(uint64_t number, int timeout_ms = 120000);
    uint64_t selectedFrame() const { return shown_frame_; }
    // Selects a tree node (by number) as a click would: highlights its bytes.
    void selectNode(uint32_t node);

    // Follow TCP Stream on the selected frame's connection: collects it on
    // a worker, then opens the dialog (streamFollowed). False if not TCP.
    bool followTcpStream();
    // The same, waiting for the dialog (scripts and tests); null on failure.
    FollowStreamDialog* followTcpStreamAndWait(int timeout_ms = 120000);
    // Analyze > Session Dialogue: the selected frame's connection collected
    // the same way (on Follow's worker: one stream at a time) and cut into
    // command/reply turns, then the dialog (sessionDialogueOpened). False if
    // not TCP.
    bool openSessionDialogue();
    // The same, waiting for the dialog (scripts and tests); null on failure.
    SessionDialog* openSessionDialogueAndWait(int timeout_ms = 120000);
    void showMessagesPanel();
    void showCredentialsPanel();
    void showConversations();
    // Analyze > Expert Information (null before a file has loaded).
    ExpertDialog* showExpertInfo();
    // Statistics > I/O Graph over the loaded index.
    IoGraphDialog* showIoGraph();
    // Statistics > Mail Commands: SMTP/POP/IMAP commands and replies of the
    // open file, counted on a worker (null when no file is open).
    MailStatsDialog* showMailStats();
    // File > Save As: copies the open capture (a live capture's temporary
    // file, or the file as read) to `dest`. False + error on failure.
    bool saveCaptureAs(const QString& dest, QString* error = nullptr);
    // File > Export Specified Packets: copies the frames of `range` into a
    // new file on a worker thread, waiting (running the event loop) until
    // it is written. False with `error` when it cannot be done.
    bool exportPacketsAndWait(const QString& dest, ExportRange range, CaptureFileFormat format,
                              QString* error = nullptr);
    // Analyze > Decode As: gives the rule to the dissectors, remembers it
    // (QSettings) and loads the open capture again with it. False + error
    // when the rule cannot be applied.
    bool applyDecodeAs(const DecodeAsRule& rule, QString* error = nullptr);

    PacketListModel* packetModel() const { return packets_; }
    QTableView* packetView() const { return packet_view_; }
    FindBar* findBar() const { return find_bar_; }
    ProtoTreeModel* detailModel() const { return detail_; }
    QTreeView* detailView() const { return detail_view_; }
    QTabWidget* hexTabs() const { return hex_tabs_; }
    HexView* currentHexView() const;
    FilterBar* filterBar() const { return filter_bar_; }
    MessagesPanel* messagesPanel() const { return messages_; }
    CredentialsPanel* credentialsPanel() const { return credentials_; }
    QString statusText() const;
    const LoadResult* lastLoad() const { return last_load_.get(); }

signals:
    void loadFinished();
    void filterFinished();
    void frameShown(quint64 frame);
    void frameShowFailed(quint64 frame);
    void fileClosing();         // the index and path are about to be replaced
    void liveCaptureStarted();  // the helper captures: traffic from now on is seen
    void streamFollowed(ms::ui::FollowStreamDialog* dialog);  // null = failed or stopped
    void sessionDialogueOpened(ms::ui::SessionDialog* dialog);  // null = failed or stopped

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;

private:
    void buildMenus();
    void buildPanes();
    void onOpen();
    void onGoToPacket();
    void onStop();
    void onBatch(std::shared_ptr<IndexBatch> batch);
    void onMessages(std::shared_ptr<std::vector<MessageRecord>> messages);
    void onLoaded(std::shared_ptr<LoadResult> result);
    void onFiltered(std::shared_ptr<FilterResult> result);
    void onProgress(int permille);
    void onPacketSelected();
    void onDetailSelected();
    void onByteClicked(int source, uint64_t offset);
    void onDetailMenu(const QPoint& pos);
    void showFrame(uint64_t number);
    void presentFrame(uint64_t number, std::shared_ptr<const FrameDissection> d);
    BackgroundJob* startJob(BackgroundJob::Work work);
    void dropJob(QPointer<BackgroundJob>& job);
    void updateBusy();
    void stopJobs();
    void addRecent(const QString& path);
    void updateRecentMenu();
    void updateStatus();
    void showLegend();
    void onDecodeAs();
    void onSaveAs();
    void onExportPackets();
    // The TCP stream of the frame shown in the tree; -1 (and a word in the
    // status bar when it is not TCP) when there is none.
    int32_t selectedTcpStream();
    // Preferences: the window's layout, restored at start, saved on close.
    void restoreLayout();
    void saveLayout() const;
    void onCaptureOptions();
    void onLiveRows();
    void onLiveStopped(std::shared_ptr<LoadResult> result);

    QString path_;
    QString active_filter_;
    PacketListModel* packets_;
    ProtoTreeModel* detail_;
    QTableView* packet_view_;
    QSplitter* panes_ = nullptr;  // packet list, detail tree, bytes
    QTreeView* detail_view_;
    QTabWidget* hex_tabs_;
    FilterBar* filter_bar_;
    FindBar* find_bar_ = nullptr;
    MessagesPanel* messages_;
    CredentialsPanel* credentials_;
    QDockWidget* messages_dock_;
    QDockWidget* credentials_dock_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* stop_;
    QMenu* recent_menu_;
    QPointer<CaptureLoader> loader_;
    bool restart_pending_ = false;  // Capture > Restart: start again once stopped
    QPointer<FilterRunner> filter_runner_;
    QPointer<BackgroundJob> select_job_;   // re-dissecting pending_frame_
    uint64_t pending_frame_ = 0;
    QPointer<BackgroundJob> follow_job_;
    QPointer<LiveCaptureLoader> live_;
    LiveCaptureOptions live_options_;  // the last ones (Capture > Start)
    std::shared_ptr<LoadResult> last_load_;
    std::shared_ptr<const FrameDissection> shown_;
    uint64_t shown_frame_ = 0;
    // (end frame, begin frame) of every message, 16 bytes each: the detail
    // re-read keeps full trees from the begin frame, for the message bytes.
    std::vector<std::pair<uint64_t, uint64_t>> message_begin_;
    double filter_seconds_ = 0;
};

}  // namespace ms::ui
