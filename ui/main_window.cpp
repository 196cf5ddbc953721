#include "ui/main_window.hpp"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QSettings>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/capture_options_dialog.hpp"
#include "ui/conversations_dialog.hpp"
#include "ui/credentials_panel.hpp"
#include "ui/decode_as_dialog.hpp"
#include "ui/expert_dialog.hpp"
#include "ui/filter_bar.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/session_dialog.hpp"
#include "ui/frame_dissection.hpp"
#include "ui/hex_view.hpp"
#include "ui/io_graph_dialog.hpp"
#include "ui/mail_stats_dialog.hpp"
#include "ui/messages_panel.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/proto_tree_model.hpp"
#include "ui/row_palette.hpp"
#include "ui/find_bar.hpp"
#include "ui/export_packets_dialog.hpp"
#include "ui/packet_export.hpp"
#include "ui/time_format_menu.hpp"

namespace ms::ui {

namespace {
constexpr int kMaxRecent = 10;
const char kRecentKey[] = "recentFiles";
const char kFilterHistoryKey[] = "filterHistory";
const char kDecodeAsKey[] = "decodeAs";
// The window as the user left it: size and place, docks, the three panes'
// split, the packet list's column widths and order.
const char kGeometryKey[] = "layout/geometry";
const char kDocksKey[] = "layout/docks";
const char kPanesKey[] = "layout/panes";
const char kColumnsKey[] = "layout/packetColumns";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    register_loader_types();
    setWindowTitle(tr("mailscope"));
    resize(1280, 860);
    setAcceptDrops(true);
    buildPanes();
    buildMenus();
    filter_bar_->setHistory(QSettings().value(kFilterHistoryKey).toStringList());
    // Decode As rules of earlier sessions (before anything is dissected).
    for (const QString& spec : QSettings().value(kDecodeAsKey).toStringList()) {
        DecodeAsRule r;
        QString ignored;
        if (parse_decode_as(spec, r)) apply_decode_as(r, ignored);
    }
    restoreLayout();
    updateStatus();
}

void MainWindow::restoreLayout() {
    QSettings s;
    // Each restore ignores data it cannot read (another Qt version, damage).
    if (s.contains(kGeometryKey)) restoreGeometry(s.value(kGeometryKey).toByteArray());
    if (s.contains(kDocksKey)) restoreState(s.value(kDocksKey).toByteArray());
    if (s.contains(kPanesKey)) panes_->restoreState(s.value(kPanesKey).toByteArray());
    if (s.contains(kColumnsKey)) packet_view_->horizontalHeader()->restoreState(s.value(kColumnsKey).toByteArray());
}

void MainWindow::saveLayout() const {
    QSettings s;
    s.setValue(kGeometryKey, saveGeometry());
    s.setValue(kDocksKey, saveState());
    s.setValue(kPanesKey, panes_->saveState());
    s.setValue(kColumnsKey, packet_view_->horizontalHeader()->saveState());
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
    panes_ = split;
    split->addWidget(packet_view_);
    split->addWidget(detail_view_);
    split->addWidget(hex_tabs_);
    split->setSizes({360, 300, 200});

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    find_bar_ = new FindBar(
        packets_,
        [this] {
            const QModelIndex i = packet_view_->currentIndex();
            return i.isValid() ? i.row() : -1;
        },
        [this] { return path_; }, this);
    find_bar_->hide();
    connect(find_bar_, &FindBar::found, this, [this](int row) { selectFrame(packets_->frameAt(row)); });
    layout->addWidget(filter_bar_);
    layout->addWidget(find_bar_);
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
    status_->setTextFormat(Qt::RichText);
    connect(status_, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == "expert") showExpertInfo();
    });
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
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::onSaveAs);
    file->addAction(tr("&Export Specified Packets…"), this, &MainWindow::onExportPackets);
    file->addAction(tr("&Close"), QKeySequence::Close, this, &MainWindow::closeFile);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Find Packet…"), QKeySequence::Find, find_bar_, &FindBar::activate);
    edit->addAction(tr("Find &Next"), QKeySequence::FindNext, find_bar_, &FindBar::find);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("&Go to Packet…"), QKeySequence(Qt::CTRL | Qt::Key_G), this, &MainWindow::onGoToPacket);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(messages_dock_->toggleViewAction());
    view->addAction(credentials_dock_->toggleViewAction());
    view->addAction(tr("Colouring &Legend"), this, &MainWindow::showLegend);
    add_time_format_menu(view, packets_);
    auto* focus = new QAction(tr("Focus Filter"), this);
    focus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(focus, &QAction::triggered, this, [this] { filter_bar_->lineEdit()->setFocus(); });
    addAction(focus);

    QMenu* capture = menuBar()->addMenu(tr("&Capture"));
    capture->addAction(tr("&Options…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::onCaptureOptions);
    capture->addAction(tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        if (live_options_.interfaces.empty()) onCaptureOptions();
        else startLiveCapture(live_options_);
    });
    capture->addAction(tr("S&top"), this, &MainWindow::stopLiveCapture);
    capture->addAction(tr("&Restart"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::restartLiveCapture);

    QMenu* analyze = menuBar()->addMenu(tr("&Analyze"));
    QMenu* follow = analyze->addMenu(tr("&Follow"));
    follow->addAction(tr("&TCP Stream"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T), this,
                      [this] { followTcpStream(); });
    analyze->addAction(tr("&Session Dialogue"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_D), this,
                       [this] { openSessionDialogue(); });
    analyze->addAction(tr("&Expert Information"), this, [this] { showExpertInfo(); });
    analyze->addAction(tr("&Decode As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U), this,
                       &MainWindow::onDecodeAs);
    QMenu* stats = menuBar()->addMenu(tr("&Statistics"));
    stats->addAction(tr("&Conversations (TCP)"), this, &MainWindow::showConversations);
    stats->addAction(tr("&I/O Graph"), this, [this] { showIoGraph(); });
    stats->addAction(tr("Mail C&ommands"), this, [this] { showMailStats(); });
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

void MainWindow::openFile(const QString& path_in) {
    const QString path = path_in;  // may be path_ itself, which closeFile clears
    closeFile();
    path_ = path;
    setWindowTitle(tr("%1 — mailscope").arg(QFileInfo(path).fileName()));
    messages_->setCapturePath(path);
    messages_->setLoading(true);
    addRecent(path);
    loader_ = new CaptureLoader(path, this);
    connect(loader_, &CaptureLoader::batchReady, this, &MainWindow::onBatch);
    connect(loader_, &CaptureLoader::messagesReady, this, &MainWindow::onMessages);
    connect(loader_, &CaptureLoader::progress, this, &MainWindow::onProgress);
    connect(loader_, &CaptureLoader::loaded, this, &MainWindow::onLoaded);
    progress_->setValue(0);
    loader_->start();
    updateBusy();
    updateStatus();
}

void MainWindow::closeFile() {
    emit fileClosing();
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
    messages_->setLoading(false);
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
    dropJob(select_job_);
    pending_frame_ = 0;
    dropJob(follow_job_);
    if (live_) {
        live_->disconnect(this);
        delete live_.data();  // stops the helper and joins
    }
    updateBusy();
}

void MainWindow::onStop() {
    if (loader_) loader_->cancel();
    if (filter_runner_) filter_runner_->cancel();
    if (select_job_) select_job_->cancel();
    if (follow_job_) follow_job_->cancel();
    if (live_) live_->stop();
}

bool MainWindow::isBusy() const { return loader_ || filter_runner_ || select_job_ || follow_job_ || live_; }

void MainWindow::updateBusy() {
    bool busy = isBusy();
    progress_->setVisible(busy);
    stop_->setVisible(busy);
    if (!busy) progress_->setRange(0, 1000), progress_->setValue(0);
}

BackgroundJob* MainWindow::startJob(BackgroundJob::Work work) {
    auto* job = new BackgroundJob(std::move(work), this);
    connect(job, &BackgroundJob::progress, this, &MainWindow::onProgress);
    return job;
}

void MainWindow::dropJob(QPointer<BackgroundJob>& job) {
    // Its queued results must not arrive after it is gone: disconnect, then
    // the destructor cancels and joins (a cancelled walk stops within 4096
    // frames).
    if (!job) return;
    job->disconnect(this);
    delete job.data();
    job = nullptr;
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
    saveLayout();
    e->accept();
}

// ---- loading ----

void MainWindow::onBatch(std::shared_ptr<IndexBatch> batch) {
    packets_->appendBatch(*batch);
    updateStatus();
}

void MainWindow::onMessages(std::shared_ptr<std::vector<MessageRecord>> messages) {
    for (const auto& m : *messages) {
        message_begin_.push_back({m.end_frame, m.begin_frame});
    }
    messages_->addMessages(std::move(*messages));  // this slot is the batch's only reader
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
    updateBusy();
    messages_->setLoading(false);
    // The panel keeps the only copy (the load result is kept for the rest).
    credentials_->setCredentials(std::move(result->credentials));
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

// ---- live capture ----

void MainWindow::onCaptureOptions() {
    CaptureOptionsDialog dlg(live_options_, this);
    if (dlg.exec() != QDialog::Accepted) return;
    live_options_ = dlg.options();
    startLiveCapture(live_options_);
}

bool MainWindow::startLiveCapture(const LiveCaptureOptions& options) {
    closeFile();
    live_options_ = options;
    const QString file = QDir::temp().filePath(QString("mailscope-live-%1-%2.pcapng")
                                                   .arg(QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss-zzz"))
                                                   .arg(QCoreApplication::applicationPid()));
    path_ = file;
    messages_->setCapturePath(file);
    messages_->setLoading(false);
    setWindowTitle(tr("Capturing from %1 — mailscope")
                       .arg(options.interfaces.empty() ? tr("the default interface")
                                                       : QString::fromStdString(options.interfaces.front())));
    live_ = new LiveCaptureLoader(options, file, this);
    connect(live_, &LiveCaptureLoader::rowsPending, this, &MainWindow::onLiveRows);
    connect(live_, &LiveCaptureLoader::loaded, this, &MainWindow::onLiveStopped);
    connect(live_, &LiveCaptureLoader::started, this, [this] {
        statusBar()->showMessage(tr("Capturing…"), 3000);
        emit liveCaptureStarted();
    });
    live_->start();
    progress_->setRange(0, 0);  // no end to show: a busy bar and Stop
    updateBusy();
    progress_->setRange(0, 0);
    updateStatus();
    return true;
}

void MainWindow::stopLiveCapture() {
    if (live_) live_->stop();
}

void MainWindow::restartLiveCapture() {
    // As Wireshark: the running capture ends (its file stays where it is)
    // and a new one starts with the same options once the helper is gone.
    if (!live_) {
        if (!live_options_.interfaces.empty()) startLiveCapture(live_options_);
        return;
    }
    restart_pending_ = true;
    live_->stop();
}

void MainWindow::onLiveRows() {
    if (!live_) return;
    // Follow the newest packet unless the user scrolled up to read.
    auto* bar = packet_view_->verticalScrollBar();
    const bool at_end = bar->value() >= bar->maximum() - 2;
    if (auto rows = live_->takeRows()) packets_->appendBatch(*rows);
    auto done = live_->takeMessages();
    if (!done.empty()) onMessages(std::make_shared<std::vector<MessageRecord>>(std::move(done)));
    if (at_end) packet_view_->scrollToBottom();
    updateStatus();
}

void MainWindow::onLiveStopped(std::shared_ptr<LoadResult> result) {
    onLiveRows();
    if (live_) {
        live_->wait();
        live_->deleteLater();
        live_ = nullptr;
    }
    last_load_ = result;
    updateBusy();
    if (restart_pending_) {
        restart_pending_ = false;
        emit loadFinished();
        startLiveCapture(live_options_);
        return;
    }
    // The panel keeps the only copy (the load result is kept for the rest).
    credentials_->setCredentials(std::move(result->credentials));
    setWindowTitle(tr("%1 — mailscope").arg(QFileInfo(path_).fileName()));
    if (!result->error.isEmpty()) {
        // Not modal: the capture's rows stay usable behind it.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Live capture"), result->error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    if (!packets_->totalFrames() && !result->error.isEmpty()) path_.clear();
    updateStatus();
    emit loadFinished();
}

// ---- filtering ----

void MainWindow::applyFilter(const QString& text) {
    if (path_.isEmpty() || loader_ || live_) return;
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
    filter_runner_->start();
    updateBusy();
}

void MainWindow::onFiltered(std::shared_ptr<FilterResult> result) {
    if (filter_runner_) {
        filter_runner_->wait();
        filter_runner_->deleteLater();
        filter_runner_ = nullptr;
    }
    updateBusy();
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
    showFrame(number);
    return true;
}

bool MainWindow::selectFrameAndWait(uint64_t number, int timeout_ms) {
    if (!selectFrame(number)) return false;
    if (shown_frame_ == number && pending_frame_ == 0) return true;
    QEventLoop loop;
    QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
    connect(this, &MainWindow::frameShown, &loop, &QEventLoop::quit);
    connect(this, &MainWindow::frameShowFailed, &loop, &QEventLoop::quit);
    loop.exec();
    return shown_frame_ == number;
}

void MainWindow::onPacketSelected() {
    uint64_t f = packets_->frameAt(packet_view_->currentIndex().row());
    if (f) showFrame(f);
}

void MainWindow::showFrame(uint64_t number) {
    if (select_job_ && pending_frame_ == number) return;
    if (number == shown_frame_) {
        // Back on the frame already shown: forget the one still loading.
        dropJob(select_job_);
        pending_frame_ = 0;
        updateBusy();
        return;
    }
    // A newer selection wins: stop re-reading for the previous one.
    dropJob(select_job_);
    uint64_t full_from = 0;
    // Messages arrive about in the order they end: sort once, look up by
    // binary search (the earliest begin of the messages ending here).
    if (!std::is_sorted(message_begin_.begin(), message_begin_.end()))
        std::sort(message_begin_.begin(), message_begin_.end());
    auto it = std::lower_bound(message_begin_.begin(), message_begin_.end(), std::pair<uint64_t, uint64_t>{number, 0});
    if (it != message_begin_.end() && it->first == number) full_from = it->second;
    struct Outcome {
        std::unique_ptr<FrameDissection> dissection;
        std::string error;
    };
    auto out = std::make_shared<Outcome>();
    std::string path = path_.toStdString();
    BackgroundJob* job = startJob([out, path, number, full_from](const WalkControl& control) {
        out->dissection = FrameDissection::run(path, number, full_from, out->error, control);
    });
    QPointer<BackgroundJob> guard(job);
    connect(job, &QThread::finished, this, [this, guard, out, number] {
        if (!guard || guard != select_job_) return;  // superseded
        bool cancelled = guard->cancelled();
        guard->deleteLater();
        select_job_ = nullptr;
        pending_frame_ = 0;
        updateBusy();
        if (cancelled || !out->dissection) {
            if (!cancelled) statusBar()->showMessage(QString::fromStdString(out->error), 5000);
            emit frameShowFailed(number);
            return;
        }
        presentFrame(number, std::move(out->dissection));
    });
    select_job_ = job;
    pending_frame_ = number;
    job->start();
    updateBusy();
}

void MainWindow::presentFrame(uint64_t number, std::shared_ptr<const FrameDissection> d) {
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

bool MainWindow::followTcpStream() {
    const int32_t stream = selectedTcpStream();
    if (stream < 0) return false;
    dropJob(follow_job_);
    struct Outcome {
        FollowedStream stream;
        std::string error;
        bool ok = false;
    };
    auto out = std::make_shared<Outcome>();
    std::string path = path_.toStdString();
    BackgroundJob* job = startJob([out, path, stream](const WalkControl& control) {
        out->ok = follow_tcp_stream(path, uint64_t(stream), out->stream, out->error, control);
    });
    QPointer<BackgroundJob> guard(job);
    connect(job, &QThread::finished, this, [this, guard, out] {
        if (!guard || guard != follow_job_) return;
        bool cancelled = guard->cancelled();
        guard->deleteLater();
        follow_job_ = nullptr;
        updateBusy();
        if (cancelled) {
            emit streamFollowed(nullptr);
            return;
        }
        if (!out->ok && out->stream.chunks.empty()) {
            QMessageBox::warning(this, tr("Follow TCP Stream"), QString::fromStdString(out->error));
            emit streamFollowed(nullptr);
            return;
        }
        auto* dlg = new FollowStreamDialog(std::move(out->stream), this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        connect(dlg, &FollowStreamDialog::filterRequested, this, &MainWindow::applyFilter);
        dlg->show();
        emit streamFollowed(dlg);
    });
    follow_job_ = job;
    job->start();
    updateBusy();
    return true;
}

// Starts a tool with `start` and runs the event loop until `opened` hands
// over its dialog (null: it failed, or the time ran out).
template <typename Dialog>
Dialog* open_and_wait(MainWindow* win, bool (MainWindow::*start)(), void (MainWindow::*opened)(Dialog*),
                      int timeout_ms) {
    Dialog* result = nullptr;
    QEventLoop loop;
    QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
    auto c = QObject::connect(win, opened, &loop, [&](Dialog* d) {
        result = d;
        loop.quit();
    });
    if ((win->*start)()) loop.exec();
    QObject::disconnect(c);
    return result;
}

FollowStreamDialog* MainWindow::followTcpStreamAndWait(int timeout_ms) {
    return open_and_wait(this, &MainWindow::followTcpStream, &MainWindow::streamFollowed, timeout_ms);
}

int32_t MainWindow::selectedTcpStream() {
    if (!shown_frame_ || shown_frame_ > packets_->totalFrames()) return -1;
    const int32_t stream = packets_->frameIndex().row(shown_frame_ - 1).tcp_stream;
    if (stream < 0) statusBar()->showMessage(tr("The selected frame is not TCP"), 5000);
    return stream;
}

bool MainWindow::openSessionDialogue() {
    const int32_t stream = selectedTcpStream();
    if (stream < 0) return false;
    dropJob(follow_job_);
    struct Outcome {
        SessionDialogue dialogue;
        std::string error;
        bool ok = false, empty = true;
    };
    auto out = std::make_shared<Outcome>();
    std::string path = path_.toStdString();
    // The turns are cut on the worker too: a 64 MiB stream takes a moment.
    BackgroundJob* job = startJob([out, path, stream](const WalkControl& control) {
        FollowedStream followed;
        out->ok = follow_tcp_stream(path, uint64_t(stream), followed, out->error, control);
        out->empty = followed.chunks.empty();
        if (!out->empty) out->dialogue = build_dialogue(followed);
    });
    QPointer<BackgroundJob> guard(job);
    connect(job, &QThread::finished, this, [this, guard, out] {
        if (!guard || guard != follow_job_) return;
        bool cancelled = guard->cancelled();
        guard->deleteLater();
        follow_job_ = nullptr;
        updateBusy();
        if (cancelled || (!out->ok && out->empty)) {
            if (!cancelled) QMessageBox::warning(this, tr("Session Dialogue"), QString::fromStdString(out->error));
            emit sessionDialogueOpened(nullptr);
            return;
        }
        auto* dlg = new SessionDialog(std::move(out->dialogue), this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        connect(dlg, &SessionDialog::goToFrame, this, [this](quint64 frame) {
            if (!selectFrame(frame)) statusBar()->showMessage(tr("Packet %1 is not displayed").arg(frame), 5000);
        });
        dlg->show();
        emit sessionDialogueOpened(dlg);
    });
    follow_job_ = job;
    job->start();
    updateBusy();
    return true;
}

SessionDialog* MainWindow::openSessionDialogueAndWait(int timeout_ms) {
    return open_and_wait(this, &MainWindow::openSessionDialogue, &MainWindow::sessionDialogueOpened, timeout_ms);
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

ExpertDialog* MainWindow::showExpertInfo() {
    if (!last_load_) return nullptr;
    // The dialog shares the load's entries (no copy of the frame lists).
    std::shared_ptr<const std::vector<ExpertEntry>> entries(last_load_, &last_load_->expert_entries);
    auto* dlg = new ExpertDialog(std::move(entries), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &ExpertDialog::goToFrame, this, [this](quint64 f) {
        if (!selectFrame(f)) statusBar()->showMessage(tr("Packet %1 is not displayed").arg(f), 5000);
    });
    dlg->show();
    return dlg;
}

IoGraphDialog* MainWindow::showIoGraph() {
    if (path_.isEmpty()) return nullptr;
    auto* dlg = new IoGraphDialog(packets_->frameIndex(), path_, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog reads the index the next open or close replaces.
    connect(this, &MainWindow::fileClosing, dlg, &QWidget::close);
    dlg->show();
    return dlg;
}

MailStatsDialog* MainWindow::showMailStats() {
    if (path_.isEmpty()) return nullptr;
    // The dialog reads the file itself, on its own worker; closing it (or
    // the file) cancels that pass and deletes the dialog.
    auto* dlg = new MailStatsDialog(path_, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &MainWindow::fileClosing, dlg, &QWidget::close);
    dlg->show();
    return dlg;
}

void MainWindow::onSaveAs() {
    if (path_.isEmpty() || loader_ || live_) return;
    QString dest = QFileDialog::getSaveFileName(this, tr("Save Capture As"), QString(),
                                                tr("Capture files (*.pcapng *.pcap *.gz);;All files (*)"));
    if (dest.isEmpty()) return;
    QString error;
    if (!saveCaptureAs(dest, &error)) QMessageBox::warning(this, tr("Save As"), error);
}

bool MainWindow::saveCaptureAs(const QString& dest, QString* error) {
    auto fail = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (path_.isEmpty()) return fail(tr("No capture is open"));
    if (loader_) return fail(tr("The capture is still loading"));
    if (live_) return fail(tr("Stop the capture before saving it"));
    if (QFileInfo(dest).absoluteFilePath() == QFileInfo(path_).absoluteFilePath()) return true;
    if (QFile::exists(dest) && !QFile::remove(dest)) return fail(tr("Cannot replace %1").arg(dest));
    if (!QFile::copy(path_, dest)) return fail(tr("Cannot write %1").arg(dest));
    return true;
}

void MainWindow::onExportPackets() {
    if (path_.isEmpty() || loader_ || live_) return;
    const QModelIndex cur = packet_view_->currentIndex();
    ExportPacketsDialog dlg(packets_->totalFrames(), packets_->displayedFrames(), cur.isValid(), this);
    if (dlg.exec() != QDialog::Accepted) return;
    QString error;
    if (!exportPacketsAndWait(dlg.path(), dlg.range(), dlg.format(), &error))
        QMessageBox::warning(this, tr("Export Specified Packets"), error);
}

bool MainWindow::exportPacketsAndWait(const QString& dest, ExportRange range, CaptureFileFormat format,
                                      QString* error) {
    auto fail = [&](const QString& e) {
        if (error) *error = e;
        return false;
    };
    if (path_.isEmpty()) return fail(tr("No capture is open"));
    if (loader_) return fail(tr("The capture is still loading"));
    if (live_) return fail(tr("Stop the capture before exporting from it"));
    if (QFileInfo(dest).absoluteFilePath() == QFileInfo(path_).absoluteFilePath())
        return fail(tr("Cannot export into the open file"));
    // Which frames, read off the list now: the worker never touches it.
    std::vector<bool> wanted(packets_->totalFrames(), range == ExportRange::All);
    if (range == ExportRange::Displayed)
        for (int r = 0; r < packets_->rowCount(); ++r) wanted[packets_->frameAt(r) - 1] = true;
    if (range == ExportRange::Selected) {
        const QModelIndex cur = packet_view_->currentIndex();
        if (!cur.isValid()) return fail(tr("No packet is selected"));
        wanted[packets_->frameAt(cur.row()) - 1] = true;
    }
    auto result = std::make_shared<ExportResult>();
    const std::string src = path_.toStdString(), out = dest.toStdString();
    BackgroundJob* job = startJob([result, src, out, format, wanted = std::move(wanted)](const WalkControl& control) {
        *result = export_frames(src, out, format, wanted, control.cancel, control.progress);
    });
    QEventLoop loop;
    connect(job, &QThread::finished, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    job->deleteLater();
    updateBusy();
    if (result->cancelled) return fail(tr("Cancelled"));
    if (!result->error.empty()) return fail(QString::fromStdString(result->error));
    statusBar()->showMessage(tr("%1 packets written to %2").arg(result->written).arg(dest), 5000);
    return true;
}

void MainWindow::onDecodeAs() {
    DecodeAsDialog dlg(this);
    if (dlg.exec() != QDialog::Accepted) return;
    QString error;
    if (!applyDecodeAs(dlg.rule(), &error)) QMessageBox::warning(this, tr("Decode As"), error);
}

bool MainWindow::applyDecodeAs(const DecodeAsRule& rule, QString* error) {
    // The dissector table is read by every worker: change it only while
    // none runs.
    stopJobs();
    QString err;
    if (!apply_decode_as(rule, err)) {
        if (error) *error = err;
        return false;
    }
    QStringList saved;
    for (const auto& r : active_decode_as()) saved << r.spec();
    QSettings().setValue(kDecodeAsKey, saved);
    // A copy: openFile clears path_ before it reads its argument.
    const QString path = path_;
    if (!path.isEmpty()) openFile(path);
    return true;
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

QString MainWindow::statusText() const {
    // Plain text for callers; the label itself holds a link.
    QString t = status_->text();
    t.remove(QRegularExpression("<[^>]*>"));
    return t;
}

void MainWindow::updateStatus() {
    if (path_.isEmpty()) {
        status_->setText(tr("Ready to load or capture"));
        return;
    }
    QString s = QFileInfo(path_).fileName().toHtmlEscaped();
    s += tr("  ·  Packets: %1").arg(packets_->totalFrames());
    s += tr("  ·  Displayed: %1").arg(packets_->displayedFrames());
    if (live_) {
        s += tr("  ·  capturing…");
    } else if (loader_) {
        s += tr("  ·  loading…");
    } else if (last_load_) {
        s += tr("  ·  Load time: %1 s").arg(last_load_->seconds, 0, 'f', 3);
        if (last_load_->cancelled) s += tr(" (stopped)");
        const auto& e = last_load_->experts.frames_by_severity;
        s += tr("  ·  <a href=\"expert\">Expert: %1 errors, %2 warnings, %3 notes, %4 chats</a>")
                 .arg(e[size_t(Severity::Error)])
                 .arg(e[size_t(Severity::Warn)])
                 .arg(e[size_t(Severity::Note)])
                 .arg(e[size_t(Severity::Chat)]);
        s += tr("  ·  Messages: %1").arg(messages_->messageCount());
    }
    if (!active_filter_.isEmpty())
        s += tr("  ·  Filter: %1 (%2 s)").arg(active_filter_.toHtmlEscaped()).arg(filter_seconds_, 0, 'f', 3);
    status_->setText(s);
}

}  // namespace ms::ui
