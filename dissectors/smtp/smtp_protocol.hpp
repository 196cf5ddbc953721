// The SMTP dissector as the rest of mailscope sees it.
#pragma once

#include <memory>
#include <span>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"
#include "message_sink.hpp"

namespace ms::smtp {

// Registers smtp.* fields and expert items (idempotent).
void register_fields(FieldRegistry& reg);

// {"smtp", {25, 587, 2525}, looks_like, create}; create asks the factory
// set below for the connection's message sink.
AppProtocol app_protocol();
// Set once at start-up (register_mail.cpp) to hand messages to the message layer.
void set_message_sink_factory(CarriedMessageSinkFactory factory);

// Content check: a "220 " / "220-" greeting from the server, or HELO/EHLO
// from the client.
bool looks_like(Dir dir, std::span<const uint8_t> first_bytes);

// One connection's dissector; `sink` (may be null) receives each message.
std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn,
                                                  std::unique_ptr<MessageSink> sink = nullptr);

}  // namespace ms::smtp
