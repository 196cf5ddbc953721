// Colours of the packet list by RowClass, and their legend names.
#pragma once

#include <QColor>
#include <QString>

#include "ui/frame_index.hpp"

namespace ms::ui {

QColor row_background(RowClass c);
QColor row_foreground(RowClass c);
QString row_class_name(RowClass c);

}  // namespace ms::ui
