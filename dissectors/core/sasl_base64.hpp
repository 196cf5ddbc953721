// Base64 for the short SASL exchanges of SMTP AUTH, POP3 AUTH and IMAP
// AUTHENTICATE: one line at a time, so the whole input is at hand. Message
// bodies are the MIME layer's job (dissectors/mime, streaming).
#pragma once

#include <string>
#include <string_view>

namespace ms {

// Decodes `in` into `out`. Returns false (out holds what decoded so far) on a
// character outside the alphabet or a bad length; "=" alone is the empty string.
bool decode_base64(std::string_view in, std::string& out);

// Control bytes shown as \xNN, so decoded secrets print on one line.
std::string printable(std::string_view bytes);

}  // namespace ms
