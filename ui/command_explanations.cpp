#include "ui/command_explanations.hpp"

#include <span>

#include "dissectors/core/ascii.hpp"
#include "dissectors/smtp/smtp_codes.hpp"

namespace ms::ui {

namespace {

struct Explanation {
    const char* verb;
    const char* sentence;
};

// RFC 5321 section 4.1.1 (and 3207 STARTTLS, 4954 AUTH, 3030 BDAT).
constexpr Explanation kSmtp[] = {
    {"HELO", "HELO: the client names itself to the server and opens the session (plain SMTP)."},
    {"EHLO", "EHLO: the client names itself and asks the server to list the ESMTP extensions it supports."},
    {"MAIL", "MAIL FROM: starts a mail transaction and gives the envelope sender (the bounce address)."},
    {"RCPT", "RCPT TO: names one recipient of the envelope; repeat it for each recipient."},
    {"DATA", "DATA: asks to send the message; after a 354 reply the message follows, ended by a line with a single dot."},
    {"BDAT", "BDAT: sends the next chunk of the message, exactly the given number of bytes (LAST marks the final chunk)."},
    {"RSET", "RSET: aborts the current mail transaction; the envelope collected so far is discarded."},
    {"NOOP", "NOOP: does nothing but ask the server to answer OK (keeps the connection alive)."},
    {"QUIT", "QUIT: asks the server to close the session."},
    {"VRFY", "VRFY: asks the server whether a user or mailbox exists."},
    {"EXPN", "EXPN: asks the server to expand a mailing list into its members."},
    {"HELP", "HELP: asks the server for help on its commands."},
    {"STARTTLS", "STARTTLS: asks to switch the connection to TLS; after a 220 reply both sides negotiate TLS."},
    {"AUTH", "AUTH: authenticates the client with a SASL mechanism (PLAIN, LOGIN, CRAM-MD5, ...)."},
    {"ETRN", "ETRN: asks the server to start delivering the mail it queues for a domain."},
    {"TURN", "TURN: asks to swap the client and server roles (obsolete)."},
};

// RFC 1939 sections 4-7, RFC 2449 (CAPA), RFC 2595 (STLS), RFC 5034 (AUTH).
constexpr Explanation kPop3[] = {
    {"USER", "USER: gives the name of the mailbox to log in to; PASS follows."},
    {"PASS", "PASS: gives the password for the name sent with USER (in clear)."},
    {"APOP", "APOP: logs in with a name and an MD5 digest of the greeting's timestamp and the shared secret."},
    {"AUTH", "AUTH: logs in with a SASL mechanism (PLAIN, LOGIN, CRAM-MD5, ...)."},
    {"STAT", "STAT: asks for the number of messages in the maildrop and their total size."},
    {"LIST", "LIST: asks for the size of one message, or of every message when no number is given."},
    {"RETR", "RETR: asks for the whole of one message."},
    {"DELE", "DELE: marks a message for deletion; it is removed when the session ends with QUIT."},
    {"NOOP", "NOOP: does nothing but ask the server to answer +OK."},
    {"RSET", "RSET: unmarks every message marked for deletion in this session."},
    {"QUIT", "QUIT: ends the session; the server deletes the marked messages (the UPDATE state)."},
    {"TOP", "TOP: asks for the headers of a message and its first N body lines."},
    {"UIDL", "UIDL: asks for the unique id of one message, or of every message."},
    {"CAPA", "CAPA: asks the server to list its capabilities."},
    {"STLS", "STLS: asks to switch the connection to TLS; after +OK both sides negotiate TLS."},
    {"LAST", "LAST: asks for the highest message number accessed (obsolete)."},
};

// RFC 9051 section 6 (RFC 3501 for LSUB, 2177 IDLE, 4978 COMPRESS, 2971 ID).
constexpr Explanation kImap[] = {
    {"CAPABILITY", "CAPABILITY: asks the server to list the capabilities and extensions it supports."},
    {"NOOP", "NOOP: does nothing, but lets the server report new messages or flag changes."},
    {"LOGOUT", "LOGOUT: ends the session; the server answers BYE and closes the connection."},
    {"STARTTLS", "STARTTLS: asks to switch the connection to TLS; after OK both sides negotiate TLS."},
    {"AUTHENTICATE", "AUTHENTICATE: logs in with a SASL mechanism (PLAIN, LOGIN, XOAUTH2, ...)."},
    {"LOGIN", "LOGIN: logs in with a user name and a password sent in clear."},
    {"SELECT", "SELECT: opens a mailbox for reading and writing; later commands act on its messages."},
    {"EXAMINE", "EXAMINE: opens a mailbox read-only."},
    {"CREATE", "CREATE: creates a mailbox."},
    {"DELETE", "DELETE: deletes a mailbox."},
    {"RENAME", "RENAME: renames a mailbox."},
    {"SUBSCRIBE", "SUBSCRIBE: adds a mailbox to the list of subscribed mailboxes."},
    {"UNSUBSCRIBE", "UNSUBSCRIBE: removes a mailbox from the list of subscribed mailboxes."},
    {"LIST", "LIST: asks for the mailboxes whose names match a pattern."},
    {"LSUB", "LSUB: asks for the subscribed mailboxes whose names match a pattern."},
    {"STATUS", "STATUS: asks for counters of a mailbox (messages, unseen, next UID) without selecting it."},
    {"APPEND", "APPEND: uploads a message into a mailbox."},
    {"CHECK", "CHECK: asks the server to checkpoint the selected mailbox."},
    {"CLOSE", "CLOSE: closes the selected mailbox, expunging the messages marked \\Deleted."},
    {"UNSELECT", "UNSELECT: closes the selected mailbox without expunging anything."},
    {"EXPUNGE", "EXPUNGE: permanently removes the messages marked \\Deleted from the selected mailbox."},
    {"SEARCH", "SEARCH: asks for the numbers of the messages that match the search criteria."},
    {"FETCH", "FETCH: asks for data of messages (flags, headers, body parts, the whole message)."},
    {"STORE", "STORE: changes the flags of messages (for example adds \\Seen or \\Deleted)."},
    {"COPY", "COPY: copies messages to another mailbox."},
    {"MOVE", "MOVE: moves messages to another mailbox."},
    {"UID", "UID: runs the command that follows (FETCH, SEARCH, STORE, COPY, MOVE, EXPUNGE) with unique ids instead of message numbers."},
    {"IDLE", "IDLE: waits for the server to push mailbox changes until the client sends DONE."},
    {"DONE", "DONE: ends an IDLE command."},
    {"ENABLE", "ENABLE: turns on extensions that change how the server answers."},
    {"NAMESPACE", "NAMESPACE: asks for the prefixes and hierarchy separators of personal, other users' and shared mailboxes."},
    {"ID", "ID: exchanges client and server identification (name, version, ...)."},
    {"COMPRESS", "COMPRESS: asks to compress the rest of the connection (DEFLATE)."},
    {"GETQUOTA", "GETQUOTA: asks for the usage and limits of a quota root."},
    {"GETQUOTAROOT", "GETQUOTAROOT: asks for the quota roots of a mailbox and their usage."},
    {"SETQUOTA", "SETQUOTA: changes the limits of a quota root."},
};

// POP3 status indicators (RFC 1939 section 3, RFC 5034 for "+").
constexpr Explanation kPop3Replies[] = {
    {"+OK", "+OK: the server accepted the command."},
    {"-ERR", "-ERR: the server refused the command or it failed."},
    {"+", "+: a SASL challenge; the client answers with a base64 line."},
};

// IMAP status responses (RFC 9051 section 7.1) and the continuation request.
constexpr Explanation kImapReplies[] = {
    {"OK", "OK: success (tagged: the command completed; untagged: information)."},
    {"NO", "NO: the command failed (tagged), or a warning (untagged)."},
    {"BAD", "BAD: the command was not understood (a protocol or syntax error)."},
    {"BYE", "BYE: the server is about to close the connection."},
    {"PREAUTH", "PREAUTH: a greeting saying the client is already authenticated."},
    {"+", "+: the server is ready for the rest of the command (a literal or a SASL response)."},
};

// RFC 5321 section 4.2.1: what the first digit says.
constexpr const char* kSmtpClasses[] = {
    "",
    "1xx: positive preliminary reply.",
    "2xx: positive completion: the command succeeded.",
    "3xx: positive intermediate: the server waits for more (the message after DATA, a SASL response).",
    "4xx: transient failure: the command failed, but may succeed if tried again later.",
    "5xx: permanent failure: the command failed and should not be repeated as is.",
};

std::string_view find(std::span<const Explanation> table, std::string_view key) {
    for (const auto& e : table)
        if (iequals(key, e.verb)) return e.sentence;
    return {};
}

}  // namespace

std::string_view explain_command(MailProtocol p, std::string_view verb) {
    switch (p) {
        case MailProtocol::Smtp: return find(kSmtp, verb);
        case MailProtocol::Pop3: return find(kPop3, verb);
        case MailProtocol::Imap: return find(kImap, verb);
        case MailProtocol::Unknown: break;
    }
    return {};
}

std::string explain_reply(MailProtocol p, std::string_view status) {
    switch (p) {
        case MailProtocol::Smtp: {
            if (status.size() != 3 || status[0] < '1' || status[0] > '5' || status[1] < '0' || status[1] > '9' ||
                status[2] < '0' || status[2] > '9')
                return {};
            std::string out = kSmtpClasses[status[0] - '0'];
            unsigned code = unsigned(status[0] - '0') * 100 + unsigned(status[1] - '0') * 10 + unsigned(status[2] - '0');
            for (const auto& v : smtp::kReplyCodeNames)
                if (v.value == code) out += " " + std::to_string(code) + ": " + v.name + ".";
            return out;
        }
        case MailProtocol::Pop3: return std::string(find(kPop3Replies, status));
        case MailProtocol::Imap: return std::string(find(kImapReplies, status));
        case MailProtocol::Unknown: break;
    }
    return {};
}

}  // namespace ms::ui
