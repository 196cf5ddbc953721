// Mailbox names in modified UTF-7 (RFC 3501 section 5.1.3): "&" starts a
// run of modified base64 (',' for '/') holding UTF-16, "-" ends it, "&-" is
// a literal '&'.
#pragma once

#include <string>
#include <string_view>

namespace ms::imap {

// Decodes to UTF-8. Returns false (and a best-effort result with U+FFFD for
// bad runs) when the name is not valid modified UTF-7. Names sent as UTF-8
// (IMAP4rev2, UTF8=ACCEPT) pass through unchanged.
bool decode_mutf7(std::string_view in, std::string& out);

}  // namespace ms::imap
