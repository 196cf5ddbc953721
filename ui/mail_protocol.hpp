// Which mail protocol a TCP stream speaks, told from the server's port or
// its greeting. Used by the session dialogue (Analyze > Session Dialogue),
// which has only the followed bytes, not the dissectors' verdict. Qt-free.
#pragma once

#include <cstdint>
#include <string_view>

namespace ms::ui {

enum class MailProtocol : uint8_t { Unknown, Smtp, Pop3, Imap };

const char* protocol_name(MailProtocol p);  // "SMTP", ..., "unknown"
// The well-known ports: 25/465/587/2525, 110/995, 143/993.
MailProtocol protocol_from_port(uint16_t port);
// The server's first line: "220 ..." SMTP, "+OK" POP3, "* OK"/"* PREAUTH" IMAP.
MailProtocol protocol_from_greeting(std::string_view line);
// The port after the last ':' of "addr:port" (0 when there is none).
uint16_t port_of_endpoint(std::string_view endpoint);

}  // namespace ms::ui
