#include "ui/session_dialogue.hpp"

#include <algorithm>

#include "dissectors/core/ascii.hpp"
#include "ui/command_explanations.hpp"

namespace ms::ui {

namespace {

// Every line kept in one dialogue, at most: turns x lines x characters
// alone would allow a gigabyte on a hostile stream.
constexpr std::size_t kMaxTextBytes = 16u << 20;
// Commands waiting for their reply (SMTP/POP3 pipelining, IMAP tags).
constexpr std::size_t kMaxPending = 1024;

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_upper(c);
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The first space-separated word and what follows it.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
    s = trim(s);
    std::size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return {s, {}};
    return {s.substr(0, sp), trim(s.substr(sp + 1))};
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A decimal of at most 19 digits.
bool parse_size(std::string_view s, uint64_t& v) {
    if (!all_digits(s) || s.size() > 19) return false;
    v = 0;
    for (char c : s) v = v * 10 + uint64_t(c - '0');
    return true;
}

bool smtp_code(std::string_view line) {
    return line.size() >= 3 && all_digits(line.substr(0, 3)) && (line.size() == 3 || line[3] == ' ' || line[3] == '-');
}

// "... {123}" or "... {123+}" (RFC 7888 non-synchronizing) at the end of an IMAP line.
bool ends_with_literal(std::string_view line, uint64_t& n) {
    if (line.empty() || line.back() != '}') return false;
    std::size_t open = line.rfind('{');
    if (open == std::string_view::npos) return false;
    std::string_view digits = line.substr(open + 1, line.size() - open - 2);
    if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
    return parse_size(digits, n);
}

void show_controls(std::string& line) {
    for (char& c : line)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = '.';
}

}  // namespace

DialogueBuilder::DialogueBuilder(MailProtocol protocol) : protocol_(protocol) { out_.protocol = protocol; }

int64_t DialogueBuilder::add_turn(DialogueTurn t) {
    if (out_.turns.size() >= SessionDialogue::kMaxTurns) {
        ++out_.omitted_turns;
        return -1;
    }
    out_.turns.push_back(std::move(t));
    return int64_t(out_.turns.size() - 1);
}

void DialogueBuilder::keep_line(DialogueTurn& t, std::string line, bool cut) {
    if (t.lines.size() >= SessionDialogue::kMaxLinesPerTurn || text_bytes_ + line.size() > kMaxTextBytes) {
        ++t.more_lines;
        return;
    }
    text_bytes_ += line.size();
    t.lines.push_back(std::move(line));
    t.line_cut = t.line_cut || cut;
}

DialogueTurn DialogueBuilder::make_turn(DialogueTurn::Kind kind, bool server, uint64_t frame, std::string line,
                                        bool cut) {
    DialogueTurn t;
    t.kind = kind;
    t.from_server = server;
    t.frame = frame;
    keep_line(t, std::move(line), cut);
    return t;
}

void DialogueBuilder::push_pending(Pending p) {
    if (pending_.size() >= kMaxPending) pending_.pop_front();
    pending_.push_back(std::move(p));
}

DialogueBuilder::Pending DialogueBuilder::pop_pending() {
    if (pending_.empty()) return {};
    Pending p = std::move(pending_.front());
    pending_.pop_front();
    return p;
}

// ---- bytes to lines ----

void DialogueBuilder::feed(bool server, uint64_t frame, std::string_view bytes) {
    Side& s = side(server);
    if (!s.seen_bytes && !bytes.empty()) {
        s.seen_bytes = true;
        // A TLS handshake record as a side's first byte: implicit TLS (465, 993, 995).
        if (static_cast<unsigned char>(bytes[0]) == 0x16) opaque_ = Opaque::Tls;
    }
    while (!bytes.empty()) {
        if (opaque_ != Opaque::None) {
            add_opaque(server, frame, bytes.size());
            return;
        }
        switch (s.mode) {
            case Mode::Lines: take_line_bytes(s, server, frame, bytes); break;
            case Mode::DotMessage: take_message_bytes(s, server, frame, bytes); break;
            case Mode::Counted:
            case Mode::InlineLiteral: take_counted_bytes(s, server, frame, bytes); break;
        }
    }
}

void DialogueBuilder::gap(bool server, uint64_t frame, std::string_view marker) {
    Side& s = side(server);
    s.seen_bytes = true;
    if (s.mode == Mode::Lines && s.line_started) end_of_line(s, server);
    add_turn(make_turn(DialogueTurn::Kind::Gap, server, frame, std::string(marker), false));
}

void DialogueBuilder::take_line_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes) {
    if (!s.line_started) s.line_started = true, s.line_frame = frame;
    std::size_t lf = bytes.find('\n');
    std::string_view part = bytes.substr(0, lf == std::string_view::npos ? bytes.size() : lf);
    std::size_t room = SessionDialogue::kMaxLineChars - std::min(s.line.size(), SessionDialogue::kMaxLineChars);
    s.line.append(part.substr(0, room));
    // A dropped CR alone is the line's end, not lost text.
    if (part.size() > room && !(part.size() == room + 1 && part.back() == '\r')) s.line_cut = true;
    bytes.remove_prefix(lf == std::string_view::npos ? bytes.size() : lf + 1);
    if (lf != std::string_view::npos) end_of_line(s, server);
}

