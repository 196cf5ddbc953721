// mailscope's main window: packet list, detail tree and hex view over a
// capture file, the display filter bar, and the Messages and Credentials
// panels. All reading of the file happens on worker threads (loading,
// filtering) or in short re-reads (the selected frame, Follow Stream).
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <memory>
#include <unordered_map>

#include "ui/capture_loader.hpp"
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
class FilterBar;
class FollowStreamDialog;
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
    QString filePath() const { return path_; }

    // Re-filters the loaded file on a worker thread ("" = show all).
    void applyFilter(const QString& text);
    QString activeFilter() const { return active_filter_; }
    // Selects the frame in the packet list and shows its tree and bytes;
    // false when it is not displayed (filtered out) or cannot be read.
    bool selectFrame(uint64_t number);
    uint64_t selectedFrame() const { return shown_frame_; }
    // Selects a tree node (by number) as a click would: highlights its bytes.
    void selectNode(uint32_t node);

    // Follow TCP Stream on the selected frame's connection (null if none).
    FollowStreamDialog* followTcpStream();
    void showMessagesPanel();
    void showCredentialsPanel();
    void showConversations();

    PacketListModel* packetModel() const { return packets_; }
    QTableView* packetView() const { return packet_view_; }
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
    void stopJobs();
    void addRecent(const QString& path);
    void updateRecentMenu();
    void updateStatus();
    void showLegend();

    QString path_;
    QString active_filter_;
    PacketListModel* packets_;
    ProtoTreeModel* detail_;
    QTableView* packet_view_;
    QTreeView* detail_view_;
    QTabWidget* hex_tabs_;
    FilterBar* filter_bar_;
    MessagesPanel* messages_;
    CredentialsPanel* credentials_;
    QDockWidget* messages_dock_;
    QDockWidget* credentials_dock_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* stop_;
    QMenu* recent_menu_;
    QPointer<CaptureLoader> loader_;
    QPointer<FilterRunner> filter_runner_;
    std::shared_ptr<LoadResult> last_load_;
    std::shared_ptr<const FrameDissection> shown_;
    uint64_t shown_frame_ = 0;
    // end frame -> begin frame of the messages that end there (the detail
    // re-read keeps full trees from the begin frame, for the message bytes).
    std::unordered_map<uint64_t, uint64_t> message_begin_;
    double filter_seconds_ = 0;
};

}  // namespace ms::ui
