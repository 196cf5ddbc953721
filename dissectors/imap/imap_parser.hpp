// The IMAP session as a pure, incremental state machine over the two
// reassembled byte streams. It knows nothing of trees or frames: it frames
// lines and {n} literals, tokenizes commands and responses (which may span
// several lines joined by literals), matches tagged responses to their
// commands, follows the session state, and switches a connection to TLS
// (STARTTLS) or deflate (COMPRESS). It reports events with stream offsets
// and the position of each piece in the bytes it was given. Any split of
// the input produces the same events, apart from how literal bytes are
// chunked.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "deflate_stream.hpp"
#include "dissectors/core/limits.hpp"
#include "dissectors/core/line_framer.hpp"
#include "dissectors/core/stream_dissector.hpp"
#include "imap_commands.hpp"
#include "imap_fields.hpp"
#include "imap_tokens.hpp"

namespace ms::imap {

// One line as it sits in the stream (or in the inflated stream).
struct LineInfo {
    Dir dir = Dir::ToServer;
    uint64_t offset = 0;       // stream offset of the first byte
    uint64_t wire_length = 0;  // terminator included
    std::string_view text;     // without terminator (capped at the line limit)
    uint8_t terminator = 2;    // 2 CRLF, 1 bare LF, 0 none
    bool truncated = false;
    bool in_input = false;     // wholly inside the bytes being fed now
    std::size_t input_pos = 0; // its position there
};

enum class MessageKind : uint8_t {
    Command,       // tag command args
    Tagged,        // tag OK/NO/BAD text
    Untagged,      // "* ..." data or status
    Continuation,  // "+ text"
};

// One command or response: its lines (segments) joined by literals.
struct ImapMessage {
    Dir dir = Dir::ToServer;
    MessageKind kind = MessageKind::Command;
    TokenList toks;
    uint32_t segments = 0;   // lines seen so far
    uint64_t offset = 0;     // stream offset of the first line
    // Commands
    Command cmd = Command::Unknown;
    bool uid = false;
    std::size_t args = 2;    // index of the first argument token
    // Responses
    std::string keyword;     // status word, or data keyword (CAPABILITY, FETCH, EXISTS ...)
    bool has_number = false; // "* 3 EXISTS"
    std::string_view tag() const { return toks.value(0); }
};

struct SegmentEvent {
    SegmentEvent(const ImapMessage& m, const LineInfo& l) : msg(m), line(l) {}
    const ImapMessage& msg;
    LineInfo line;
    uint32_t segment = 0;                // 0-based
    std::size_t tok_begin = 0, tok_end = 0;  // tokens completed by this line
    bool first = true;
    bool last = true;                    // no literal follows
    // Session, for commands (as it stood when the command was sent).
    SessionState state = SessionState::NotAuthenticated;
    std::string_view mailbox;
    bool read_only = false;
    // Tagged responses: the command answered.
    bool matched = false;
    Command request = Command::Unknown;
    bool request_uid = false;
    uint64_t request_frame = 0;
    int64_t request_ts = 0;
    SessionState state_after = SessionState::NotAuthenticated;
    // Continuations inside AUTHENTICATE carry a base64 challenge.
    bool sasl_challenge = false;
};

enum class SaslMech : uint8_t { Other, Plain, Login, CramMd5, XOAuth2 };
SaslMech sasl_mech_from_name(std::string_view name);

// A client line inside AUTHENTICATE (base64, or "*" to cancel).
struct SaslEvent {
    LineInfo line;
    SaslMech mech = SaslMech::Other;
    uint32_t step = 0;  // 0 = first response after the command
};

enum class OpaqueKind : uint8_t { Tls, Compressed };

class ImapEvents {
public:
    virtual ~ImapEvents() = default;
    // The parser is about to frame these bytes: `inflated` ones come from
    // the deflate stream (offsets in the inflated stream).
    virtual void on_input(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, bool inflated) {
        (void)dir, (void)offset, (void)bytes, (void)inflated;
    }
    // Compressed bytes at `offset` (plain stream) inflated to `inflated` bytes.
    virtual void on_compressed(Dir dir, uint64_t offset, uint64_t length, uint64_t inflated) {
        (void)dir, (void)offset, (void)length, (void)inflated;
    }
    virtual void on_segment(const SegmentEvent&) {}
    virtual void on_sasl(const SaslEvent&) {}
    virtual void on_idle_done(const LineInfo&) {}
    // An empty or unparseable line outside any command or response.
    virtual void on_other_line(const LineInfo&) {}
    virtual void on_literal_begin(Dir dir, uint64_t offset, uint64_t size, bool message) {
        (void)dir, (void)offset, (void)size, (void)message;
    }
    virtual void on_literal_data(Dir dir, const RawRun& run, bool message) { (void)dir, (void)run, (void)message; }
    virtual void on_literal_end(Dir dir, uint64_t size, uint64_t received, bool complete, bool message) {
        (void)dir, (void)size, (void)received, (void)complete, (void)message;
    }
    // Bytes that are not IMAP: TLS after STARTTLS, or compressed data that
    // cannot be inflated. `input_pos` is their position in the fed bytes.
    virtual void on_opaque(Dir dir, OpaqueKind kind, uint64_t offset, uint64_t length, std::size_t input_pos) {
        (void)dir, (void)kind, (void)offset, (void)length, (void)input_pos;
    }
    virtual void on_expert(Dir dir, uint64_t offset, uint64_t length, imap_experts::Expert e, std::string text) {
        (void)dir, (void)offset, (void)length, (void)e, (void)text;
    }
};

// Where the current bytes were captured, kept with pending commands so a
// response can name its request's frame and time.
struct FeedStamp {
    uint64_t frame = 0;
    int64_t ts_ns = 0;
};

class ImapParser {
public:
    // Non-message literal bytes kept as token values (mailbox names, subjects).
    static constexpr std::size_t kLiteralCapture = 1024;