void DialogueBuilder::take_message_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes) {
    if (!s.blob_started) s.blob_started = true, s.blob_frame = frame;
    std::size_t lf = bytes.find('\n');
    std::string_view part = bytes.substr(0, lf == std::string_view::npos ? bytes.size() : lf);
    for (std::size_t i = 0; i < part.size() && s.msg_line_len + i < 2; ++i) s.msg_line_head[s.msg_line_len + i] = part[i];
    s.msg_line_len += part.size();
    std::size_t taken = lf == std::string_view::npos ? bytes.size() : lf + 1;
    s.blob_bytes += taken;
    bytes.remove_prefix(taken);
    if (lf == std::string_view::npos) return;
    uint64_t line_bytes = s.msg_line_len + 1;
    bool dot = s.msg_line_head[0] == '.' && (s.msg_line_len == 1 || (s.msg_line_len == 2 && s.msg_line_head[1] == '\r'));
    s.msg_line_len = 0;
    s.msg_line_head[0] = s.msg_line_head[1] = 0;
    if (!dot) return;
    // The "." line ends the message and is not part of it.
    DialogueTurn t;
    t.kind = DialogueTurn::Kind::Message;
    t.from_server = server;
    t.frame = s.blob_frame;
    t.bytes = s.blob_bytes - line_bytes;
    s.mode = Mode::Lines;
    s.blob_started = false;
    s.blob_bytes = 0;
    int64_t index = add_turn(std::move(t));
    // SMTP: the server's reply after the message answers the message.
    if (protocol_ == MailProtocol::Smtp && !server) push_pending({index, "<message>", "", false});
}

void DialogueBuilder::take_counted_bytes(Side& s, bool server, uint64_t frame, std::string_view& bytes) {
    uint64_t n = std::min<uint64_t>(s.remaining, bytes.size());
    std::string_view part = bytes.substr(0, n);
    bytes.remove_prefix(n);
    s.remaining -= n;
    if (s.mode == Mode::InlineLiteral) {
        if (s.literal.empty()) s.literal_frame = frame;
        s.literal.append(part);  // at most kMaxInlineLiteral
        if (s.remaining == 0) end_of_inline_literal(s, server);
        return;
    }
    if (!s.blob_started) s.blob_started = true, s.blob_frame = frame;
    s.blob_bytes += n;
    if (s.remaining == 0) {
        DialogueTurn t;
        t.kind = DialogueTurn::Kind::Message;
        t.from_server = server;
        t.frame = s.blob_frame;
        t.bytes = s.blob_bytes;
        s.mode = Mode::Lines;
        s.blob_started = false;
        s.blob_bytes = 0;
        add_turn(std::move(t));
    }
}

