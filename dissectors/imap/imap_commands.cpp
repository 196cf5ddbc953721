#include "imap_commands.hpp"

namespace ms::imap {

namespace {
// States as bits: which ones each command is valid in.
constexpr uint8_t kNotAuth = 1, kAuth = 2, kSel = 4;
constexpr uint8_t kAny = kNotAuth | kAuth | kSel;
constexpr uint8_t kAfterLogin = kAuth | kSel;

struct CommandInfo {
    Command cmd;
    const char* name;
    uint8_t states;
};

constexpr CommandInfo kCommands[] = {
    {Command::Capability, "CAPABILITY", kAny},
    {Command::Noop, "NOOP", kAny},
    {Command::Logout, "LOGOUT", kAny},
    {Command::Id, "ID", kAny},
    {Command::Starttls, "STARTTLS", kNotAuth},
    {Command::Authenticate, "AUTHENTICATE", kNotAuth},
    {Command::Login, "LOGIN", kNotAuth},
    {Command::Select, "SELECT", kAfterLogin},
    {Command::Examine, "EXAMINE", kAfterLogin},
    {Command::Create, "CREATE", kAfterLogin},
    {Command::Delete, "DELETE", kAfterLogin},
    {Command::Rename, "RENAME", kAfterLogin},
    {Command::Subscribe, "SUBSCRIBE", kAfterLogin},
    {Command::Unsubscribe, "UNSUBSCRIBE", kAfterLogin},
    {Command::List, "LIST", kAfterLogin},
    {Command::Lsub, "LSUB", kAfterLogin},
    {Command::Namespace, "NAMESPACE", kAfterLogin},
    {Command::Status, "STATUS", kAfterLogin},
    {Command::Append, "APPEND", kAfterLogin},
    {Command::Idle, "IDLE", kAfterLogin},
    {Command::Enable, "ENABLE", kAfterLogin},
    // RFC 4978: after authentication; the server refuses it twice.
    {Command::Compress, "COMPRESS", kAfterLogin},
    {Command::GetQuota, "GETQUOTA", kAfterLogin},
    {Command::GetQuotaRoot, "GETQUOTAROOT", kAfterLogin},
    {Command::SetQuota, "SETQUOTA", kAfterLogin},
    {Command::Check, "CHECK", kSel},
    {Command::Close, "CLOSE", kSel},
    {Command::Unselect, "UNSELECT", kSel},
    {Command::Expunge, "EXPUNGE", kSel},
    {Command::Search, "SEARCH", kSel},
    {Command::Fetch, "FETCH", kSel},
    {Command::Store, "STORE", kSel},
    {Command::Copy, "COPY", kSel},
    {Command::Move, "MOVE", kSel},
    {Command::Uid, "UID", kSel},
};

}  // namespace

Command command_from_name(std::string_view name) {
    for (const auto& c : kCommands)
        if (iequals(name, c.name)) return c.cmd;
    return Command::Unknown;
}

const char* command_name(Command cmd) {
    for (const auto& c : kCommands)
        if (c.cmd == cmd) return c.name;
    return "<unknown>";
}

const char* state_name(SessionState s) {
    switch (s) {
        case SessionState::NotAuthenticated: return "Not authenticated";
        case SessionState::Authenticated: return "Authenticated";
        case SessionState::Selected: return "Selected";
        case SessionState::Logout: return "Logout";
    }
    return "?";
}

bool command_allowed(Command cmd, SessionState s) {
    if (cmd == Command::Unknown) return true;  // reported as unknown instead
    uint8_t bit = 0;
    switch (s) {
        case SessionState::NotAuthenticated: bit = kNotAuth; break;
        case SessionState::Authenticated: bit = kAuth; break;
        case SessionState::Selected: bit = kSel; break;
        case SessionState::Logout: return false;
    }
    for (const auto& c : kCommands)
        if (c.cmd == cmd) return (c.states & bit) != 0;
    return true;
}

bool uid_allowed(Command c) {
    return c == Command::Copy || c == Command::Move || c == Command::Fetch || c == Command::Store ||
           c == Command::Search || c == Command::Expunge;
}

}  // namespace ms::imap
