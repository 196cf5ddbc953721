#include "ui/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/conversations_dialog.hpp"
#include "ui/credentials_panel.hpp"
#include "ui/filter_bar.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/frame_dissection.hpp"
#include "ui/hex_view.hpp"
#include "ui/messages_panel.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/proto_tree_model.hpp"
#include "ui/row_palette.hpp"

namespace ms::ui {

namespace {
constexpr int kMaxRecent = 10;
const char kRecentKey[] = "recentFiles";
const char kFilterHistoryKey[] = "filterHistory";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    register_loader_types();
    setWindowTitle(tr("mailscope"));
    resize(1280, 860);
    setAcceptDrops(true);
    buildPanes();
    buildMenus();
    filter_bar_->setHistory(QSettings().value(kFilterHistoryKey).toStringList());
    updateStatus();
}

MainWindow::~MainWindow() { stopJobs(); }

void MainWindow::buildPanes() {
    filter_bar_ = new FilterBar(this);
    connect(filter_bar_, &FilterBar::applyRequested, this, &MainWindow::applyFilter);

    packets_ = new PacketListModel(this);
    packet_view_ = new QTableView(this);
    packet_view_->setModel(packets_);
    packet_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    packet_view_->setSelectionMode(QAbstractItemView::SingleSelection);
    packet_view_->setSortingEnabled(true);
    packet_view_->sortByColumn(PacketListModel::No, Qt::AscendingOrder);
    packet_view_->verticalHeader()->hide();
    packet_view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    packet_view_->horizontalHeader()->setStretchLastSection(true);
    packet_view_->setShowGrid(false);
    packet_view_->setWordWrap(false);
    packet_view_->setColumnWidth(PacketListModel::No, 60);
    packet_view_->setColumnWidth(PacketListModel::Time, 90);
    packet_view_->setColumnWidth(PacketListModel::Source, 130);
    packet_view_->setColumnWidth(PacketListModel::Destination, 130);
    packet_view_->setColumnWidth(PacketListModel::Protocol, 80);
    packet_view_->setColumnWidth(PacketListModel::Length, 60);
    connect(packet_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onPacketSelected);

    detail_ = new ProtoTreeModel(this);
    detail_view_ = new QTreeView(this);
    detail_view_->setModel(detail_);
    detail_view_->setHeaderHidden(true);
    detail_view_->setUniformRowHeights(true);
    detail_view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(detail_view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onDetailSelected);
    connect(detail_view_, &QTreeView::customContextMenuRequested, this, &MainWindow::onDetailMenu);

    hex_tabs_ = new QTabWidget(this);
    hex_tabs_->setTabPosition(QTabWidget::South);
    hex_tabs_->setDocumentMode(true);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(packet_view_);
    split->addWidget(detail_view_);
    split->addWidget(hex_tabs_);
    split->setSizes({360, 300, 200});

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(filter_bar_);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    messages_ = new MessagesPanel(this);
    connect(messages_, &MessagesPanel::goToFrame, this, [this](quint64 f) { selectFrame(f); });
    messages_dock_ = new QDockWidget(tr("Messages"), this);
    messages_dock_->setObjectName("messagesDock");
    messages_dock_->setWidget(messages_);
    addDockWidget(Qt::RightDockWidgetArea, messages_dock_);
    messages_dock_->hide();

    credentials_ = new CredentialsPanel(this);
    connect(credentials_, &CredentialsPanel::goToFrame, this, [this](quint64 f) { selectFrame(f); });
    credentials_dock_ = new QDockWidget(tr("Credentials"), this);
    credentials_dock_->setObjectName("credentialsDock");
    credentials_dock_->setWidget(credentials_);
    addDockWidget(Qt::RightDockWidgetArea, credentials_dock_);
    credentials_dock_->hide();

    status_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(200);
    progress_->hide();
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->hide();
    connect(stop_, &QPushButton::clicked, this, &MainWindow::onStop);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(stop_);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::onOpen);
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &MainWindow::closeFile);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("&Go to Packet…"), QKeySequence(Qt::CTRL | Qt::Key_G), this, &MainWindow::onGoToPacket);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(messages_dock_->toggleViewAction());
    view->addAction(credentials_dock_->toggleViewAction());
    view->addAction(tr("Colouring &Legend"), this, &MainWindow::showLegend);
    auto* focus = new QAction(tr("Focus Filter"), this);
    focus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(focus, &QAction::triggered, this, [this] { filter_bar_->lineEdit()->setFocus(); });
    addAction(focus);

    QMenu* analyze = menuBar()->addMenu(tr("&Analyze"));
    QMenu* follow = analyze->addMenu(tr("&Follow"));
    follow->addAction(tr("&TCP Stream"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T), this,
                      [this] { followTcpStream(); });
    QMenu* stats = menuBar()->addMenu(tr("&Statistics"));
    stats->addAction(tr("&Conversations (TCP)"), this, &MainWindow::showConversations);
    stats->addAction(tr("&Messages"), this, &MainWindow::showMessagesPanel);
    stats->addAction(tr("C&redentials"), this, &MainWindow::showCredentialsPanel);
}