void DialogueBuilder::end_of_inline_literal(Side& s, bool server) {
    std::string literal = std::move(s.literal);
    s.literal.clear();
    s.mode = Mode::Lines;
    if (literal.find_first_of("\r\n") == std::string::npos) {
        // A name or a password: it reads best where it was sent.
        std::size_t room = SessionDialogue::kMaxLineChars - std::min(s.line.size(), SessionDialogue::kMaxLineChars);
        if (literal.size() > room) s.line_cut = true;
        literal.resize(std::min(literal.size(), room));
        show_controls(literal);
        s.line += literal;
        return;
    }
    // Text with line breaks (a short message or header): collapsed like a long literal.
    dispatch_line(server, std::move(s.line), s.line_frame, s.line_cut);
    s.line.clear();
    s.line_cut = false;
    s.line_started = false;
    DialogueTurn t;
    t.kind = DialogueTurn::Kind::Message;
    t.from_server = server;
    t.frame = s.literal_frame;
    t.bytes = literal.size();
    add_turn(std::move(t));
    s.continuation = true;
}

void DialogueBuilder::start_counted(Side& s, uint64_t n) {
    if (n == 0) return;
    s.mode = Mode::Counted;
    s.remaining = n;
    s.blob_started = false;
    s.blob_bytes = 0;
}

void DialogueBuilder::start_dot_message(Side& s) {
    s.mode = Mode::DotMessage;
    s.blob_started = false;
    s.blob_bytes = 0;
    s.msg_line_len = 0;
    s.msg_line_head[0] = s.msg_line_head[1] = 0;
}

void DialogueBuilder::end_of_line(Side& s, bool server) {
    std::string line = std::move(s.line);
    s.line.clear();
    bool cut = s.line_cut;
    uint64_t frame = s.line_frame;
    s.line_cut = false;
    s.line_started = false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    show_controls(line);
    uint64_t n = 0;
    if (protocol_ == MailProtocol::Imap && !cut && ends_with_literal(line, n)) {
        if (n <= SessionDialogue::kMaxInlineLiteral) {
            // The line goes on after the literal's bytes.
            s.line = std::move(line);
            s.line_started = true;
            s.line_frame = frame;
            s.mode = n ? Mode::InlineLiteral : Mode::Lines;
            s.remaining = n;
            s.literal.clear();
            return;
        }
        dispatch_line(server, std::move(line), frame, cut);
        start_counted(s, n);
        s.continuation = true;
        return;
    }
    dispatch_line(server, std::move(line), frame, cut);
}

void DialogueBuilder::add_opaque(bool server, uint64_t frame, uint64_t n) {
    auto kind = opaque_ == Opaque::Tls ? DialogueTurn::Kind::Tls : DialogueTurn::Kind::Compressed;
    // One turn per flight: consecutive bytes of one side add up.
    if (last_opaque_ == (server ? 1 : 0) && !out_.turns.empty() && out_.turns.back().kind == kind &&
        out_.turns.back().from_server == server) {
        out_.turns.back().bytes += n;
        return;
    }
    DialogueTurn t;
    t.kind = kind;
    t.from_server = server;
    t.frame = frame;
    t.bytes = n;
    last_opaque_ = add_turn(std::move(t)) >= 0 ? (server ? 1 : 0) : -1;
}

