// The SASL side of POP3 AUTH (RFC 5034): base64 for the one-line exchanges,
// and what each client line of a known mechanism carries.
#pragma once

#include "dissectors/core/sasl_base64.hpp"

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

// The core's SASL base64 and printable form (shared with SMTP and IMAP).
using ms::decode_base64;
using ms::printable;

// PLAIN: authzid NUL authcid NUL passwd (RFC 4616).
struct PlainCredentials {
    bool ok = false;
    std::string_view authzid, user, password;
};
PlainCredentials split_plain(std::string_view decoded);

}  // namespace ms::pop3
