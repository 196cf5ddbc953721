// One short sentence for each common SMTP, POP3 and IMAP command and for
// each class of server reply, written from RFC 5321, RFC 1939 (with 2449,
// 2595, 5034) and RFC 9051/3501: the session dialogue's tooltips. Qt-free.
#pragma once

#include <string>
#include <string_view>

#include "ui/mail_protocol.hpp"

namespace ms::ui {

// The sentence for a client command verb (case-insensitive), "" when the
// verb is not in the table.
std::string_view explain_command(MailProtocol p, std::string_view verb);

// The sentence for a server reply's status: SMTP a three-digit code (its
// class, then the code's own meaning when RFC 5321 lists it), POP3 "+OK",
// "-ERR" or "+" (a SASL challenge), IMAP "OK", "NO", "BAD", "BYE",
// "PREAUTH" or "+" (a continuation request). "" when unknown.
std::string explain_reply(MailProtocol p, std::string_view status);

}  // namespace ms::ui