SessionDialogue DialogueBuilder::finish() {
    for (bool server : {false, true}) {
        Side& s = side(server);
        if (s.mode == Mode::Lines && s.line_started && !s.line.empty()) end_of_line(s, server);
        if (s.open) {
            s.open = false;
            add_turn(std::move(s.turn));
        }
        if ((s.mode == Mode::DotMessage || s.mode == Mode::Counted) && s.blob_started) {
            // The capture ended inside a message: what arrived of it.
            DialogueTurn t;
            t.kind = DialogueTurn::Kind::Message;
            t.from_server = server;
            t.frame = s.blob_frame;
            t.bytes = s.blob_bytes;
            add_turn(std::move(t));
        }
    }
    // Chronological order: each side's turns are in byte order already; the
    // two sides merge by the frame each turn starts in (stable: ties keep
    // the order they were cut in).
    auto& turns = out_.turns;
    std::vector<std::size_t> order(turns.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return turns[a].frame < turns[b].frame; });
    std::vector<int64_t> new_index(turns.size());
    std::vector<DialogueTurn> sorted;
    sorted.reserve(turns.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        new_index[order[i]] = int64_t(i);
        sorted.push_back(std::move(turns[order[i]]));
    }
    for (auto& t : sorted)
        if (t.answers >= 0) t.answers = new_index[std::size_t(t.answers)];
    turns = std::move(sorted);
    SessionDialogue out = std::move(out_);
    out_ = {};
    return out;
}

// ---- lines to turns ----

void DialogueBuilder::dispatch_line(bool server, std::string line, uint64_t frame, bool cut) {
    Side& s = side(server);
    if (s.continuation) {
        s.continuation = false;
        if (trim(line).empty()) return;  // usually just the CRLF after an APPEND literal
        add_turn(make_turn(DialogueTurn::Kind::Continuation, server, frame, std::move(line), cut));
        return;
    }
    switch (protocol_) {
        case MailProtocol::Smtp:
            server ? smtp_server(s, std::move(line), frame, cut) : smtp_client(std::move(line), frame, cut);
            return;
        case MailProtocol::Pop3:
            server ? pop3_server(s, std::move(line), frame, cut) : pop3_client(std::move(line), frame, cut);
            return;
        case MailProtocol::Imap:
            server ? imap_server(std::move(line), frame, cut) : imap_client(std::move(line), frame, cut);
            return;
        case MailProtocol::Unknown:
            add_turn(make_turn(server ? DialogueTurn::Kind::Reply : DialogueTurn::Kind::Command, server, frame,
                           std::move(line), cut));
            return;
    }
}

void DialogueBuilder::smtp_client(std::string line, uint64_t frame, bool cut) {
    if (sasl_) {
        add_turn(make_turn(DialogueTurn::Kind::SaslResponse, false, frame, std::move(line), cut));
        return;
    }
    auto [verb, arg] = split_word(line);
    std::string keyword = upper(verb);
    bool has_arg = !arg.empty();
    uint64_t chunk = 0;
    bool bdat = keyword == "BDAT" && parse_size(split_word(arg).first, chunk);
    DialogueTurn t = make_turn(DialogueTurn::Kind::Command, false, frame, std::move(line), cut);
    t.keyword = keyword;
    push_pending({add_turn(std::move(t)), keyword, "", has_arg});
    // The message follows DATA at once (the client pipelines nothing after
    // it); a refusal of DATA before any of it arrived ends that again.
    if (keyword == "DATA") start_dot_message(client_);
    if (bdat) start_counted(client_, chunk);
}

void DialogueBuilder::smtp_server(Side& s, std::string line, uint64_t frame, bool cut) {
    bool more = smtp_code(line) && line.size() > 3 && line[3] == '-';
    if (!s.open) {
        s.open = true;
        s.turn = DialogueTurn{};
        s.turn.kind = DialogueTurn::Kind::Reply;
        s.turn.from_server = true;
        s.turn.frame = frame;
        if (smtp_code(line)) s.turn.keyword = line.substr(0, 3);
    }
    keep_line(s.turn, std::move(line), cut);
    if (more) return;
    DialogueTurn t = std::move(s.turn);
    s.open = false;
    s.turn = {};
    if (t.keyword == "334") {  // an AUTH challenge: the command is still under way
        if (!pending_.empty()) t.answers = pending_.front().turn;
        sasl_ = true;
        add_turn(std::move(t));
        return;
    }
    Pending p = pop_pending();
    t.answers = p.turn;
    sasl_ = false;
    if (p.verb == "DATA" && t.keyword != "354" && client_.mode == Mode::DotMessage && !client_.blob_started)
        client_.mode = Mode::Lines;
    bool tls = p.verb == "STARTTLS" && t.keyword == "220";
    add_turn(std::move(t));
    if (tls) opaque_ = Opaque::Tls;
}

