// What one load of a capture learns besides the packet rows: the messages
// the transports carried, the credentials seen in clear, expert totals.
// Qt-free; small (per message / per login, not per frame).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dissectors/imf/message_summary.hpp"

namespace ms::imf {
struct DeferredIdCheck;
}

namespace ms::ui {

struct MessageRecord {
    uint64_t ordinal = 0;        // 0-based order in which messages began (re-runs find it by this)
    uint64_t begin_frame = 0;    // frame where the message started
    uint64_t end_frame = 0;      // frame whose tree holds the IMF subtree
    int64_t rel_ns = 0;          // time of the end frame, since the first frame
    int64_t tcp_stream = -1;
    std::string transport;       // "smtp", "pop", "imap"
    // SMTP: the transaction's MAIL FROM path and RCPT TO paths (", "-joined).
    std::string envelope_from, envelope_to;
    bool complete = true;
    imf::MessageSummary summary;
    // Decoded header lines "Name: value\n" as shown in the IMF tree, in one
    // string (one allocation per message, not one per header line).
    std::string headers;
    std::size_t header_lines = 0;
    // What the message layer noted about it, "; "-joined (at most
    // MessageCollector::kMaxProblems of them; problem_count counts all).
    std::string problems;
    uint32_t problem_count = 0;
    // Until the loading pass has checked the Message-ID against the earlier
    // messages (apply_message_id_check); never stored.
    std::shared_ptr<const imf::DeferredIdCheck> id_check;
};

enum class LoginVerdict : uint8_t { Unknown, Accepted, Rejected };

struct CredentialRecord {
    uint64_t frame = 0;          // first frame that showed part of it
    int64_t tcp_stream = -1;
    std::string protocol;        // "SMTP", "POP", "IMAP"
    std::string server;          // "10.0.0.1:25", "[2001:db8::1]:143"
    std::string username, password;
    std::string mechanism;       // "LOGIN", "PLAIN", "USER/PASS", ...
    // The server's answer: the first final reply after the credentials
    // (SMTP 2xx/4xx/5xx, POP3 +OK/-ERR, IMAP's tagged OK/NO/BAD).
    LoginVerdict verdict = LoginVerdict::Unknown;
    uint64_t verdict_frame = 0;
};

struct ExpertCounts {
    // Indexed by ms::Severity (Comment, Chat, Note, Warn, Error).
    std::array<uint64_t, 5> frames_by_severity{};
};

}  // namespace ms::ui
