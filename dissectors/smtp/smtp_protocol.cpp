#include "smtp_protocol.hpp"

#include "smtp_commands.hpp"
#include "smtp_dissector.hpp"
#include "smtp_fields.hpp"

namespace ms::smtp {

void register_fields(FieldRegistry& reg) {
    smtp_fields::register_fields(reg);
    smtp_experts::register_experts(reg);
}

bool looks_like(Dir dir, std::span<const uint8_t> b) {
    auto at = [&](std::size_t i) { return i < b.size() ? char(b[i]) : '\0'; };
    if (dir == Dir::ToClient)
        return b.size() >= 4 && at(0) == '2' && at(1) == '2' && at(2) == '0' && (at(3) == ' ' || at(3) == '-');
    if (b.size() < 5) return false;
    std::string_view verb(reinterpret_cast<const char*>(b.data()), 4);
    const char after = at(4);
    return (iequals(verb, "EHLO") || iequals(verb, "HELO")) && (after == ' ' || after == '\r' || after == '\n');
}

std::unique_ptr<StreamDissector> create_dissector(const ConnectionInfo& conn, std::unique_ptr<MessageSink> sink) {
    (void)conn;
    return std::make_unique<SmtpDissector>(std::move(sink));
}

namespace {
CarriedMessageSinkFactory g_sink_factory = nullptr;

std::unique_ptr<StreamDissector> create_with_layer(const ConnectionInfo& conn) {
    return create_dissector(conn, g_sink_factory ? g_sink_factory() : nullptr);
}
}  // namespace

void set_message_sink_factory(CarriedMessageSinkFactory factory) { g_sink_factory = factory; }

AppProtocol app_protocol() { return AppProtocol{"smtp", {25, 587, 2525}, &looks_like, &create_with_layer}; }

}  // namespace ms::smtp