    explicit ImapParser(const Limits& limits = Limits{});

    void feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp, ImapEvents& ev);
    void gap(Dir dir, uint64_t offset, uint64_t length, ImapEvents& ev);
    void end(Dir dir, ImapEvents& ev);

    // ---- state, for tests and the adapter ----
    enum class Mode : uint8_t { Plain, Tls, Deflate, Broken };
    Mode mode(Dir d) const { return side(d).mode; }
    SessionState state() const { return state_; }
    const std::string& mailbox() const { return mailbox_; }
    bool read_only() const { return read_only_; }
    std::size_t pending() const { return pending_.size(); }
    bool capability(std::string_view name) const;
    bool in_literal(Dir d) const { return side(d).literal_active; }

private:
    struct Pending {
        std::string tag;
        Command cmd = Command::Unknown;
        bool uid = false;
        FeedStamp stamp;
        std::string mailbox;  // SELECT/EXAMINE target (UTF-8)
    };
    struct Side {
        explicit Side(uint32_t max_line) : framer(max_line) {}
        LineFramer framer;
        Mode mode = Mode::Plain;
        std::unique_ptr<ImapMessage> msg;  // a message continuing after a literal
        // The literal being read.
        bool literal_active = false;
        bool literal_message = false;
        bool literal_gap = false;
        std::size_t literal_token = SIZE_MAX;
        uint64_t literal_size = 0, literal_got = 0, literal_offset = 0;
        bool literal_sync = false;
        // COMPRESS=DEFLATE
        std::unique_ptr<DeflateStream> inflater;
        uint64_t inflated_offset = 0;
        bool seen = false;
    };

    Side& side(Dir d) { return *sides_[d == Dir::ToServer ? 0 : 1]; }
    const Side& side(Dir d) const { return *sides_[d == Dir::ToServer ? 0 : 1]; }

    // Frames `bytes` (plain or inflated) and handles what comes out. Returns
    // how many were used: less than all when the mode switched mid-way.
    std::size_t frame_bytes(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, bool inflated, ImapEvents& ev);
    void feed_deflate(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, ImapEvents& ev);
    void handle_line(Dir dir, const FramedLine& fl, ImapEvents& ev);
    void handle_raw(Dir dir, const RawRun& raw, ImapEvents& ev);
    void client_line(const LineInfo& li, ImapEvents& ev);
    void server_line(const LineInfo& li, ImapEvents& ev);
    // Tokenizes a line into `m` and reports it; starts a literal when the
    // line announces one. Returns true when the message is complete.
    LineScan scan_segment(ImapMessage& m, const LineInfo& li, SegmentEvent& se);
    // Reports the segment, its expert items and its literal; true when the
    // message is complete.
    bool report_segment(ImapMessage& m, const LineInfo& li, const LineScan& scan, SegmentEvent& se, ImapEvents& ev);
    // Returns false when the marker's size cannot frame the stream.
    bool start_literal(Dir dir, ImapMessage& m, const LineInfo& li, const LineScan& scan, ImapEvents& ev);
    void finish_literal(Dir dir, bool complete, ImapEvents& ev);
    bool literal_is_message(const ImapMessage& m, std::size_t lit) const;
    void new_command(ImapMessage& m, const LineInfo& li, SegmentEvent& se);
    void command_done(const ImapMessage& m);
    void response_first(ImapMessage& m, const LineInfo& li, SegmentEvent& se, ImapEvents& ev);
    void apply_tagged(const ImapMessage& m, const Pending& p, const LineInfo& li, ImapEvents& ev);
    // Bytes lost from the framed stream (a TCP gap, or inflated bytes over the limit).
    void framer_gap(Dir dir, uint64_t offset, uint64_t length, ImapEvents& ev);
    void note_capabilities(const ImapMessage& m, std::size_t from, std::size_t to);
    void switch_mode(Mode m);
    void abandon(Dir dir, ImapEvents& ev);
    void note(Dir dir, uint64_t offset, uint64_t length, imap_experts::Expert e, std::string text);
    void flush(ImapEvents& ev);

    struct Deferred {
        Dir dir;
        uint64_t offset, length;
        imap_experts::Expert e;
        std::string text;
    };
    // Expert items about a line wait until its event has been reported, so
    // they land under it.
    std::vector<Deferred> deferred_;
    uint32_t max_line_ = 65536;
    std::vector<uint8_t> inflated_;  // one delivery's inflated bytes (reused)

    Limits limits_;
    std::unique_ptr<Side> sides_[2];
    FeedStamp stamp_;

    // Session
    SessionState state_ = SessionState::NotAuthenticated;
    std::string mailbox_;
    bool read_only_ = false;
    std::deque<Pending> pending_;
    bool greeting_seen_ = false;
    // Capabilities last advertised.
    bool cap_starttls_ = false, cap_logindisabled_ = false, cap_compress_ = false, cap_literal_plus_ = false;
    bool cap_known_ = false;
    std::string capabilities_;  // space-separated, upper case, bounded
    // AUTHENTICATE / IDLE in progress
    bool auth_active_ = false;
    bool auth_prompted_ = false;
    std::string auth_tag_;
    SaslMech auth_mech_ = SaslMech::Other;
    uint32_t auth_step_ = 0;
    bool idle_active_ = false;
    std::string idle_tag_;
    // Mode switches wait for the tagged OK.
    Mode pending_switch_ = Mode::Plain;
};

// Modified UTF-7 mailbox name to UTF-8 (INBOX is case-insensitive: kept as sent).
std::string mailbox_utf8(std::string_view wire, bool* valid = nullptr);

}  // namespace ms::imap
