// A MessageRecord as one compact byte string and back: how the Messages
// list keeps 100 000s of records (compressed in a PackedTextStore) instead of
// a few hundred bytes of struct and a dozen heap strings each. Qt-free.
#pragma once

#include <string>
#include <string_view>

#include "ui/capture_records.hpp"

namespace ms::ui {

void pack_message(const MessageRecord& m, std::string& out);
// A record from pack_message's bytes; fields past a damaged end stay default.
MessageRecord unpack_message(std::string_view bytes);

}  // namespace ms::ui
