// The POP3 session as a pure, incremental state machine over the two
// reassembled byte streams. It knows nothing of trees or frames: it reports
// events with stream byte ranges. Any split of the input produces the same
// events, apart from how message bytes and raw data are chunked.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>

#include "dissectors/core/limits.hpp"
#include "dissectors/core/line_framer.hpp"
#include "dissectors/core/stream_dissector.hpp"
#include "pop3_fields.hpp"
#include "pop3_mailbox.hpp"
#include "pop3_sasl.hpp"
#include "pop3_syntax.hpp"

namespace ms::pop3 {

// One line as it sits in the stream.
struct LineView {
    Dir dir = Dir::ToServer;
    uint64_t offset = 0;       // stream offset of the first byte
    uint64_t wire_length = 0;  // terminator included
    std::string_view text;     // without terminator (capped at the line limit)
    uint8_t terminator = 2;    // 2 CRLF, 1 bare LF, 0 none
    bool truncated = false;
};

struct RequestEvent {
    LineView line;
    Command cmd = Command::Unknown;
    RequestLine parts;
    SessionState state = SessionState::Authorization;  // state the command was sent in
    MessageArgs args;              // RETR, TOP, DELE, LIST, UIDL
    // APOP: name, digest and the greeting's timestamp they hash.
    std::string_view apop_name, apop_digest, apop_timestamp;
    // AUTH: mechanism and optional initial response.
    std::string_view mechanism, initial_response;
    AuthMech mech = AuthMech::None;
};

// A client line inside an AUTH exchange.
struct SaslLineEvent {
    LineView line;
    AuthMech mech = AuthMech::None;
    AuthStep step = AuthStep::Response;
};

// A server "+ challenge" line inside an AUTH exchange.
struct ChallengeEvent {
    LineView line;
    std::string_view payload;  // base64 after "+ "
};

struct ResponseEvent {
    LineView line;
    StatusLine status;
    bool greeting = false;
    std::string_view apop_timestamp;  // greeting only
    bool multiline = false;           // lines ended by "." follow
    // The request this answers.
    bool matched = false;
    Command request = Command::Unknown;
    bool request_has_arg = false;
    uint64_t request_frame = 0;
    int64_t request_ts = 0;
    MessageArgs args;
    // STAT / LIST n figures.
    bool has_figures = false;
    uint64_t first = 0, second = 0;
    // QUIT answered: the session's view of the maildrop.
    bool mailbox_summary = false;
    bool update = false;             // QUIT in TRANSACTION: the marks took effect
    const Mailbox* mailbox = nullptr;
};

enum class ListingKind : uint8_t { Scan, Uid, Capability, Mechanism, Other, End };

// One line of a LIST/UIDL/CAPA/AUTH multi-line answer.
struct ListingLineEvent {
    LineView line;
    Command request = Command::Unknown;
    ListingKind kind = ListingKind::Other;
    std::string_view content;  // byte-stuffing removed
    bool parsed = false;       // the numbers/tokens below are valid
    uint64_t msg = 0, size = 0;
    std::string_view uid, name, args;
};

enum class MessageEndReason : uint8_t { Dot, Unterminated, Gap };

enum class RawKind : uint8_t { Tls, NotPop, Unexpected };

class Pop3Events {
public:
    virtual ~Pop3Events() = default;
    virtual void on_request(const RequestEvent&) {}
    virtual void on_sasl_line(const SaslLineEvent&) {}
    virtual void on_challenge(const ChallengeEvent&) {}
    virtual void on_response(const ResponseEvent&) {}
    virtual void on_listing_line(const ListingLineEvent&) {}
    // RETR/TOP content. on_message_raw: wire bytes (still byte-stuffed,
    // the final ".CRLF" included); on_message_data: the message itself.
    virtual void on_message_begin(Command request, uint64_t msg, uint64_t offset) { (void)request, (void)msg, (void)offset; }
    virtual void on_message_raw(uint64_t offset, uint64_t length) { (void)offset, (void)length; }
    virtual void on_message_data(std::span<const uint8_t> bytes) { (void)bytes; }
    struct MessageEnd {
        MessageEndReason why = MessageEndReason::Dot;
        Command request = Command::Retr;
        uint64_t msg = 0;
        uint64_t end_offset = 0;   // where the terminator (or the cut) is
        uint64_t bytes = 0;        // content handed on
        bool has_expected = false; // a size announced by LIST or the +OK line
        uint64_t expected = 0;
        bool expected_from_list = false;
    };
    virtual void on_message_end(const MessageEnd&) {}
    virtual void on_raw(Dir dir, uint64_t offset, uint64_t length, RawKind kind) {
        (void)dir, (void)offset, (void)length, (void)kind;
    }
    virtual void on_expert(Dir dir, uint64_t offset, uint64_t length, pop3_experts::Expert e, std::string text) {
        (void)dir, (void)offset, (void)length, (void)e, (void)text;
    }
};

// Where the current bytes were captured, kept with pending requests.
struct FeedStamp {
    uint64_t frame = 0;
    int64_t ts_ns = 0;
};

class Pop3Parser {
public:
    explicit Pop3Parser(const Limits& limits = Limits{});

