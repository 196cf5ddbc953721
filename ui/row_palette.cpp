#include "ui/row_palette.hpp"

namespace ms::ui {

QColor row_background(RowClass c) {
    switch (c) {
        case RowClass::Tcp: return QColor(0xe7, 0xe6, 0xff);
        case RowClass::Smtp: return QColor(0xda, 0xee, 0xff);
        case RowClass::Pop: return QColor(0xe4, 0xff, 0xc7);
        case RowClass::Imap: return QColor(0xf5, 0xe6, 0xff);
        case RowClass::Imf: return QColor(0xc8, 0xf7, 0xf0);
        case RowClass::ReplyError: return QColor(0xff, 0xd8, 0xa8);
        case RowClass::ExpertWarn: return QColor(0xff, 0xf3, 0x9a);
        case RowClass::ExpertError: return QColor(0x12, 0x12, 0x12);
        default: return QColor(0xff, 0xff, 0xff);
    }
}

QColor row_foreground(RowClass c) {
    return c == RowClass::ExpertError ? QColor(0xff, 0x5f, 0x5f) : QColor(0x12, 0x27, 0x2e);
}

QString row_class_name(RowClass c) {
    switch (c) {
        case RowClass::Tcp: return QStringLiteral("TCP");
        case RowClass::Smtp: return QStringLiteral("SMTP");
        case RowClass::Pop: return QStringLiteral("POP");
        case RowClass::Imap: return QStringLiteral("IMAP");
        case RowClass::Imf: return QStringLiteral("Message (IMF)");
        case RowClass::ReplyError: return QStringLiteral("Error reply (4xx/5xx, -ERR, NO/BAD)");
        case RowClass::ExpertWarn: return QStringLiteral("Expert warning");
        case RowClass::ExpertError: return QStringLiteral("Expert error / malformed");
        default: return QStringLiteral("Other");
    }
}

}  // namespace ms::ui
