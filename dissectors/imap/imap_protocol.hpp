// The IMAP dissector as the rest of mailscope sees it.
#pragma once

#include <memory>
#include <span>

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/message_sink.hpp"

namespace ms::imap {

// Registers imap.* fields and expert items (idempotent).
void register_fields(FieldRegistry& reg);

// {"imap", {143}, looks_like, create}
AppProtocol app_protocol();

// Where FETCH bodies (BODY[], RFC822, BINARY[]) and APPEND messages go: each
// new connection asks the factory for its sinks (one per direction). Null
// (the default) hands messages to nobody.
using SinkFactory = std::unique_ptr<CarriedMessageSink> (*)();
void set_message_sink_factory(SinkFactory factory);

// Content check: a "* OK" or "* PREAUTH" greeting from the server.
bool looks_like(Dir dir, std::span<const uint8_t> first_bytes);

// One connection's dissector, with an explicit sink factory (tests).
std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn, SinkFactory factory);

}  // namespace ms::imap
