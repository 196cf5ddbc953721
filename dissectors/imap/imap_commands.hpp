// The IMAP command set (RFC 3501, RFC 9051 and the extensions mailscope
// decodes), the session states of RFC 9051 section 3 and which commands
// each state admits.
#pragma once

#include "dissectors/core/ascii.hpp"

#include <cstdint>
#include <string_view>

namespace ms::imap {

enum class Command : uint8_t {
    Unknown,
    Capability, Noop, Logout, Starttls, Authenticate, Login,
    Select, Examine, Create, Delete, Rename, Subscribe, Unsubscribe, List, Lsub,
    Namespace, Status, Append, Check, Close, Unselect, Expunge, Search, Fetch,
    Store, Copy, Move, Idle, Enable, Id, Compress, GetQuota, GetQuotaRoot,
    SetQuota, Uid,
};

enum class SessionState : uint8_t { NotAuthenticated = 0, Authenticated = 1, Selected = 2, Logout = 3 };

Command command_from_name(std::string_view name);  // case-insensitive; Unknown otherwise
const char* command_name(Command c);               // "FETCH", ...
const char* state_name(SessionState s);            // "Not authenticated", ...
// Whether the command may be sent in state s (RFC 9051 section 6).
bool command_allowed(Command c, SessionState s);
// UID prefixes only these: COPY, MOVE, FETCH, STORE, SEARCH, EXPUNGE.
bool uid_allowed(Command c);

using ms::iequals;  // dissectors/core/ascii.hpp

}  // namespace ms::imap
