#include "pop3_protocol.hpp"

#include <atomic>

#include "pop3_dissector.hpp"
#include "pop3_fields.hpp"

namespace ms::pop3 {

namespace {
std::atomic<SinkFactory> g_sink_factory{nullptr};

std::unique_ptr<StreamDissector> create_with_factory(const ConnectionInfo& conn) {
    SinkFactory f = g_sink_factory.load();
    return create_dissector(conn, f ? f() : nullptr);
}
}  // namespace

void register_fields(FieldRegistry& reg) {
    pop3_fields::register_fields(reg);
    pop3_experts::register_experts(reg);
}

bool looks_like(Dir dir, std::span<const uint8_t> b) {
    // Only the server's greeting identifies POP3; client commands like
    // USER or QUIT are shared with too many protocols.
    if (dir != Dir::ToClient || b.size() < 4) return false;
    if (b[0] != '+' || (b[1] | 0x20) != 'o' || (b[2] | 0x20) != 'k') return false;
    return b[3] == ' ' || b[3] == '\r' || b[3] == '\n';
}

void set_message_sink_factory(SinkFactory factory) { g_sink_factory.store(factory); }

std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn, std::unique_ptr<CarriedMessageSink> sink) {
    (void)conn;
    return std::make_unique<Pop3Dissector>(std::move(sink));
}

AppProtocol app_protocol() { return AppProtocol{"pop", {110}, &looks_like, &create_with_factory}; }

}  // namespace ms::pop3
