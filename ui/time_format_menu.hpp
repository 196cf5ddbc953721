// View > Time Display Format: the packet list's Time column in any of the
// CLI's -t formats (time_column.hpp), remembered across sessions.
#pragma once

class QMenu;

namespace ms::ui {

class PacketListModel;

// Adds the submenu to `view` and applies the remembered format to `model`.
QMenu* add_time_format_menu(QMenu* view, PacketListModel* model);

}  // namespace ms::ui