void DialogueBuilder::pop3_client(std::string line, uint64_t frame, bool cut) {
    if (sasl_) {
        add_turn(make_turn(DialogueTurn::Kind::SaslResponse, false, frame, std::move(line), cut));
        return;
    }
    auto [verb, arg] = split_word(line);
    std::string keyword = upper(verb);
    bool has_arg = !arg.empty();
    DialogueTurn t = make_turn(DialogueTurn::Kind::Command, false, frame, std::move(line), cut);
    t.keyword = keyword;
    push_pending({add_turn(std::move(t)), keyword, "", has_arg});
}

void DialogueBuilder::pop3_server(Side& s, std::string line, uint64_t frame, bool cut) {
    if (s.open) {  // a multi-line listing (CAPA, LIST, UIDL) until "."
        if (line == ".") {
            s.open = false;
            add_turn(std::move(s.turn));
            s.turn = {};
            return;
        }
        if (line.starts_with("..")) line.erase(0, 1);
        keep_line(s.turn, std::move(line), cut);
        return;
    }
    std::string status = upper(split_word(line).first);
    DialogueTurn t = make_turn(DialogueTurn::Kind::Reply, true, frame, std::move(line), cut);
    if (status == "+") {  // a SASL challenge (RFC 5034)
        t.keyword = "+";
        if (!pending_.empty()) t.answers = pending_.front().turn;
        sasl_ = true;
        add_turn(std::move(t));
        return;
    }
    if (status != "+OK" && status != "-ERR") {
        add_turn(std::move(t));
        return;
    }
    t.keyword = status;
    Pending p = pop_pending();
    t.answers = p.turn;
    sasl_ = false;
    if (status == "+OK" && (p.verb == "RETR" || p.verb == "TOP")) {
        add_turn(std::move(t));
        start_dot_message(s);
        return;
    }
    if (status == "+OK" && (p.verb == "CAPA" || ((p.verb == "LIST" || p.verb == "UIDL") && !p.has_arg))) {
        s.open = true;
        s.turn = std::move(t);
        return;
    }
    add_turn(std::move(t));
    if (status == "+OK" && p.verb == "STLS") opaque_ = Opaque::Tls;
}

bool DialogueBuilder::authenticate_pending() const {
    return std::any_of(pending_.begin(), pending_.end(), [](const Pending& p) { return p.verb == "AUTHENTICATE"; });
}

void DialogueBuilder::imap_client(std::string line, uint64_t frame, bool cut) {
    if (sasl_) {
        add_turn(make_turn(DialogueTurn::Kind::SaslResponse, false, frame, std::move(line), cut));
        return;
    }
    auto [tag, rest] = split_word(line);
    auto [verb, arg] = split_word(rest);
    DialogueTurn t;
    t.kind = DialogueTurn::Kind::Command;
    t.frame = frame;
    if (iequals(trim(line), "DONE")) {  // ends IDLE; no tag
        t.keyword = "DONE";
    } else {
        t.tag = tag;
        t.keyword = upper(verb);
        if (t.keyword == "UID") t.keyword += " " + upper(split_word(arg).first);
    }
    bool has_arg = !arg.empty();
    keep_line(t, std::move(line), cut);
    std::string keyword = t.keyword, command_tag = t.tag;
    int64_t index = add_turn(std::move(t));
    if (keyword != "DONE") push_pending({index, keyword, command_tag, has_arg});
}

