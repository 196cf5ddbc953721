// The SMTP command set (RFC 5321 and the commands it retired, plus the
// extensions mailscope knows) and pure parsers for command arguments. All
// results are views into the line text.
#pragma once

#include "dissectors/core/ascii.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace ms::smtp {

enum class Command : uint8_t {
    Unknown,
    Helo, Ehlo, Mail, Rcpt, Data, Bdat, Rset, Noop, Quit, Vrfy, Expn, Help,
    Turn, Etrn, Atrn, Send, Soml, Saml, Starttls, Auth, Xclient, Xforward,
    // Pseudo commands that also get a reply.
    Greeting,     // the server's opening 220
    MessageEnd,   // the end of a DATA message or of a BDAT LAST chunk
    AuthResponse, // a client line inside an AUTH exchange
};

Command command_from_verb(std::string_view verb);  // case-insensitive; Unknown otherwise
const char* command_name(Command c);               // "MAIL", "<greeting>", ...

struct CommandLine {
    std::string_view verb;  // up to the first space
    std::string_view arg;   // after that space (may be empty)
};
CommandLine split_command_line(std::string_view text);

// keyword[=value] pairs of ESMTP parameters and XCLIENT/XFORWARD attributes.
struct Param {
    std::string_view keyword;
    std::string_view value;
    bool has_value = false;
};

// "FROM:<path> params" / "TO:<path> params". ok=false when the prefix or the
// path is malformed (the rest is still split as well as it can be).
struct PathArg {
    bool ok = false;
    std::string_view path;  // with its angle brackets, as sent
    std::string_view mailbox;  // inside the brackets (source route removed)
    std::vector<Param> params;
};
PathArg parse_path_arg(std::string_view arg, std::string_view prefix);

// Space-separated keyword[=value] list.
std::vector<Param> parse_params(std::string_view text);

enum class AuthMech : uint8_t { None, Plain, Login, CramMd5, XOAuth2, Other };
AuthMech auth_mech_from_name(std::string_view name);

struct AuthArg {
    std::string_view mechanism;
    std::string_view initial_response;  // empty when absent; "=" means empty response
    AuthMech mech = AuthMech::None;
};
AuthArg parse_auth_arg(std::string_view arg);

// An EHLO reply line after the first: keyword and its parameters.
struct Extension {
    std::string_view keyword;
    std::string_view params;
};
Extension parse_extension(std::string_view text);

// Mailboxes in <...> found in a reply text (VRFY/EXPN results), at most `max`.
std::vector<std::string_view> find_angle_addresses(std::string_view text, std::size_t max = 16);

using ms::iequals;  // dissectors/core/ascii.hpp

}  // namespace ms::smtp