// ---- files ----

void MainWindow::onOpen() {
    QString dir = path_.isEmpty() ? QString() : QFileInfo(path_).absolutePath();
    QString p = QFileDialog::getOpenFileName(this, tr("Open Capture File"), dir,
                                             tr("Capture files (*.pcap *.pcapng *.cap *.gz *.pcap.gz *.pcapng.gz);;"
                                                "All files (*)"));
    if (!p.isEmpty()) openFile(p);
}

void MainWindow::openFile(const QString& path) {
    closeFile();
    path_ = path;
    setWindowTitle(tr("%1 — mailscope").arg(QFileInfo(path).fileName()));
    messages_->setCapturePath(path);
    addRecent(path);
    loader_ = new CaptureLoader(path, this);
    connect(loader_, &CaptureLoader::batchReady, this, &MainWindow::onBatch);
    connect(loader_, &CaptureLoader::messagesReady, this, &MainWindow::onMessages);
    connect(loader_, &CaptureLoader::progress, this, &MainWindow::onProgress);
    connect(loader_, &CaptureLoader::loaded, this, &MainWindow::onLoaded);
    progress_->setValue(0);
    progress_->show();
    stop_->show();
    loader_->start();
    updateStatus();
}

void MainWindow::closeFile() {
    stopJobs();
    path_.clear();
    active_filter_.clear();
    last_load_.reset();
    shown_.reset();
    shown_frame_ = 0;
    message_begin_.clear();
    packets_->clear();
    detail_->setFrame(nullptr);
    while (hex_tabs_->count()) delete hex_tabs_->widget(0);
    messages_->clear();
    credentials_->setCredentials({});
    setWindowTitle(tr("mailscope"));
    updateStatus();
}

void MainWindow::stopJobs() {
    // Queued results of a stopped job must not reach the new file's views:
    // disconnect before waiting.
    if (loader_) {
        loader_->cancel();
        loader_->disconnect(this);
        loader_->wait();
        delete loader_;
    }
    if (filter_runner_) {
        filter_runner_->cancel();
        filter_runner_->disconnect(this);
        filter_runner_->wait();
        delete filter_runner_;
    }
    progress_->hide();
    stop_->hide();
}

void MainWindow::onStop() {
    if (loader_) loader_->cancel();
    if (filter_runner_) filter_runner_->cancel();
}

