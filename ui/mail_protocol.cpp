#include "ui/mail_protocol.hpp"

#include "dissectors/core/ascii.hpp"

namespace ms::ui {

const char* protocol_name(MailProtocol p) {
    switch (p) {
        case MailProtocol::Smtp: return "SMTP";
        case MailProtocol::Pop3: return "POP3";
        case MailProtocol::Imap: return "IMAP";
        case MailProtocol::Unknown: break;
    }
    return "unknown";
}

MailProtocol protocol_from_port(uint16_t port) {
    switch (port) {
        case 25: case 465: case 587: case 2525: return MailProtocol::Smtp;
        case 110: case 995: return MailProtocol::Pop3;
        case 143: case 993: return MailProtocol::Imap;
        default: return MailProtocol::Unknown;
    }
}

MailProtocol protocol_from_greeting(std::string_view line) {
    if (line.size() >= 3 && line.substr(0, 3) == "220" && (line.size() == 3 || line[3] == ' ' || line[3] == '-'))
        return MailProtocol::Smtp;
    if (istarts_with(line, "+OK")) return MailProtocol::Pop3;
    if (istarts_with(line, "* OK") || istarts_with(line, "* PREAUTH")) return MailProtocol::Imap;
    return MailProtocol::Unknown;
}

uint16_t port_of_endpoint(std::string_view endpoint) {
    std::size_t colon = endpoint.rfind(':');
    if (colon == std::string_view::npos || colon + 1 >= endpoint.size() || endpoint.size() - colon > 6) return 0;
    unsigned v = 0;
    for (char c : endpoint.substr(colon + 1)) {
        if (c < '0' || c > '9') return 0;
        v = v * 10 + unsigned(c - '0');
    }
    return v <= 65535 ? uint16_t(v) : 0;
}

}  // namespace ms::ui
