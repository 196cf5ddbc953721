// The session dialogue of one followed TCP stream: the SMTP, POP3 or IMAP
// conversation cut into turns, one per client command or server reply, with
// message bodies (after DATA, BDAT chunks, inside a RETR/TOP reply, large
// IMAP literals) collapsed into one "message, N bytes" turn and everything
// after STARTTLS/STLS (or COMPRESS) into "TLS, N bytes" turns. Replies are
// tied to the command they answer (in order for SMTP and POP3, pipelining
// included; by tag for IMAP). The result does not depend on where the
// capture cut the bytes into segments. Qt-free; every size is bounded.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "ui/mail_protocol.hpp"
#include "ui/stream_follower.hpp"

namespace ms::ui {

struct DialogueTurn {
    enum class Kind : uint8_t {
        Command,       // a client command line (IMAP: with its small literals inline)
        SaslResponse,  // a client line answering an AUTH/AUTHENTICATE challenge
        Reply,         // a server reply (SMTP: all lines of a multi-line reply)
        Continuation,  // the rest of an IMAP line after a large literal
        Message,       // a message body or large literal, `bytes` long
        Tls,           // `bytes` of TLS records
        Compressed,    // `bytes` of IMAP COMPRESS=DEFLATE data
        Gap,           // bytes missing in the capture (lines[0] says how many)
    };
    Kind kind = Kind::Command;
    bool from_server = false;
    uint64_t frame = 0;               // the frame holding the turn's first byte
    std::vector<std::string> lines;   // without CRLF, control bytes shown as '.'
    uint64_t more_lines = 0;          // lines past kMaxLinesPerTurn, not kept
    bool line_cut = false;            // a line was longer than kMaxLineChars
    uint64_t bytes = 0;               // Message, Tls, Compressed
    // Command: the verb upper-cased ("RCPT", "UID FETCH"); Reply: the status
    // ("250", "+OK", "-ERR", "OK", "+"), or an IMAP untagged response's name
    // ("CAPABILITY", "EXISTS"); "" when the line has none.
    std::string keyword;
    std::string tag;                  // IMAP tag of a command or tagged reply
    bool untagged = false;            // IMAP "* ..." response
    int64_t answers = -1;             // Reply: index of the turn it answers
};

struct SessionDialogue {
    MailProtocol protocol = MailProtocol::Unknown;
    uint64_t stream = 0;            // tcp.stream
    std::string client, server;     // "addr:port"
    std::vector<DialogueTurn> turns;
    uint64_t omitted_turns = 0;     // turns past kMaxTurns, counted only
    bool stream_truncated = false;  // the follower stopped at its byte limit

    static constexpr std::size_t kMaxTurns = 5000;
    static constexpr std::size_t kMaxLinesPerTurn = 200;
    static constexpr std::size_t kMaxLineChars = 1000;
    // IMAP literals up to this size without a line break stay inside their
    // line (LOGIN {5}alice); others become a Message turn.
    static constexpr uint64_t kMaxInlineLiteral = 256;
};

// Feeds one stream's chunks in capture order; finish() returns the turns in
// the order of the frames they start in (an IMAP command whose synchronizing
// literal waited for the server's "+" comes before that "+").
class DialogueBuilder {
public:
    explicit DialogueBuilder(MailProtocol protocol);
    void feed(bool from_server, uint64_t frame, std::string_view bytes);
    void gap(bool from_server, uint64_t frame, std::string_view marker);
    SessionDialogue finish();

private:
    enum class Mode : uint8_t { Lines, DotMessage, Counted, InlineLiteral };
    enum class Opaque : uint8_t { None, Tls, Compressed };
    struct Side {
        Mode mode = Mode::Lines;
        bool seen_bytes = false;
        std::string line;             // the logical line so far (capped)
        bool line_started = false, line_cut = false;
        uint64_t line_frame = 0;
        bool continuation = false;    // the next line follows a large literal
        uint64_t remaining = 0;       // Counted / InlineLiteral bytes still due
        std::string literal;          // InlineLiteral: the bytes so far
        uint64_t literal_frame = 0;
        uint64_t blob_bytes = 0, blob_frame = 0;  // DotMessage / Counted
        bool blob_started = false;
        uint64_t msg_line_len = 0;    // DotMessage: the current body line
        char msg_line_head[2] = {0, 0};
        bool open = false;            // `turn` is a multi-line reply being collected
        DialogueTurn turn;
    };
    struct Pending {
        int64_t turn = -1;
        std::string verb, tag;
        bool has_arg = false;
    };

    Side& side(bool server) { return server ? server_ : client_; }
    void take_line_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes);
    void take_message_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes);
    void take_counted_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes);
    void start_counted(Side& s, uint64_t n);
    void start_dot_message(Side& s);
    void end_of_inline_literal(Side& s, bool server);
    void end_of_line(Side& s, bool server);
    void dispatch_line(bool server, std::string line, uint64_t frame, bool cut);
    void smtp_client(std::string line, uint64_t frame, bool cut);
    void smtp_server(Side& s, std::string line, uint64_t frame, bool cut);
    void pop3_client(std::string line, uint64_t frame, bool cut);
    void pop3_server(Side& s, std::string line, uint64_t frame, bool cut);
    void imap_client(std::string line, uint64_t frame, bool cut);
    void imap_server(std::string line, uint64_t frame, bool cut);
    bool authenticate_pending() const;
    void add_opaque(bool server, uint64_t frame, uint64_t n);
    DialogueTurn make_turn(DialogueTurn::Kind kind, bool server, uint64_t frame, std::string line, bool cut);
    void keep_line(DialogueTurn& t, std::string line, bool cut);
    int64_t add_turn(DialogueTurn t);
    void push_pending(Pending p);
    Pending pop_pending();

    MailProtocol protocol_;
    Side client_, server_;
    Opaque opaque_ = Opaque::None;
    bool sasl_ = false;  // the server asked for a SASL response
    std::deque<Pending> pending_;
    int last_opaque_ = -1;      // side of the last TLS/compressed turn (1 = server)
    std::size_t text_bytes_ = 0;  // line text kept so far
    SessionDialogue out_;
};

// The protocol from the server's greeting, else from its port.
MailProtocol detect_protocol(const FollowedStream& stream);
// The whole followed stream as a dialogue.
SessionDialogue build_dialogue(const FollowedStream& stream);

// The tooltip of a turn: what its command or reply means ("" when unknown).
std::string explain_turn(MailProtocol protocol, const DialogueTurn& turn);

}  // namespace ms::ui
