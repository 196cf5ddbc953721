// POP3 wire syntax, as pure functions over one line of text: commands and
// their arguments (RFC 1939, 2449, 5034), status lines with RFC 2449/3206
// extended response codes, and the lines of multi-line responses.
#pragma once

#include "dissectors/core/ascii.hpp"

#include <cstdint>
#include <string_view>

namespace ms::pop3 {

enum class Command : uint8_t {
    Unknown, User, Pass, Apop, Auth, Stat, List, Uidl, Retr, Top, Dele, Noop, Rset, Quit, Capa, Stls, Last,
};

// RFC 1939 section 3.
enum class SessionState : uint8_t { Authorization = 0, Transaction = 1, Update = 2 };

Command command_from_verb(std::string_view verb);  // case-insensitive
std::string_view command_name(Command c);          // "RETR"; "" for Unknown
bool allowed_in(Command c, SessionState s);
using ms::iequals;  // dissectors/core/ascii.hpp

// "VERB arg..." split at the first space (the argument keeps inner spaces).
struct RequestLine {
    std::string_view verb;
    std::string_view arg;  // empty when absent
};
RequestLine split_request(std::string_view text);

// A decimal number of at most 19 digits (no sign, no spaces).
bool parse_number(std::string_view s, uint64_t& v);

// The numeric arguments of RETR/DELE/LIST/UIDL/TOP.
struct MessageArgs {
    bool has_msg = false;
    uint64_t msg = 0;
    bool has_lines = false;  // TOP
    uint64_t lines = 0;
    bool malformed = false;  // present but not numbers, or missing where required
    std::string_view msg_text, lines_text;
};
MessageArgs parse_message_args(Command c, std::string_view arg);

// Whether the +OK answering `c` is followed by lines ended by ".".
bool multiline_answer(Command c, bool has_argument);

// "+OK text" / "-ERR text" (case-insensitive indicator, RFC 2449 [CODE]).
struct StatusLine {
    bool valid = false;
    bool ok = false;
    std::string_view indicator;    // "+OK" / "-ERR" as sent
    std::string_view description;  // after the space; empty when none
    std::string_view code;         // "SYS/TEMP" from "[SYS/TEMP] ..."; empty when none
};
StatusLine parse_status(std::string_view text);

// A SASL continuation "+ base64" / "+" (RFC 5034).
bool is_continuation(std::string_view text, std::string_view& payload);

// The "<...@...>" APOP timestamp in a greeting, or empty.
std::string_view apop_timestamp(std::string_view greeting_description);

// "nn mm" at the start of a STAT/LIST answer: count or message number, then size.
bool parse_two_numbers(std::string_view text, uint64_t& first, uint64_t& second);

// "msg uid" (UIDL): the message number and the unique id.
bool parse_uidl(std::string_view text, uint64_t& msg, std::string_view& uid);

// "NAME args" (CAPA): the capability name and the rest.
void split_capa(std::string_view text, std::string_view& name, std::string_view& args);

// "NNN octets" anywhere in a RETR status description (Dovecot, Cyrus...).
bool octets_in(std::string_view description, uint64_t& n);

}  // namespace ms::pop3