void DialogueBuilder::imap_server(std::string line, uint64_t frame, bool cut) {
    auto [first, rest] = split_word(line);
    auto [second, after] = split_word(rest);
    DialogueTurn t;
    t.kind = DialogueTurn::Kind::Reply;
    t.from_server = true;
    t.frame = frame;
    if (first == "+") {  // a continuation request: a literal or a SASL challenge
        t.keyword = "+";
        if (!pending_.empty()) t.answers = pending_.back().turn;
        if (authenticate_pending()) sasl_ = true;
        keep_line(t, std::move(line), cut);
        add_turn(std::move(t));
        return;
    }
    if (first == "*") {
        t.untagged = true;
        // "* 3 EXISTS", "* 1 FETCH (...)": the name follows the number.
        t.keyword = upper(all_digits(second) ? split_word(after).first : second);
        keep_line(t, std::move(line), cut);
        add_turn(std::move(t));
        return;
    }
    t.tag = first;
    t.keyword = upper(second);
    std::string verb;
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.tag == t.tag; });
    if (it != pending_.end()) {
        t.answers = it->turn;
        verb = it->verb;
        pending_.erase(it);
    }
    if (verb == "AUTHENTICATE") sasl_ = false;
    bool ok = t.keyword == "OK";
    keep_line(t, std::move(line), cut);
    add_turn(std::move(t));
    if (ok && verb == "STARTTLS") opaque_ = Opaque::Tls;
    if (ok && verb == "COMPRESS") opaque_ = Opaque::Compressed;
}

// ---- whole streams ----

MailProtocol detect_protocol(const FollowedStream& stream) {
    std::string first;
    for (const auto& c : stream.chunks) {
        if (!c.from_server) continue;
        if (c.gap) break;
        first.append(c.bytes, 0, 512);
        if (first.find('\n') != std::string::npos || first.size() >= 512) break;
    }
    MailProtocol p = protocol_from_greeting(first.substr(0, first.find('\n')));
    return p != MailProtocol::Unknown ? p : protocol_from_port(port_of_endpoint(stream.server));
}

SessionDialogue build_dialogue(const FollowedStream& stream) {
    DialogueBuilder builder(detect_protocol(stream));
    uint64_t last_frame = 0;  // a gap has no frame of its own: it sorts after the last one
    for (const auto& c : stream.chunks) {
        if (c.gap) {
            builder.gap(c.from_server, last_frame, c.bytes);
        } else {
            builder.feed(c.from_server, c.frame, c.bytes);
            last_frame = c.frame;
        }
    }
    SessionDialogue d = builder.finish();
    d.stream = stream.stream;
    d.client = stream.client;
    d.server = stream.server;
    d.stream_truncated = stream.truncated;
    return d;
}

std::string explain_turn(MailProtocol protocol, const DialogueTurn& t) {
    using K = DialogueTurn::Kind;
    switch (t.kind) {
        case K::Command: {
            // "UID FETCH": both words.
            auto [verb, sub] = split_word(t.keyword);
            std::string out(explain_command(protocol, verb));
            if (!sub.empty() && !out.empty()) {
                std::string_view more = explain_command(protocol, sub);
                if (!more.empty()) out += std::string(" ") + std::string(more);
            }
            return out;
        }
        case K::SaslResponse:
            return "A SASL response: the client's answer to the server's challenge, in base64 (it may carry the user "
                   "name and the password).";
        case K::Reply:
            if (t.untagged && t.keyword != "OK" && t.keyword != "NO" && t.keyword != "BAD" && t.keyword != "BYE" &&
                t.keyword != "PREAUTH")
                return t.keyword.empty() ? std::string("Untagged data from the server.")
                                         : "Untagged " + t.keyword + " data from the server.";
            return explain_reply(protocol, t.keyword);
        case K::Continuation: return "The rest of the line after a literal.";
        case K::Message: return "A message (or literal) of " + std::to_string(t.bytes) + " bytes, shown collapsed.";
        case K::Tls: return std::to_string(t.bytes) + " bytes of TLS records: encrypted, the capture cannot show them.";
        case K::Compressed: return std::to_string(t.bytes) + " bytes compressed with DEFLATE (IMAP COMPRESS).";
        case K::Gap: return "Bytes the capture missed (lost packets or a capture that started late).";
    }
    return {};
}

}  // namespace ms::ui
