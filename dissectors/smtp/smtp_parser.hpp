// The SMTP session as a pure, incremental state machine over the two
// reassembled byte streams. It knows nothing of trees or frames: it reports
// events with stream byte ranges, and its whole state is a copyable value
// (checkpoint it at a PDU start, replay from there). Any split of the input
// produces the same events, apart from how message bytes are chunked.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>

#include "bdat_arg.hpp"
#include "dissectors/core/limits.hpp"
#include "dissectors/core/line_framer.hpp"
#include "dissectors/core/stream_dissector.hpp"
#include "smtp_commands.hpp"
#include "smtp_fields.hpp"

namespace ms::smtp {

// One command or reply line as it sits in the stream.
struct LineView {
    Dir dir = Dir::ToServer;
    uint64_t offset = 0;       // stream offset of the first byte
    uint64_t wire_length = 0;  // terminator included
    std::string_view text;     // without terminator (capped at the line limit)
    uint8_t terminator = 2;    // 2 CRLF, 1 bare LF, 0 none
    bool truncated = false;
};

struct CommandEvent {
    LineView line;
    Command cmd = Command::Unknown;
    CommandLine parts;
    BdatArg bdat;          // for BDAT
    AuthMech auth = AuthMech::None;  // for AUTH
};

enum class AuthStep : uint8_t {
    Response,    // a mechanism's response we do not interpret
    Username,    // LOGIN: the username line
    Password,    // LOGIN: the password line
    Credentials, // PLAIN: authzid NUL authcid NUL password
    CramMd5,     // "user digest"
    XOAuth2,     // user=...^Aauth=Bearer ...^A^A
    Cancel,      // "*"
};

struct AuthLineEvent {
    LineView line;
    AuthMech mech = AuthMech::None;
    AuthStep step = AuthStep::Response;
};

struct ReplyLineEvent {
    LineView line;
    uint16_t code = 0;        // 0 when the line has no valid code
    bool first = true;        // first line of its reply
    bool last = true;         // "xyz " or bare "xyz" (not "xyz-")
    bool code_mismatch = false;  // a continuation with another code than the first line
    std::string_view text;    // after "xyz " / "xyz-"
    // The request this reply answers (known for every line of the reply).
    bool matched = false;
    Command request = Command::Unknown;
    uint64_t request_frame = 0;
    int64_t request_ts = 0;
    AuthMech auth = AuthMech::None;  // while an AUTH exchange runs
};

enum class MessageKind : uint8_t { Data, Bdat };
enum class MessageEndReason : uint8_t {
    Dot,           // CRLF.CRLF
    BdatLast,      // the LAST chunk ended
    Unterminated,  // the stream ended first
    Resynced,      // a reply showed the message had ended inside a gap
};

// Everything the parser reports. Spans are valid only during the call.
class SmtpEvents {
public:
    virtual ~SmtpEvents() = default;
    virtual void on_command(const CommandEvent&) {}
    virtual void on_auth_line(const AuthLineEvent&) {}
    virtual void on_reply_line(const ReplyLineEvent&) {}
    // Raw stream bytes that belong to the message (still dot-stuffed for DATA).
    virtual void on_message_raw(uint64_t offset, uint64_t length) { (void)offset, (void)length; }
    virtual void on_message_begin(MessageKind kind, uint64_t offset) { (void)kind, (void)offset; }
    // The message content itself (dot-stuffing removed), in order.
    virtual void on_message_data(std::span<const uint8_t> bytes) { (void)bytes; }
    virtual void on_message_end(MessageEndReason why, uint64_t eom_offset, uint64_t eom_length,
                                uint64_t message_bytes) {
        (void)why, (void)eom_offset, (void)eom_length, (void)message_bytes;
    }
    virtual void on_tls_data(Dir dir, uint64_t offset, uint64_t length) { (void)dir, (void)offset, (void)length; }
    virtual void on_expert(Dir dir, uint64_t offset, uint64_t length, smtp_experts::Expert e,
                           std::string text) {
        (void)dir, (void)offset, (void)length, (void)e, (void)text;
    }
};

// Where the current bytes were captured, stored with pending commands so a
// reply can name its request's frame and time.
struct FeedStamp {
    uint64_t frame = 0;
    int64_t ts_ns = 0;
};

class SmtpParser {
public:
    explicit SmtpParser(const Limits& limits = Limits{});

