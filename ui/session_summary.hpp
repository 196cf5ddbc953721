// What a session dialogue amounts to, read back from its turns: protocol and
// endpoints, the server's greeting, the HELO/EHLO name, the SMTP envelopes,
// the IMAP mailbox selected, the user who logged in and whether the server
// accepted it, and whether TLS started. Deliberately shallow (first words of
// the lines, not the dissectors' parsers): it labels a dialogue, the packet
// details stay the reference. Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/session_dialogue.hpp"

namespace ms::ui {

// Whether the server accepted a command: from the reply that answered it.
enum class Verdict : uint8_t { NoReply, Accepted, Refused };

struct Recipient {
    std::string address;  // as sent inside TO:<...>
    Verdict verdict = Verdict::NoReply;
};

struct Envelope {
    std::string from;  // MAIL FROM:<...> (empty for the null sender <>)
    Verdict from_verdict = Verdict::NoReply;
    std::vector<Recipient> to;
    uint64_t message_bytes = 0;  // the DATA message or BDAT chunks that followed
    bool message_sent = false;
};

struct SessionSummary {
    MailProtocol protocol = MailProtocol::Unknown;
    std::string client, server;
    std::string greeting;       // the server's first line
    std::string greeting_host;  // SMTP: the name after "220"
    std::string helo_name;      // the last HELO/EHLO argument
    std::vector<Envelope> envelopes;  // SMTP transactions (at most kMaxEnvelopes)
    std::string mailbox;        // IMAP: the last SELECT/EXAMINE the server did not refuse
    bool mailbox_read_only = false;
    bool mailbox_closed = false;  // CLOSE/UNSELECT accepted after it
    std::string user;           // USER, APOP, LOGIN, or the SASL PLAIN/LOGIN/XOAUTH2 user
    std::string login_method;   // "USER/PASS", "LOGIN", "AUTH PLAIN", ...
    Verdict login = Verdict::NoReply;
    bool login_attempted = false;
    bool password_in_clear = false;  // a password was readable in the dialogue
    bool tls = false;           // TLS started (STARTTLS/STLS, or implicit)
    bool compressed = false;    // IMAP COMPRESS
    uint64_t messages = 0;      // message turns (DATA, BDAT, RETR/TOP, literals)

    static constexpr std::size_t kMaxEnvelopes = 64;
    static constexpr std::size_t kMaxRecipients = 256;  // per envelope
};

SessionSummary summarize(const SessionDialogue& d);

// The summary as short "label: value" lines, for the dialog's header.
std::vector<std::pair<std::string, std::string>> summary_rows(const SessionSummary& s);

}  // namespace ms::ui
