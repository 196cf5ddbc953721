// Where the SMTP dissector hands each message (DATA or BDAT) on: the core's
// CarriedMessageSink, which the message layer (IMF/MIME) implements.
#pragma once

#include "dissectors/core/message_sink.hpp"

namespace ms::smtp {

using MessageSink = CarriedMessageSink;
using MessageInfo = CarriedMessageInfo;

}  // namespace ms::smtp
