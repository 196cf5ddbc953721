// Base64 for the short SASL exchanges of AUTH (RFC 4954): one line at a time,
// so the whole input is at hand. Message bodies are the MIME layer's job.
#pragma once

#include <string>
#include <string_view>

namespace ms::smtp {

// Decodes `in` into `out`. Returns false (out holds what decoded so far) on a
// character outside the alphabet or a bad length; "=" alone is the empty string.
bool decode_base64(std::string_view in, std::string& out);

// Non-printable bytes shown as \xNN, so decoded secrets print on one line.
std::string printable(std::string_view bytes);

}  // namespace ms::smtp
