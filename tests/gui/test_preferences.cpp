// Preferences kept with QSettings from one session to the next: the window's
// size, the packet list's columns, the time format.
#include <QAction>
#include <QHeaderView>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTest>

#include "dissectors/core/field_registry.hpp"
#include "ui/main_window.hpp"

using namespace ms::ui;

namespace {
QAction* checkable_action(MainWindow* win, const QString& data) {
    for (QAction* a : win->menuBar()->findChildren<QAction*>())
        if (a->isCheckable() && a->data().toString() == data) return a;
    return nullptr;
}
}  // namespace

class PreferencesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests-prefs");
        ms::register_all();
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void layoutAndTimeFormatSurviveARestart() {
        {
            MainWindow first;
            first.show();
            first.resize(900, 700);
            first.packetView()->setColumnWidth(2, 333);
            QAction* delta = checkable_action(&first, "d");
            QVERIFY(delta);
            delta->trigger();
            QVERIFY(first.close());
        }
        MainWindow second;
        second.show();
        QCOMPARE(second.size(), QSize(900, 700));
        QCOMPARE(second.packetView()->columnWidth(2), 333);
        QAction* delta = checkable_action(&second, "d");
        QVERIFY(delta && delta->isChecked());
        QVERIFY(!checkable_action(&second, "r")->isChecked());
    }
};

QTEST_MAIN(PreferencesTest)
#include "test_preferences.moc"