    void feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp,
              SmtpEvents& ev);
    void gap(Dir dir, uint64_t offset, uint64_t length, SmtpEvents& ev);
    void end(Dir dir, SmtpEvents& ev);

    // ---- state, for tests and the adapter ----
    enum class ClientMode : uint8_t { Commands, Data, Bdat, Tls };
    ClientMode client_mode() const { return client_mode_; }
    bool server_tls() const { return server_tls_; }
    bool announced(std::string_view ext) const;
    std::size_t pending() const { return pending_.size(); }

private:
    struct Pending {
        Command cmd;
        FeedStamp stamp;
        uint64_t offset;
    };
    // The state of CRLF.CRLF detection and dot removal inside DATA.
    enum class DotState : uint8_t { LineStart, Mid, Dot, DotCR };

    void client_bytes(SmtpEvents& ev);
    void server_bytes(SmtpEvents& ev);
    void client_line(const FramedLine& fl, SmtpEvents& ev);
    void server_line(const FramedLine& fl, SmtpEvents& ev);
    void line_experts(Dir dir, const FramedLine& fl, SmtpEvents& ev);
    void scan_data(SmtpEvents& ev);
    std::size_t skip_to_line_end(std::span<const uint8_t> in, std::size_t i, uint64_t base, SmtpEvents& ev);
    void bdat_raw(const RawRun& raw, SmtpEvents& ev);
    void begin_message(MessageKind kind, uint64_t offset, SmtpEvents& ev);
    void end_message(MessageEndReason why, uint64_t eom_offset, uint64_t eom_length, SmtpEvents& ev);
    void apply_reply(Command request, uint16_t code, SmtpEvents& ev);
    void push_pending(Command c, uint64_t offset, SmtpEvents& ev);
    void reset_transaction();
    void note_extension(std::string_view keyword);

    Limits limits_;
    LineFramer framer_[2];
    FeedStamp stamp_;

    // Client side
    ClientMode client_mode_ = ClientMode::Commands;
    DotState dot_ = DotState::LineStart;
    bool data_prev_cr_ = false;
    uint64_t data_line_len_ = 0;
    bool data_bare_lf_reported_ = false;
    bool data_long_line_reported_ = false;
    uint64_t dot_offset_ = 0;      // where a line-leading dot sits (EOM candidate)
    bool in_message_ = false;
    MessageKind message_kind_ = MessageKind::Data;
    bool message_gap_ = false;     // part of the current message was lost
    uint64_t message_bytes_ = 0;   // unstuffed bytes handed on so far
    bool bdat_last_ = false;       // the chunk in progress is the LAST one
    bool quit_sent_ = false;
    bool after_quit_reported_ = false;
    bool starttls_sent_ = false;

    // AUTH exchange
    bool auth_active_ = false;
    bool auth_prompted_ = false;   // a 334 came since the last client line
    AuthMech auth_mech_ = AuthMech::None;
    uint32_t auth_lines_ = 0;

    // Transaction (for out-of-order notes)
    bool mail_seen_ = false;
    uint32_t rcpt_sent_ = 0, rcpt_answered_ = 0, rcpt_accepted_ = 0;

    // Server side
    bool server_seen_ = false;
    bool client_seen_ = false;
    bool server_tls_ = false;
    bool in_multiline_ = false;
    uint16_t multiline_code_ = 0;
    bool ext_pipelining_ = false, ext_chunking_ = false, ext_starttls_ = false;
    bool greeting_pending_ = true;

    std::deque<Pending> pending_;
};

}  // namespace ms::smtp
