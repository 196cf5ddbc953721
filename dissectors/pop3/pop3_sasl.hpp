// The SASL side of POP3 AUTH (RFC 5034): base64 for the one-line exchanges,
// and what each client line of a known mechanism carries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ms::pop3 {

enum class AuthMech : uint8_t { None, Plain, Login, CramMd5, Other };

AuthMech mech_from_name(std::string_view name);

// What one client SASL line holds, decided by mechanism and position.
enum class AuthStep : uint8_t {
    Response,     // a mechanism response we do not interpret
    Username,     // LOGIN: first response
    Password,     // LOGIN: second response
    Credentials,  // PLAIN: authzid NUL authcid NUL password
    CramMd5,      // "user hex-digest"
    Cancel,       // "*"
};
// `index` counts the client's responses in this exchange (the initial
// response is number 0).
AuthStep step_for(AuthMech mech, uint32_t index, std::string_view line);

// Decodes `in` into `out`; false on a character outside the alphabet or a
// bad length (out then holds what decoded so far). "=" alone is empty.
bool decode_base64(std::string_view in, std::string& out);

// Non-printable bytes as \xNN, so decoded secrets print on one line.
std::string printable(std::string_view bytes);

// PLAIN: authzid NUL authcid NUL passwd (RFC 4616).
struct PlainCredentials {
    bool ok = false;
    std::string_view authzid, user, password;
};
PlainCredentials split_plain(std::string_view decoded);

}  // namespace ms::pop3
