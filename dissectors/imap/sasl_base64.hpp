// Standard base64 (RFC 4648) for SASL exchanges in AUTHENTICATE.
#pragma once

#include <string>
#include <string_view>

namespace ms::imap {

// False when the text is not base64 (out then holds what decoded so far).
bool decode_base64(std::string_view in, std::string& out);

// Control bytes as "\xNN" (NUL separators of PLAIN, say), the rest as is.
std::string printable(std::string_view s);

}  // namespace ms::imap