    void feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp, Pop3Events& ev);
    void gap(Dir dir, uint64_t offset, uint64_t length, Pop3Events& ev);
    void end(Dir dir, Pop3Events& ev);

    // ---- state, for tests and the adapter ----
    enum class Mode : uint8_t { Pop, Tls, NotPop };
    Mode mode() const { return mode_; }
    SessionState state() const { return state_; }
    std::size_t pending() const { return pending_.size(); }
    const Mailbox& mailbox() const { return mailbox_; }
    bool in_multiline() const { return ml_ != Multiline::None; }
    bool auth_active() const { return auth_active_; }

private:
    struct Pending {
        Command cmd;
        bool has_arg;
        MessageArgs args;
        FeedStamp stamp;
    };
    enum class Multiline : uint8_t { None, Listing, Message };
    // Byte-stuffing / terminator detection inside a RETR/TOP answer.
    enum class DotState : uint8_t { LineStart, Mid, Dot, DotCR };

    void client_bytes(Pop3Events& ev);
    void server_bytes(Pop3Events& ev);
    void client_line(const FramedLine& fl, Pop3Events& ev);
    void server_line(const FramedLine& fl, Pop3Events& ev);
    void listing_line(const LineView& v, Pop3Events& ev);
    void status_line(const LineView& v, Pop3Events& ev);
    void apply_response(const Pending& p, ResponseEvent& r, Pop3Events& ev);
    void line_experts(Dir dir, const FramedLine& fl, bool limit_512, Pop3Events& ev);
    void scan_message(Pop3Events& ev);
    void begin_message(const Pending& p, uint64_t offset, const StatusLine& st, Pop3Events& ev);
    void end_message(MessageEndReason why, uint64_t end_offset, Pop3Events& ev);
    void to_raw(Mode m, Pop3Events& ev);
    void drain_raw(Dir dir, Pop3Events& ev);

    Limits limits_;
    LineFramer framer_[2];
    FeedStamp stamp_;
    Mode mode_ = Mode::Pop;
    SessionState state_ = SessionState::Authorization;

    bool greeting_seen_ = false;
    bool server_spoke_ = false;
    bool client_spoke_ = false;
    std::string apop_timestamp_;  // from the greeting (bounded by the line limit)
    bool stls_offered_ = false;
    bool user_sent_ = false;
    bool quit_sent_ = false;

    // AUTH exchange
    bool auth_active_ = false;
    AuthMech auth_mech_ = AuthMech::None;
    uint32_t auth_responses_ = 0;

    // Multi-line answer in progress
    Multiline ml_ = Multiline::None;
    Command ml_request_ = Command::Unknown;
    uint64_t ml_msg_ = 0;
    DotState dot_ = DotState::LineStart;
    uint64_t dot_offset_ = 0;       // where a line-leading dot sits (terminator candidate)
    bool msg_cut_ = false;          // a gap cut the message: bytes no longer handed on
    uint64_t msg_bytes_ = 0;
    bool msg_has_expected_ = false;
    bool msg_expected_from_list_ = false;
    uint64_t msg_expected_ = 0;

    std::deque<Pending> pending_;
    Mailbox mailbox_;
};

}  // namespace ms::pop3
