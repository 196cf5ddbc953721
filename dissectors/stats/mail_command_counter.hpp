// Counts one mail protocol's commands and replies over dissected frames:
// each command with its response times (smtp.time/pop.time/imap.time on the
// response, matched to the command through *.response_to), each reply by
// code (SMTP), indicator (POP) or status (IMAP). Shared by the CLI's
// -z smtp,stat / pop,stat / imap,stat and the GUI's Statistics > Mail
// Commands, so both always show the same numbers. Qt-free.
//
// Memory follows the number of distinct command and reply names (bounded
// by kMaxKeys, the rest counted as "(other)") and of commands waiting for
// their response (bounded by kMaxPending), never the capture's length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "dissectors/core/frame_context.hpp"

namespace ms::stats {

enum class MailProtocol { Smtp, Pop, Imap };
inline constexpr MailProtocol kMailProtocols[] = {MailProtocol::Smtp, MailProtocol::Pop, MailProtocol::Imap};

// "SMTP", "POP", "IMAP".
const char* mail_protocol_name(MailProtocol p);
// What a reply is counted by: "Reply code", "Indicator", "Status".
const char* mail_reply_heading(MailProtocol p);

// One command name's count and the response times of those answered.
struct MailCommandRow {
    uint64_t count = 0;  // commands sent
    uint64_t timed = 0;  // of them, answered with a response time
    int64_t min_ns = 0, max_ns = 0, sum_ns = 0;
    // Mean response time in seconds, computed one way for every caller so
    // the CLI's and the GUI's six decimals never differ in rounding.
    double avg_seconds() const { return timed ? double(sum_ns) / 1e9 / double(timed) : 0.0; }
};

class MailCommandCounter {
public:
    static constexpr std::size_t kMaxPending = 100'000;
    static constexpr std::size_t kMaxKeys = 10'000;

    // The protocol's fields must be registered already (register_all).
    explicit MailCommandCounter(MailProtocol p);

    MailProtocol protocol() const { return proto_; }
    // Tree fields add_frame reads: the caller keeps them in the tree.
    void wanted_fields(std::vector<FieldId>& out) const;
    // Every frame in capture order, before any display filter.
    void add_frame(const FrameContext& ctx);

    // By command name (upper-cased) and by reply text, in name order.
    const std::map<std::string, MailCommandRow>& commands() const { return commands_; }
    const std::map<std::string, uint64_t>& replies() const { return replies_; }

private:
    MailProtocol proto_;
    FieldId command_, reply_, response_to_, time_;
    std::map<std::string, MailCommandRow> commands_;
    std::map<std::string, uint64_t> replies_;
    // Commands still waiting for their response, by the frame that sent
    // them; bounded (kMaxPending) so unanswered commands cannot pile up.
    std::map<uint64_t, std::deque<std::string>> pending_;
    std::size_t pending_count_ = 0;
};

}  // namespace ms::stats
