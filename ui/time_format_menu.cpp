#include "ui/time_format_menu.hpp"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

#include "ui/packet_list_model.hpp"

namespace ms::ui {

namespace {
constexpr const char* kTimeFormatKey = "view/timeFormat";

struct FormatChoice {
    const char* code;  // tshark's -t argument
    const char* label;
};

// Wireshark's View > Time Display Format entries, in its order.
constexpr FormatChoice kChoices[] = {
    {"ad", "Date and Time of Day (1970-01-01 01:02:03.123456)"},
    {"adoy", "Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)"},
    {"a", "Time of Day (01:02:03.123456)"},
    {"e", "Seconds Since 1970-01-01"},
    {"r", "Seconds Since Beginning of Capture"},
    {"d", "Seconds Since Previous Captured Packet"},
    {"dd", "Seconds Since Previous Displayed Packet"},
    {"ud", "UTC Date and Time of Day (1970-01-01 01:02:03.123456)"},
    {"udoy", "UTC Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)"},
    {"u", "UTC Time of Day (01:02:03.123456)"},
};

void apply(PacketListModel* model, const QString& code) {
    TimeColumn tc;
    if (!parse_time_format(code.toStdString(), tc)) return;
    model->setTimeColumn(tc);
}
}  // namespace

QMenu* add_time_format_menu(QMenu* view, PacketListModel* model) {
    QMenu* menu = view->addMenu(QObject::tr("&Time Display Format"));
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    const QString current = QSettings().value(kTimeFormatKey, "r").toString();
    for (const FormatChoice& c : kChoices) {
        QAction* a = menu->addAction(QObject::tr(c.label));
        a->setCheckable(true);
        a->setData(QString::fromLatin1(c.code));
        a->setChecked(current == QLatin1String(c.code));
        group->addAction(a);
    }
    QObject::connect(group, &QActionGroup::triggered, menu, [model](QAction* a) {
        const QString code = a->data().toString();
        apply(model, code);
        QSettings().setValue(kTimeFormatKey, code);
    });
    apply(model, current);
    return menu;
}

}  // namespace ms::ui