void MainWindow::addRecent(const QString& path) {
    QSettings s;
    QStringList r = s.value(kRecentKey).toStringList();
    QString abs = QFileInfo(path).absoluteFilePath();
    r.removeAll(abs);
    r.prepend(abs);
    while (r.size() > kMaxRecent) r.removeLast();
    s.setValue(kRecentKey, r);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recent_menu_->clear();
    const QStringList r = QSettings().value(kRecentKey).toStringList();
    for (const QString& p : r) recent_menu_->addAction(p, this, [this, p] { openFile(p); });
    recent_menu_->setEnabled(!r.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    for (const QUrl& u : e->mimeData()->urls()) {
        if (u.isLocalFile()) {
            openFile(u.toLocalFile());
            e->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* e) {
    stopJobs();
    QSettings().setValue(kFilterHistoryKey, filter_bar_->history());
    e->accept();
}

// ---- loading ----

void MainWindow::onBatch(std::shared_ptr<IndexBatch> batch) {
    packets_->appendBatch(*batch);
    updateStatus();
}

void MainWindow::onMessages(std::shared_ptr<std::vector<MessageRecord>> messages) {
    for (const auto& m : *messages) {
        auto [it, fresh] = message_begin_.try_emplace(m.end_frame, m.begin_frame);
        if (!fresh) it->second = std::min(it->second, m.begin_frame);
    }
    messages_->addMessages(*messages);
}

void MainWindow::onProgress(int permille) {
    if (permille < 0) progress_->setRange(0, 0);  // busy indicator
    else progress_->setRange(0, 1000), progress_->setValue(permille);
}

void MainWindow::onLoaded(std::shared_ptr<LoadResult> result) {
    last_load_ = result;
    if (loader_) {
        loader_->wait();
        loader_->deleteLater();
        loader_ = nullptr;
    }
    progress_->hide();
    stop_->hide();
    credentials_->setCredentials(result->credentials);
    // Rows arrived in file order; apply the user's sort now.
    packets_->sort(packet_view_->horizontalHeader()->sortIndicatorSection(),
                   packet_view_->horizontalHeader()->sortIndicatorOrder());
    if (!result->error.isEmpty())
        QMessageBox::warning(this, tr("mailscope"),
                             packets_->totalFrames()
                                 ? tr("The capture file appears to be damaged or corrupt.\n%1").arg(result->error)
                                 : result->error);
    updateStatus();
    emit loadFinished();
}

// ---- filtering ----

void MainWindow::applyFilter(const QString& text) {
    if (path_.isEmpty() || loader_) return;
    if (filter_runner_) {
        filter_runner_->cancel();
        filter_runner_->disconnect(this);
        filter_runner_->wait();
        delete filter_runner_;
    }
    if (filter_bar_->text() != text) filter_bar_->setText(text);
    if (text.trimmed().isEmpty()) {
        active_filter_.clear();
        packets_->clearFilter();
        if (shown_frame_) selectFrame(shown_frame_);
        updateStatus();
        emit filterFinished();
        return;
    }
    filter_runner_ = new FilterRunner(path_, text, this);
    connect(filter_runner_, &FilterRunner::progress, this, &MainWindow::onProgress);
    connect(filter_runner_, &FilterRunner::filtered, this, &MainWindow::onFiltered);
    progress_->setValue(0);
    progress_->show();
    stop_->show();
    filter_runner_->start();
}

void MainWindow::onFiltered(std::shared_ptr<FilterResult> result) {
    if (filter_runner_) {
        filter_runner_->wait();
        filter_runner_->deleteLater();
        filter_runner_ = nullptr;
    }
    progress_->hide();
    stop_->hide();
    if (!result->error.isEmpty() && result->rows.empty()) {
        QMessageBox::warning(this, tr("Display filter"), result->error);
    } else if (!result->cancelled) {
        active_filter_ = result->filter;
        filter_seconds_ = result->seconds;
        packets_->setFilteredRows(std::move(result->rows));
        // Keep the selected frame selected when it still shows.
        if (shown_frame_ && packets_->rowOfFrame(shown_frame_) >= 0) selectFrame(shown_frame_);
    }
    updateStatus();
    emit filterFinished();
}

// ---- selection ----

bool MainWindow::selectFrame(uint64_t number) {
    int row = packets_->rowOfFrame(number);
    if (row < 0) return false;
    QModelIndex idx = packets_->index(row, 0);
    packet_view_->setCurrentIndex(idx);
    packet_view_->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    if (shown_frame_ != number) showFrame(number);
    return shown_frame_ == number;
}

void MainWindow::onPacketSelected() {
    uint64_t f = packets_->frameAt(packet_view_->currentIndex().row());
    if (f && f != shown_frame_) showFrame(f);
}

void MainWindow::showFrame(uint64_t number) {
    std::string err;
    uint64_t full_from = 0;
    if (auto it = message_begin_.find(number); it != message_begin_.end()) full_from = it->second;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    std::shared_ptr<const FrameDissection> d = FrameDissection::run(path_.toStdString(), number, full_from, err);
    QApplication::restoreOverrideCursor();
    if (!d) {
        statusBar()->showMessage(QString::fromStdString(err), 5000);
        return;
    }
    shown_ = d;
    shown_frame_ = number;
    detail_->setFrame(d);
    while (hex_tabs_->count()) delete hex_tabs_->widget(0);
    const auto& sources = d->ctx().sources;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto* hex = new HexView(hex_tabs_);
        hex->setBytes(sources[i].bytes);
        connect(hex, &HexView::byteClicked, this, [this, i](uint64_t off) { onByteClicked(int(i), off); });
        hex_tabs_->addTab(hex, QString::fromStdString(sources[i].name));
    }
    // Expand the mail layers, as the user came for those.
    for (int r = 0; r < detail_->rowCount(); ++r) {
        QModelIndex top = detail_->index(r, 0);
        QString label = top.data().toString();
        if (label.startsWith("Simple Mail") || label.startsWith("Post Office") || label.startsWith("Internet Message") ||
            label.startsWith("Internet Message Access"))
            detail_view_->expand(top);
    }
    emit frameShown(number);
}

void MainWindow::selectNode(uint32_t node) {
    QModelIndex idx = detail_->indexOfNode(node);
    if (!idx.isValid()) return;
    detail_view_->setCurrentIndex(idx);
    detail_view_->scrollTo(idx);
}

void MainWindow::onDetailSelected() {
    if (!shown_) return;
    uint32_t n = detail_->nodeOf(detail_view_->currentIndex());
    if (!n) return;
    const ByteRange& r = shown_->tree().node(n).range;
    if (r.source < hex_tabs_->count()) {
        hex_tabs_->setCurrentIndex(r.source);
        if (auto* hex = qobject_cast<HexView*>(hex_tabs_->widget(r.source))) hex->highlight(r.offset, r.length);
    }
    const FieldDef& d = FieldRegistry::global().def(shown_->tree().node(n).field);
    statusBar()->showMessage(QString("%1 (%2), %3 byte(s)").arg(QString::fromUtf8(d.name), QString::fromUtf8(d.abbrev)).arg(r.length), 3000);
}

void MainWindow::onByteClicked(int source, uint64_t offset) {
    uint32_t n = detail_->deepestNodeAt(uint16_t(source), offset);
    if (n) selectNode(n);
}

HexView* MainWindow::currentHexView() const { return qobject_cast<HexView*>(hex_tabs_->currentWidget()); }

void MainWindow::onDetailMenu(const QPoint& pos) {
    if (!shown_) return;
    uint32_t n = detail_->nodeOf(detail_view_->indexAt(pos));
    if (!n) return;
    const ProtoTree& t = shown_->tree();
    QString filter = QString::fromStdString(filter_for_node(t, n));
    QString name = QString::fromUtf8(FieldRegistry::global().def(t.node(n).field).abbrev);
    QString value = QString::fromStdString(t.value_text(n));
    QMenu menu(this);
    menu.addAction(tr("Apply as Filter"), this, [this, filter] { applyFilter(filter); })->setEnabled(!filter.isEmpty());
    menu.addAction(tr("Prepare as Filter"), this, [this, filter] {
        filter_bar_->setText(filter);
        filter_bar_->lineEdit()->setFocus();
    })->setEnabled(!filter.isEmpty());
    menu.addSeparator();
    menu.addAction(tr("Copy Value"), this, [value] { QApplication::clipboard()->setText(value); });
    menu.addAction(tr("Copy Field Name"), this, [name] { QApplication::clipboard()->setText(name); });
    menu.addAction(tr("Copy Label"), this,
                   [t = shown_, n] { QApplication::clipboard()->setText(QString::fromStdString(t->tree().label(n))); });
    menu.addSeparator();
    menu.addAction(tr("Expand Subtrees"), this, [this, pos] { detail_view_->expandRecursively(detail_view_->indexAt(pos)); });
    menu.addAction(tr("Collapse All"), detail_view_, &QTreeView::collapseAll);
    menu.exec(detail_view_->viewport()->mapToGlobal(pos));
}

void MainWindow::onGoToPacket() {
    if (!packets_->totalFrames()) return;
    bool ok = false;
    int n = QInputDialog::getInt(this, tr("Go to Packet"), tr("Packet number:"), int(shown_frame_ ? shown_frame_ : 1), 1,
                                 int(std::min<std::size_t>(packets_->totalFrames(), INT32_MAX)), 1, &ok);
    if (ok && !selectFrame(uint64_t(n))) statusBar()->showMessage(tr("Packet %1 is not displayed").arg(n), 5000);
}

// ---- tools ----

FollowStreamDialog* MainWindow::followTcpStream() {
    if (!shown_frame_ || shown_frame_ > packets_->totalFrames()) return nullptr;
    int32_t stream = packets_->frameIndex().row(shown_frame_ - 1).tcp_stream;
    if (stream < 0) {
        statusBar()->showMessage(tr("The selected frame is not TCP"), 5000);
        return nullptr;
    }
    FollowedStream s;
    std::string err;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    bool ok = follow_tcp_stream(path_.toStdString(), uint64_t(stream), s, err);
    QApplication::restoreOverrideCursor();
    if (!ok && s.chunks.empty()) {
        QMessageBox::warning(this, tr("Follow TCP Stream"), QString::fromStdString(err));
        return nullptr;
    }
    auto* dlg = new FollowStreamDialog(std::move(s), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &FollowStreamDialog::filterRequested, this, &MainWindow::applyFilter);
    dlg->show();
    return dlg;
}

void MainWindow::showMessagesPanel() {
    messages_dock_->show();
    messages_dock_->raise();
    resizeDocks({messages_dock_}, {width() * 11 / 20}, Qt::Horizontal);
}

void MainWindow::showCredentialsPanel() {
    credentials_dock_->show();
    credentials_dock_->raise();
}

void MainWindow::showConversations() {
    auto* dlg = new ConversationsDialog(packets_->frameIndex(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &ConversationsDialog::filterRequested, this, &MainWindow::applyFilter);
    dlg->show();
}

void MainWindow::showLegend() {
    QString html = "<table cellspacing=4>";
    for (int c = 0; c < int(RowClass::Count); ++c) {
        auto rc = RowClass(c);
        html += QString("<tr><td style='background:%1;color:%2;padding:4px'>&nbsp;%3&nbsp;</td></tr>")
                    .arg(row_background(rc).name(), row_foreground(rc).name(), row_class_name(rc).toHtmlEscaped());
    }
    html += "</table>";
    QMessageBox::information(this, tr("Colouring Legend"), html);
}

QString MainWindow::statusText() const { return status_->text(); }

void MainWindow::updateStatus() {
    if (path_.isEmpty()) {
        status_->setText(tr("Ready to load or capture"));
        return;
    }
    QString s = QFileInfo(path_).fileName();
    s += tr("  ·  Packets: %1").arg(packets_->totalFrames());
    s += tr("  ·  Displayed: %1").arg(packets_->displayedFrames());
    if (loader_) {
        s += tr("  ·  loading…");
    } else if (last_load_) {
        s += tr("  ·  Load time: %1 s").arg(last_load_->seconds, 0, 'f', 3);
        if (last_load_->cancelled) s += tr(" (stopped)");
        const auto& e = last_load_->experts.frames_by_severity;
        s += tr("  ·  Expert: %1 errors, %2 warnings, %3 notes, %4 chats")
                 .arg(e[size_t(Severity::Error)])
                 .arg(e[size_t(Severity::Warn)])
                 .arg(e[size_t(Severity::Note)])
                 .arg(e[size_t(Severity::Chat)]);
        s += tr("  ·  Messages: %1").arg(messages_->messageCount());
    }
    if (!active_filter_.isEmpty()) s += tr("  ·  Filter: %1 (%2 s)").arg(active_filter_).arg(filter_seconds_, 0, 'f', 3);
    status_->setText(s);
}

}  // namespace ms::ui
