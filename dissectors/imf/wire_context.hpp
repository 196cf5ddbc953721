// What the capture knows about a message beyond its bytes: the SMTP session
// that carried it, the capture time, and an earlier message of the capture
// with the same Message-ID. The Received checks and the duplicate notes of
// the message tree read it (received_checks.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ms::imf {

// The two ends of an SMTP session, as the wire showed them ("" = not seen).
struct SmtpEnds {
    std::string client_helo;  // the HELO/EHLO argument
    std::string server_host;  // the name in the server's EHLO reply or greeting
    std::string client_ip;    // the TCP client's address, as text
    bool operator==(const SmtpEnds&) const = default;
};

struct WireContext {
    bool known = false;           // false: checks against the wire are skipped
    int64_t frame_ts_ns = 0;      // when the frame that ended the message was captured
    std::optional<SmtpEnds> smtp; // the session that carried this message, when SMTP
    // An earlier message of the capture with the same Message-ID.
    uint64_t duplicate_of = 0;    // its frame, 0 = none
    // The earliest SMTP session that carried that Message-ID, when it is an
    // earlier message: the server of that session added a Received header
    // describing it, which a later copy (POP3/IMAP, a relay) should show.
    std::optional<SmtpEnds> earlier_smtp;
    uint64_t earlier_smtp_frame = 0;
    bool duplicate_check_stopped = false;  // this message is where the remembered set filled up
};

}  // namespace ms::imf
