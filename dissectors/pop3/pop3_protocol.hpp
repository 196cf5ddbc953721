// The POP3 dissector as the rest of mailscope sees it.
#pragma once

#include <memory>
#include <span>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/message_sink.hpp"

namespace ms::pop3 {

// Registers pop.* fields and expert items (idempotent).
void register_fields(FieldRegistry& reg);

// {"pop", {110}, looks_like, create}
AppProtocol app_protocol();

// Content check: a "+OK" greeting from the server.
bool looks_like(Dir dir, std::span<const uint8_t> first_bytes);

// Where the dissectors made by app_protocol().create hand RETR/TOP messages:
// each new connection calls the factory once. Null (the default) = no
// message layer; the content is then shown as data only.
using SinkFactory = std::unique_ptr<CarriedMessageSink> (*)();
void set_message_sink_factory(SinkFactory factory);

// One connection's dissector; `sink` (may be null) receives each message.
std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn,
                                                  std::unique_ptr<CarriedMessageSink> sink = nullptr);

}  // namespace ms::pop3
