// What the QTest programs share: the CLI's output for the comparisons, and
// a capture loaded into a real main window.
#pragma once

#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

#include "ui/main_window.hpp"

namespace ms::ui::testing {

// What mailscope-cli prints on standard output for `args` ("" when it
// does not finish in time).
inline QString cli_output(const QStringList& args, int timeout_ms = 120000) {
    QProcess p;
    p.start(QStringLiteral(MAILSCOPE_CLI), args);
    if (!p.waitForFinished(timeout_ms)) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Opens `path` in `win` and runs the event loop until it is loaded.
inline bool load_capture(MainWindow& win, const QString& path, int timeout_ms = 120000) {
    QSignalSpy loaded(&win, &MainWindow::loadFinished);
    win.openFile(path);
    return loaded.wait(timeout_ms);
}

// A new, shown main window with `path` loaded; null when loading timed out.
inline MainWindow* window_with_capture(const QString& path) {
    auto* win = new MainWindow;
    win->show();
    if (load_capture(*win, path)) return win;
    delete win;
    return nullptr;
}

}  // namespace ms::ui::testing
