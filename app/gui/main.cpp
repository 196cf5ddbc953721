// mailscope: the desktop GUI.
//   mailscope [FILE]
//   mailscope --screenshot DIR FILE   (loads FILE, saves main-window.png,
//                                      messages.png and follow-stream.png in DIR, exits)
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTableWidget>
#include <QTimer>
#include <QTreeView>

#include "dissectors/core/field_registry.hpp"
#include "ui/follow_stream_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/messages_panel.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/proto_tree_model.hpp"

namespace {

// The frame of the first message with an attachment (else the first one).
quint64 interesting_frame(ms::ui::MessagesPanel* panel, int& row) {
    row = -1;
    for (int r = 0; r < panel->messageCount(); ++r) {
        const auto* m = panel->message(r);
        if (m && !m->summary.attachments.empty()) {
            row = r;
            return m->end_frame;
        }
    }
    if (panel->messageCount()) {
        row = 0;
        return panel->message(0)->end_frame;
    }
    return 1;
}

void take_screenshots(ms::ui::MainWindow& w, const QString& dir) {
    QDir().mkpath(dir);
    int row = -1;
    quint64 frame = interesting_frame(w.messagesPanel(), row);
    w.selectFrame(frame);
    // Select the message subject in the tree so the hex view shows a highlight.
    if (uint32_t n = w.detailModel()->findNode("Subject:")) {
        w.detailView()->expand(w.detailModel()->indexOfNode(n).parent());
        w.selectNode(n);
    }
    QApplication::processEvents();
    w.grab().save(dir + "/main-window.png");

    w.showMessagesPanel();
    if (row >= 0) w.messagesPanel()->selectMessage(row);
    if (w.messagesPanel()->attachmentTable()->rowCount()) w.messagesPanel()->attachmentTable()->selectRow(0);
    w.messagesPanel()->parentWidget()->resize(900, 700);
    QApplication::processEvents();
    w.grab().save(dir + "/main-with-messages.png");
    w.messagesPanel()->grab().save(dir + "/messages.png");

    if (auto* dlg = w.followTcpStream()) {
        dlg->resize(860, 640);
        QApplication::processEvents();
        dlg->grab().save(dir + "/follow-stream.png");
        dlg->close();
    }
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("mailscope");
    QApplication::setApplicationName("mailscope");
    QApplication::setApplicationVersion("0.1.0");
    ms::register_all();

    QCommandLineParser parser;
    parser.setApplicationDescription("Packet analyzer for email traffic (SMTP, POP3, IMAP)");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption shot("screenshot", "Load FILE, save screenshots in DIR and exit.", "DIR");
    QCommandLineOption filter({"Y", "display-filter"}, "Display filter to apply after loading.", "FILTER");
    parser.addOption(shot);
    parser.addOption(filter);
    parser.addPositionalArgument("FILE", "Capture file to open (pcap, pcapng, gzip-compressed).");
    parser.process(app);

    ms::ui::MainWindow w;
    w.show();
    const QStringList args = parser.positionalArguments();
    const QString shot_dir = parser.value(shot);
    if (!shot_dir.isEmpty() && args.isEmpty()) {
        qCritical("--screenshot needs a capture file");
        return 2;
    }
    if (!args.isEmpty()) {
        QObject::connect(&w, &ms::ui::MainWindow::loadFinished, &w, [&] {
            if (parser.isSet(filter)) w.applyFilter(parser.value(filter));
            if (!shot_dir.isEmpty()) {
                take_screenshots(w, shot_dir);
                QTimer::singleShot(0, &app, &QApplication::quit);
            }
        });
        w.openFile(args.front());
    }
    return app.exec();
}
