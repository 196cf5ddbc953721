#include "imap_protocol.hpp"

#include <atomic>

#include "imap_commands.hpp"
#include "imap_dissector.hpp"
#include "imap_fields.hpp"

namespace ms::imap {

namespace {
// Set once at start-up by the program, read when connections open.
std::atomic<SinkFactory> g_factory{nullptr};

std::unique_ptr<StreamDissector> create_default(const ConnectionInfo& conn) {
    return create_dissector(conn, g_factory.load());
}
}  // namespace

void register_fields(FieldRegistry& reg) {
    imap_fields::register_fields(reg);
    imap_experts::register_experts(reg);
}

void set_message_sink_factory(SinkFactory factory) { g_factory.store(factory); }

bool looks_like(Dir dir, std::span<const uint8_t> b) {
    if (dir != Dir::ToClient) return false;
    const std::string_view s(reinterpret_cast<const char*>(b.data()), b.size());
    auto starts = [&](std::string_view p) { return s.size() >= p.size() && iequals(s.substr(0, p.size()), p); };
    return starts("* OK") || starts("* PREAUTH");
}

std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn, SinkFactory factory) {
    (void)conn;
    return std::make_unique<ImapDissector>(factory);
}

AppProtocol app_protocol() { return AppProtocol{"imap", {143}, &looks_like, &create_default}; }

}  // namespace ms::imap
