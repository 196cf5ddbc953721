// Saved filter buttons: the SavedFilters list on its own (add, edit, remove,
// bound, QSettings round trip, awkward characters), the FilterBar's buttons,
// "+" and Edit… dialogs, and the real MainWindow applying a saved filter on
// a recorded sample. Runs with QT_QPA_PLATFORM=offscreen.
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolButton>

#include <functional>

#include "dissectors/core/field_registry.hpp"
#include "ui/filter_bar.hpp"
#include "ui/main_window.hpp"
#include "ui/packet_list_model.hpp"
#include "ui/saved_filters.hpp"

using namespace ms::ui;

namespace {
const QString kSample = QStringLiteral(MAILSCOPE_SOURCE_DIR "/samples/smtp-postfix.pcap");
const QString kRcpt = QStringLiteral("smtp.req.command == \"RCPT\"");
const QString kInvalid = QStringLiteral("smtp.req.command ==");

// Runs `act` on the next modal dialog to open (the dialogs under test block
// in exec(), so the test acts from a timer inside their event loop).
void on_next_modal(std::function<void(QWidget*)> act) {
    auto* timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, act] {
        QWidget* w = QApplication::activeModalWidget();
        if (!w) return;
        timer->stop();
        timer->deleteLater();
        act(w);
    });
    timer->start();
}

QVariantMap entry(const QString& label, const QString& filter) {
    return {{"label", label}, {"filter", filter}};
}

QString plain_tooltip(const QWidget* w) { return QTextDocumentFragment::fromHtml(w->toolTip()).toPlainText(); }
}  // namespace

class FilterButtonsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("mailscope-tests");
        // Our own settings file, so clearing it touches no other test's.
        QCoreApplication::setApplicationName("test_filter_buttons");
        ms::register_all();
    }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    // ---- SavedFilters, no widgets ----

    void addEditRemove() {
        SavedFilters list;
        QString err;
        QVERIFY2(list.add("RCPT", kRcpt, &err), qPrintable(err));
        // Labels are simplified, filters trimmed.
        QVERIFY(list.add("  two\twords\nhere ", "  tcp.port == 25  ", &err));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1), (SavedFilter{"two words here", "tcp.port == 25"}));

        QVERIFY(list.edit(0, "POP", "tcp.port == 110", &err));
        QCOMPARE(list.at(0), (SavedFilter{"POP", "tcp.port == 110"}));
        // A refused edit leaves the entry as it was.
        QVERIFY(!list.edit(0, "POP", kInvalid, &err));
        QVERIFY(!err.isEmpty());
        QCOMPARE(list.at(0), (SavedFilter{"POP", "tcp.port == 110"}));
        QVERIFY(!list.edit(2, "x", "tcp", &err));
        QVERIFY(!list.edit(-1, "x", "tcp", &err));

        QVERIFY(!list.remove(2));
        QVERIFY(list.remove(0));
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).label, QString("two words here"));
    }

    void refusesBadEntries() {
        SavedFilters list;
        QString err;
        QVERIFY(!list.add("", "tcp", &err));
        QVERIFY(!list.add(" \t\n", "tcp", &err));
        QVERIFY(!list.add("x", "   ", &err));
        QVERIFY(!list.add(QString(SavedFilters::kMaxLabel + 1, QLatin1Char('a')), "tcp", &err));
        QVERIFY(list.add(QString(SavedFilters::kMaxLabel, QLatin1Char('a')), "tcp", &err));
        // The parser's own message.
        QVERIFY(!list.add("bad", kInvalid, &err));
        QCOMPARE(err, display_filter_error(kInvalid));
        QVERIFY(!err.isEmpty());
        // A line break cannot live in the one-line bar; a tab can.
        QVERIFY(!list.add("nl", "tcp.port == 25\nor tcp.port == 110", &err));
        QVERIFY(!list.add("nul", QString("tcp") + QChar(0) + "x", &err));
        QVERIFY(!list.add(QString("a") + QChar(0) + "b", "tcp", &err));
        QVERIFY2(list.add("tab", "tcp.port\t== 25", &err), qPrintable(err));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).filter, QString("tcp.port\t== 25"));
        // Null error pointers are fine.
        QVERIFY(!list.add("", "tcp"));
    }

    void boundedList() {
        SavedFilters list;
        QString err;
        for (int i = 0; i < SavedFilters::kMaxFilters; ++i) QVERIFY(list.add(QString("f%1").arg(i), "tcp", &err));
        QVERIFY(!list.add("one too many", "tcp", &err));
        QVERIFY(err.contains(QString::number(SavedFilters::kMaxFilters)));
        QCOMPARE(list.size(), SavedFilters::kMaxFilters);

        // An oversized stored list is cut on load too.
        QVariantList big;
        for (int i = 0; i < SavedFilters::kMaxFilters + 10; ++i) big << entry(QString("f%1").arg(i), "tcp");
        SavedFilters loaded;
        loaded.fromVariant(big);
        QCOMPARE(loaded.size(), SavedFilters::kMaxFilters);
        QCOMPARE(loaded.at(0).label, QString("f0"));
    }

    void roundTripThroughSettingsFile() {
        SavedFilters list;
        QString err;
        const QString label = QString::fromUtf8("Renée ✉ 😀 & \"quotes\" = ; , [x]");
        const QString filter = QString::fromUtf8("smtp.req.command == \"😀\" or smtp.req.command == \"RCPT\"");
        QVERIFY2(list.add(label, filter, &err), qPrintable(err));
        QVERIFY(list.add("tab", "tcp.port\t== 25", &err));
        QVERIFY(list.add("RCPT", kRcpt, &err));

        QTemporaryDir dir;
        const QString path = dir.filePath("settings.ini");
        {
            QSettings s(path, QSettings::IniFormat);
            list.save(s);
            s.sync();
            QCOMPARE(s.status(), QSettings::NoError);
        }
        QSettings s(path, QSettings::IniFormat);
        SavedFilters back;
        back.load(s);
        QCOMPARE(back.items(), list.items());
    }

    void damagedSettingsAreSkipped() {
        QSettings s;
        s.setValue(SavedFilters::kSettingsKey,
                   QVariantList{QString("junk"), 42, entry("", "tcp"), entry("no filter", ""),
                                entry("two\nlines", "tcp.port == 25"), entry("multi", "tcp\nudp"),
                                QVariantMap{{"label", "no filter key"}}});
        SavedFilters list;
        list.load(s);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0), (SavedFilter{"two lines", "tcp.port == 25"}));

        s.setValue(SavedFilters::kSettingsKey, QString("not a list"));
        list.load(s);
        QCOMPARE(list.size(), 0);
        s.remove(SavedFilters::kSettingsKey);
        list.load(s);
        QCOMPARE(list.size(), 0);
    }

    void defaultLabelShortens() {
        QCOMPARE(SavedFilters::defaultLabel("  tcp.port == 25 "), QString("tcp.port == 25"));
        const QString longer = SavedFilters::defaultLabel(kRcpt + " and tcp.port == 25");
        QVERIFY(longer.size() <= 24);
        QVERIFY(longer.endsWith(QChar(0x2026)));
        QVERIFY(kRcpt.startsWith(longer.chopped(1)));
        // A cut never splits a character made of two UTF-16 units.
        const QString emoji = QString(22, QLatin1Char('a')) + QString::fromUtf8("😀😀");
        const QString cut = SavedFilters::defaultLabel(emoji);
        QVERIFY(!cut.chopped(1).back().isHighSurrogate());
    }

    // ---- FilterBar ----

    void barButtonsApplyAndPersist() {
        FilterBar bar;
        bar.show();
        QCOMPARE(bar.savedFilterCount(), 0);
        QString err;
        QVERIFY2(bar.addSavedFilter("R&CPT", kRcpt, &err), qPrintable(err));
        QVERIFY(!bar.addSavedFilter("bad", kInvalid, &err));
        QCOMPARE(bar.savedFilterCount(), 1);

        QToolButton* b = bar.savedFilterButton(0);
        QVERIFY(b);
        QVERIFY(!bar.savedFilterButton(1));
        QVERIFY(b->isVisible());
        QCOMPARE(b->text(), QString("R&&CPT"));  // shown as "R&CPT", no mnemonic
        QCOMPARE(plain_tooltip(b), kRcpt);

        QSignalSpy applied(&bar, &FilterBar::applyRequested);
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).toString(), kRcpt);
        QCOMPARE(bar.text(), kRcpt);
        QVERIFY(bar.history().contains(kRcpt));

        // A new bar reads the button back.
        FilterBar again;
        QCOMPARE(again.savedFilterCount(), 1);
        QCOMPARE(again.savedFilters().at(0), (SavedFilter{"R&CPT", kRcpt}));
    }

    void contextMenuRemoves() {
        FilterBar bar;
        QVERIFY(bar.addSavedFilter("one", "tcp.port == 25"));
        QVERIFY(bar.addSavedFilter("two", "tcp.port == 110"));
        std::unique_ptr<QMenu> menu(bar.savedFilterMenu(0));
        QStringList texts;
        for (QAction* a : menu->actions()) texts << a->text();
        QCOMPARE(texts, (QStringList{QString::fromUtf8("Edit…"), "Remove"}));
        menu->actions().at(1)->trigger();
        QCOMPARE(bar.savedFilterCount(), 1);
        QCOMPARE(bar.savedFilters().at(0).label, QString("two"));
        QCOMPARE(plain_tooltip(bar.savedFilterButton(0)), QString("tcp.port == 110"));
        QCOMPARE(FilterBar().savedFilterCount(), 1);  // stored at once
    }

    void editDialogValidates() {
        FilterBar bar;
        bar.show();
        QVERIFY(bar.addSavedFilter("one", "tcp.port == 25"));
        QString shownError;
        bool stayedOpen = false;
        on_next_modal([&](QWidget* w) {
            auto* label = w->findChild<QLineEdit*>("savedFilterLabel");
            auto* text = w->findChild<QLineEdit*>("savedFilterText");
            auto* error = w->findChild<QLabel*>("savedFilterError");
            auto* box = w->findChild<QDialogButtonBox*>();
            if (!label || !text || !error || !box) {
                w->close();
                return;
            }
            text->setText(kInvalid);
            box->button(QDialogButtonBox::Ok)->click();
            shownError = error->text();
            stayedOpen = w->isVisible();
            label->setText("RCPT");
            text->setText(kRcpt);
            box->button(QDialogButtonBox::Ok)->click();
        });
        std::unique_ptr<QMenu> menu(bar.savedFilterMenu(0));
        menu->actions().at(0)->trigger();  // Edit…, returns when the dialog closes
        QCOMPARE(shownError, display_filter_error(kInvalid));
        QVERIFY(stayedOpen);
        QCOMPARE(bar.savedFilters().at(0), (SavedFilter{"RCPT", kRcpt}));
        QCOMPARE(bar.savedFilterButton(0)->text(), QString("RCPT"));
    }

    void plusButtonSavesOnlyValidFilters() {
        FilterBar bar;
        bar.show();
        // Invalid: refused with the parser's message, nothing saved.
        bar.setText(kInvalid);
        QVERIFY(!bar.isValid());
        QString refusal;
        on_next_modal([&](QWidget* w) {
            if (auto* box = qobject_cast<QMessageBox*>(w)) refusal = box->text();
            w->close();
        });
        bar.saveFilterButton()->click();
        QCOMPARE(refusal, bar.errorText());
        QVERIFY(!refusal.isEmpty());
        QCOMPARE(bar.savedFilterCount(), 0);

        // Valid: asks for a label, offering the shortened filter.
        bar.setText(kRcpt);
        QString offered;
        on_next_modal([&](QWidget* w) {
            auto* dlg = qobject_cast<QInputDialog*>(w);
            if (!dlg) {
                w->close();
                return;
            }
            offered = dlg->textValue();
            dlg->setTextValue("Recipients");
            dlg->accept();
        });
        bar.saveFilterButton()->click();
        QCOMPARE(offered, SavedFilters::defaultLabel(kRcpt));
        QCOMPARE(bar.savedFilterCount(), 1);
        QCOMPARE(bar.savedFilters().at(0), (SavedFilter{"Recipients", kRcpt}));
    }

    // ---- the real window ----

    void windowAppliesSavedFilter() {
        auto* win = new MainWindow;
        win->show();
        QSignalSpy loaded(win, &MainWindow::loadFinished);
        win->openFile(kSample);
        QVERIFY(loaded.wait(60000));
        const int total = win->packetModel()->rowCount();
        QVERIFY(total > 2);

        FilterBar* bar = win->filterBar();
        QString err;
        QVERIFY(!bar->addSavedFilter("bad", kInvalid, &err));
        QVERIFY(!err.isEmpty());
        QVERIFY2(bar->addSavedFilter("RCPT", kRcpt, &err), qPrintable(err));
        QCOMPARE(bar->savedFilterCount(), 1);

        QToolButton* b = bar->savedFilterButton(0);
        QVERIFY(b && b->isVisible());
        QSignalSpy done(win, &MainWindow::filterFinished);
        QTest::mouseClick(b, Qt::LeftButton);
        QVERIFY(done.count() > 0 || done.wait(60000));
        QCOMPARE(win->packetModel()->rowCount(), 2);
        QCOMPARE(bar->text(), kRcpt);
        // Closing the window applies nothing more (the bar's combo box used
        // to re-apply its history item while being destroyed).
        QSignalSpy late(bar, &FilterBar::applyRequested);
        delete win;
        QCOMPARE(late.count(), 0);

        // A new window shows the saved button again.
        MainWindow again;
        QCOMPARE(again.filterBar()->savedFilterCount(), 1);
        QCOMPARE(again.filterBar()->savedFilters().at(0), (SavedFilter{"RCPT", kRcpt}));
        QCOMPARE(plain_tooltip(again.filterBar()->savedFilterButton(0)), kRcpt);
    }
};

QTEST_MAIN(FilterButtonsTest)
#include "test_filter_buttons.moc"
