#include "imap_parser.hpp"

#include <algorithm>

#include "mutf7.hpp"

namespace ms::imap {

using X = imap_experts::Expert;

namespace {
// IMAP lines are legitimately longer than SMTP's: RFC 7162 section 4 asks
// clients to keep commands under 8192 octets and servers send FETCH lines of
// any length. The framer's cap is what one direction may hold in memory.
constexpr uint32_t kMinImapLine = 65536;
// Capability text kept per connection.
constexpr std::size_t kMaxCapabilityText = 4096;

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = char(c - 32);
    return out;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

std::string_view as_text(std::span<const uint8_t> b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

// The message-body fetch items handed to the message layer whole.
bool full_message_item(std::string_view item) {
    return iequals(item, "BODY[]") || iequals(item, "RFC822") || iequals(item, "BINARY[]");
}
}  // namespace

SaslMech sasl_mech_from_name(std::string_view n) {
    if (iequals(n, "PLAIN")) return SaslMech::Plain;
    if (iequals(n, "LOGIN")) return SaslMech::Login;
    if (iequals(n, "CRAM-MD5")) return SaslMech::CramMd5;
    if (iequals(n, "XOAUTH2") || iequals(n, "OAUTHBEARER")) return SaslMech::XOAuth2;
    return SaslMech::Other;
}

std::string mailbox_utf8(std::string_view wire, bool* valid) {
    std::string out;
    const bool ok = iequals(wire, "INBOX") ? (out.assign(wire), true) : decode_mutf7(wire, out);
    if (valid) *valid = ok;
    return out;
}

ImapParser::ImapParser(const Limits& limits) : limits_(limits) {
    max_line_ = std::max(limits.max_line_length, kMinImapLine);
    sides_[0] = std::make_unique<Side>(max_line_);
    sides_[1] = std::make_unique<Side>(max_line_);
}

bool ImapParser::capability(std::string_view name) const {
    const std::string want = upper(name);
    std::string_view all = capabilities_;
    std::size_t at = 0;
    while (at < all.size()) {
        std::size_t sp = all.find(' ', at);
        if (sp == std::string_view::npos) sp = all.size();
        if (all.substr(at, sp - at) == want) return true;
        at = sp + 1;
    }
    return false;
}

void ImapParser::note(Dir dir, uint64_t offset, uint64_t length, X e, std::string text) {
    deferred_.push_back(Deferred{dir, offset, length, e, std::move(text)});
}

void ImapParser::flush(ImapEvents& ev) {
    // Moved out first: handlers may not re-enter, but keep it simple and safe.
    std::vector<Deferred> items;
    items.swap(deferred_);
    for (auto& d : items) ev.on_expert(d.dir, d.offset, d.length, d.e, std::move(d.text));
}

// ---------------------------------------------------------------- input

void ImapParser::feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp, ImapEvents& ev) {
    stamp_ = stamp;
    Side& s = side(dir);
    s.seen = true;
    if (bytes.empty()) return;
    switch (s.mode) {
        case Mode::Tls: ev.on_opaque(dir, OpaqueKind::Tls, offset, bytes.size(), 0); return;
        case Mode::Broken: ev.on_opaque(dir, OpaqueKind::Compressed, offset, bytes.size(), 0); return;
        case Mode::Deflate: feed_deflate(dir, offset, bytes, ev); return;
        case Mode::Plain: break;
    }
    const std::size_t used = frame_bytes(dir, offset, bytes, false, ev);
    if (used >= bytes.size()) return;
    // The mode switched after a line: the rest of this delivery is TLS or deflate.
    const auto rest = bytes.subspan(used);
    if (s.mode == Mode::Deflate) feed_deflate(dir, offset + used, rest, ev);
    else ev.on_opaque(dir, s.mode == Mode::Tls ? OpaqueKind::Tls : OpaqueKind::Compressed, offset + used, rest.size(), used);
}

std::size_t ImapParser::frame_bytes(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, bool inflated,
                                    ImapEvents& ev) {
    Side& s = side(dir);
    ev.on_input(dir, offset, bytes, inflated);
    s.framer.feed(offset, bytes);
    const Mode start = s.mode;
    FramedLine fl;
    RawRun raw;
    while (true) {
        const LineFramer::Piece p = s.framer.next(fl, raw);
        if (p == LineFramer::Piece::None) break;
        if (p == LineFramer::Piece::Line) handle_line(dir, fl, ev);
        else handle_raw(dir, raw, ev);
        if (s.mode != start) {
            const std::size_t used = s.framer.unread_pos();
            s.framer = LineFramer(max_line_);
            return used;
        }
    }
    return bytes.size();
}

void ImapParser::feed_deflate(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, ImapEvents& ev) {
    Side& s = side(dir);
    if (!s.inflater) s.inflater = std::make_unique<DeflateStream>();
    inflated_.clear();
    uint64_t discarded = 0;
    std::size_t consumed = 0;
    const uint64_t cap = limits_.max_decoded_bytes ? limits_.max_decoded_bytes : 1;
    const DeflateStream::Result r = s.inflater->inflate(bytes, inflated_, cap, discarded, consumed);
    ev.on_compressed(dir, offset, consumed, inflated_.size() + discarded);
    if (!inflated_.empty()) {
        // A copy: the events may look at the bytes while inflated_ is reused.
        std::vector<uint8_t> chunk;
        chunk.swap(inflated_);
        const std::size_t used = frame_bytes(dir, s.inflated_offset, chunk, true, ev);
        if (used < chunk.size())
            ev.on_opaque(dir, s.mode == Mode::Tls ? OpaqueKind::Tls : OpaqueKind::Compressed,
                         s.inflated_offset + used, chunk.size() - used, used);
        s.inflated_offset += chunk.size();
        chunk.clear();
        inflated_.swap(chunk);
    }
    if (discarded) {
        note(dir, offset, consumed, X::inflate_limit,
             "Decompressed data over the decode limit (" + std::to_string(cap) + " bytes per segment): " +
                 std::to_string(discarded) + " bytes not dissected");
        flush(ev);
        framer_gap(dir, s.inflated_offset, discarded, ev);
        s.inflated_offset += discarded;
    }
    if (r == DeflateStream::Result::Error || r == DeflateStream::Result::StreamEnd) {
        note(dir, offset + consumed, 0, r == DeflateStream::Result::Error ? X::inflate_error : X::malformed,
             r == DeflateStream::Result::Error
                 ? "Deflate stream corrupt after " + std::to_string(s.inflater->total_in()) +
                       " compressed bytes: the rest of this direction cannot be decompressed"
                 : std::string("Deflate stream ended (COMPRESS streams never end): the rest is not dissected"));
        flush(ev);
        abandon(dir, ev);
        s.mode = Mode::Broken;
        if (consumed < bytes.size())
            ev.on_opaque(dir, OpaqueKind::Compressed, offset + consumed, bytes.size() - consumed, consumed);
    }
}

void ImapParser::gap(Dir dir, uint64_t offset, uint64_t length, ImapEvents& ev) {
    Side& s = side(dir);
    note(dir, offset, 0, X::gap, std::to_string(length) + " bytes missing from the stream");
    if (s.mode == Mode::Tls || s.mode == Mode::Broken) {
        flush(ev);
        return;
    }
    if (s.mode == Mode::Deflate) {
        // The inflater's window is lost with the missing compressed bytes.
        note(dir, offset, 0, X::inflate_error,
             "Bytes of the deflate stream are missing: the rest of this direction cannot be decompressed");
        flush(ev);
        abandon(dir, ev);
        s.mode = Mode::Broken;
        return;
    }
    flush(ev);
    framer_gap(dir, offset, length, ev);
}

void ImapParser::framer_gap(Dir dir, uint64_t offset, uint64_t length, ImapEvents& ev) {
    Side& s = side(dir);
    const FramerGap g = s.framer.on_gap(offset, length);
    if (s.literal_active) {
        s.literal_gap = s.literal_gap || g.raw_lost > 0;
        s.literal_got += g.raw_lost;
        if (s.framer.raw_remaining() == 0) {
            finish_literal(dir, false, ev);
            if (g.raw_overrun) abandon(dir, ev);
        }
    } else if (s.msg) {
        abandon(dir, ev);
    }
}

void ImapParser::end(Dir dir, ImapEvents& ev) {
    Side& s = side(dir);
    if (s.mode == Mode::Plain || s.mode == Mode::Deflate) {
        if (s.literal_active) {
            note(dir, s.literal_offset + s.literal_got, 0, X::literal_cut,
                 "Literal of " + std::to_string(s.literal_size) + " bytes: only " + std::to_string(s.literal_got) +
                     " arrived before the connection ended");
            flush(ev);
            s.framer.cancel_raw();
            finish_literal(dir, false, ev);
        } else {
            FramedLine fl;
            if (s.framer.finish(fl)) handle_line(dir, fl, ev);
            if (s.literal_active) {
                // The unterminated last line announced a literal that never came.
                s.framer.cancel_raw();
                note(dir, s.literal_offset, 0, X::literal_cut,
                     "Literal of " + std::to_string(s.literal_size) + " bytes: none arrived before the connection ended");
                flush(ev);
                finish_literal(dir, false, ev);
            }
        }
        s.msg.reset();
    }
    flush(ev);
}

void ImapParser::abandon(Dir dir, ImapEvents& ev) {
    Side& s = side(dir);
    if (s.literal_active) {
        s.framer.cancel_raw();
        finish_literal(dir, false, ev);
    }
    s.msg.reset();
}

// ---------------------------------------------------------------- lines

void ImapParser::handle_line(Dir dir, const FramedLine& fl, ImapEvents& ev) {
    LineInfo li;
    li.dir = dir;
    li.offset = fl.offset;
    li.wire_length = fl.wire_length;
    li.text = as_text(fl.text);
    li.terminator = fl.terminator;
    li.truncated = fl.truncated;
    li.in_input = fl.in_input;
    li.input_pos = fl.input_pos;
    if (fl.after_gap) note(dir, fl.offset, 0, X::after_gap, "");
    if (fl.truncated)
        note(dir, fl.offset, fl.wire_length, X::truncated_line,
             "Line longer than " + std::to_string(max_line_) + " bytes, truncated");
    if (fl.terminator == 1) note(dir, fl.offset, fl.wire_length, X::bare_lf, "");
    if (fl.unterminated) note(dir, fl.offset, fl.wire_length, X::unterminated, "");
    if (dir == Dir::ToServer) client_line(li, ev);
    else server_line(li, ev);
    flush(ev);
}

void ImapParser::handle_raw(Dir dir, const RawRun& raw, ImapEvents& ev) {
    Side& s = side(dir);
    if (!s.literal_active) return;  // cannot happen: raw mode is only set for a literal
    s.literal_got += raw.bytes.size();
    if (!s.literal_message && s.msg) s.msg->toks.append_value(s.literal_token, as_text(raw.bytes), kLiteralCapture);
    ev.on_literal_data(dir, raw, s.literal_message);
    if (raw.remaining == 0) finish_literal(dir, !s.literal_gap, ev);
}

LineScan ImapParser::scan_segment(ImapMessage& m, const LineInfo& li, SegmentEvent& se) {
    const uint32_t seg = m.segments++;
    // The literal announced by the previous line completes in this segment.
    std::size_t begin = m.toks.size();
    while (begin > 0 && m.toks.tokens[begin - 1].segment == seg) --begin;
    const LineMode mode = seg == 0 && m.dir == Dir::ToClient ? LineMode::ServerFirst : LineMode::Args;
    LineScan scan = tokenize_line(li.text, seg, mode, m.toks);
    se.segment = seg;
    se.first = seg == 0;
    se.tok_begin = begin;
    se.tok_end = scan.literal_token != SIZE_MAX ? scan.literal_token : m.toks.size();
    se.last = !(scan.has_literal && literal_size_usable(scan.literal));
    if (scan.unterminated_quote) note(li.dir, li.offset, li.wire_length, X::malformed, "Quoted string not terminated");
    if (scan.unbalanced_close) note(li.dir, li.offset, li.wire_length, X::malformed, "')' without '('");
    if (scan.became_too_deep)
        note(li.dir, li.offset, li.wire_length, X::too_deep,
             "Lists nested deeper than " + std::to_string(TokenList::kMaxDepth) + " levels: not decoded past that");
    if (scan.became_overflow)
        note(li.dir, li.offset, li.wire_length, X::too_many_tokens,
             "More than " + std::to_string(TokenList::kMaxTokens) + " tokens: the rest is not decoded");
    return scan;
}

bool ImapParser::report_segment(ImapMessage& m, const LineInfo& li, const LineScan& scan, SegmentEvent& se,
                                ImapEvents& ev) {
    ev.on_segment(se);
    flush(ev);
    if (scan.has_literal) {
        if (start_literal(li.dir, m, li, scan, ev)) return false;
    }
    return true;
}

void ImapParser::client_line(const LineInfo& li, ImapEvents& ev) {
    Side& s = side(Dir::ToServer);
    if (s.msg) {
        ImapMessage& m = *s.msg;
        SegmentEvent se{m, li};
        se.state = state_;
        se.mailbox = mailbox_;
        se.read_only = read_only_;
        LineScan scan = scan_segment(m, li, se);
        if (report_segment(m, li, scan, se, ev)) {
            command_done(m);
            // report_segment may have started nothing; the message is over.
            if (!s.literal_active) s.msg.reset();
        }
        return;
    }
    if (idle_active_ && iequals(trim(li.text), "DONE")) {
        ev.on_idle_done(li);
        return;
    }
    if (auth_active_ && auth_prompted_) {
        auth_prompted_ = false;
        SaslEvent se{li, auth_mech_, auth_step_++};
        ev.on_sasl(se);
        return;
    }
    if (trim(li.text).empty()) {
        ev.on_other_line(li);
        return;
    }
    auto m = std::make_unique<ImapMessage>();
    m->dir = Dir::ToServer;
    m->kind = MessageKind::Command;
    m->offset = li.offset;
    SegmentEvent se{*m, li};
    se.state = state_;
    se.mailbox = mailbox_;
    se.read_only = read_only_;
    LineScan scan = scan_segment(*m, li, se);
    new_command(*m, li, se);
    // Keep the message while its literal streams in (start_literal needs it in place).
    s.msg = std::move(m);
    if (report_segment(*s.msg, li, scan, se, ev)) {
        command_done(*s.msg);
        s.msg.reset();
    }
}

void ImapParser::new_command(ImapMessage& m, const LineInfo& li, SegmentEvent& se) {
    const TokenList& t = m.toks;
    const std::string_view tag = t.value(0);
    if (t.size() < 2 || !t.is(1, TokenKind::Atom)) {
        note(li.dir, li.offset, li.wire_length, X::malformed, "Command line without a command name");
        return;
    }
    m.cmd = command_from_name(t.value(1));
    m.args = 2;
    if (m.cmd == Command::Uid) {
        m.uid = true;
        m.cmd = t.is(2, TokenKind::Atom) ? command_from_name(t.value(2)) : Command::Unknown;
        m.args = 3;
        if (m.cmd != Command::Unknown && !uid_allowed(m.cmd))
            note(li.dir, li.offset, li.wire_length, X::malformed,
                 std::string("UID cannot prefix ") + command_name(m.cmd));
    }
    if (m.cmd == Command::Unknown)
        note(li.dir, li.offset, li.wire_length, X::unknown_command,
             "Unknown command " + std::string(t.value(m.uid ? 2 : 1).substr(0, 64)));
    else if (!command_allowed(m.cmd, state_))
        note(li.dir, li.offset, li.wire_length, X::bad_state,
             std::string(m.uid ? "UID " : "") + command_name(m.cmd) + " is not valid in state " + state_name(state_));

    for (const Pending& p : pending_)
        if (p.tag == tag) {
            note(li.dir, li.offset, li.wire_length, X::tag_reused,
                 "Tag " + std::string(tag.substr(0, 64)) + " reused while the " + command_name(p.cmd) +
                     " sent with it is still in flight");
            break;
        }
    if (pending_.size() >= limits_.max_pipelined_commands) {
        note(li.dir, li.offset, li.wire_length, X::too_many_pending,
             "More than " + std::to_string(limits_.max_pipelined_commands) +
                 " commands waiting for responses: the oldest is forgotten");
        pending_.pop_front();
    }
    Pending p;
    p.tag.assign(tag.substr(0, 256));
    p.cmd = m.cmd;
    p.uid = m.uid;
    p.stamp = stamp_;
    pending_.push_back(std::move(p));

    auto cleartext = [&](const char* what) {
        if (cap_logindisabled_)
            note(li.dir, li.offset, li.wire_length, X::login_disabled,
                 std::string(what) + " in cleartext although the server advertised LOGINDISABLED");
        else
            note(li.dir, li.offset, li.wire_length, X::cleartext_login,
                 std::string(what) + " sends the password in cleartext" +
                     (cap_starttls_ ? " (the server offers STARTTLS)" : ""));
    };
    switch (m.cmd) {
        case Command::Login: cleartext("LOGIN"); break;
        case Command::Authenticate: {
            auth_active_ = true;
            auth_prompted_ = false;
            auth_tag_.assign(tag.substr(0, 256));
            auth_mech_ = sasl_mech_from_name(t.value(m.args));
            auth_step_ = 0;
            if (auth_mech_ == SaslMech::Plain || auth_mech_ == SaslMech::Login)
                cleartext(auth_mech_ == SaslMech::Plain ? "AUTHENTICATE PLAIN" : "AUTHENTICATE LOGIN");
            break;
        }
        case Command::Idle:
            idle_active_ = true;
            idle_tag_.assign(tag.substr(0, 256));
            break;
        default: break;
    }
    (void)se;
}

void ImapParser::command_done(const ImapMessage& m) {
    if (m.cmd != Command::Select && m.cmd != Command::Examine) return;
    // The mailbox may have come as a literal: known only now.
    for (auto it = pending_.rbegin(); it != pending_.rend(); ++it)
        if (it->tag == m.tag()) {
            it->mailbox = mailbox_utf8(m.toks.value(m.args));
            break;
        }
}

void ImapParser::server_line(const LineInfo& li, ImapEvents& ev) {
    Side& s = side(Dir::ToClient);
    if (s.msg) {
        ImapMessage& m = *s.msg;
        SegmentEvent se{m, li};
        se.state = state_;
        LineScan scan = scan_segment(m, li, se);
        if (report_segment(m, li, scan, se, ev) && !s.literal_active) s.msg.reset();
        return;
    }
    if (li.text.empty()) {
        ev.on_other_line(li);
        return;
    }
    auto m = std::make_unique<ImapMessage>();
    m->dir = Dir::ToClient;
    m->offset = li.offset;
    SegmentEvent se{*m, li};
    se.state = state_;
    LineScan scan = scan_segment(*m, li, se);
    response_first(*m, li, se, ev);
    se.state_after = state_;
    se.mailbox = mailbox_;
    se.read_only = read_only_;
    s.msg = std::move(m);
    const Mode switch_to = pending_switch_;
    pending_switch_ = Mode::Plain;
    if (report_segment(*s.msg, li, scan, se, ev) && !s.literal_active) s.msg.reset();
    if (switch_to != Mode::Plain) switch_mode(switch_to);
}

void ImapParser::note_capabilities(const ImapMessage& m, std::size_t from, std::size_t to) {
    cap_known_ = true;
    cap_starttls_ = cap_logindisabled_ = cap_compress_ = cap_literal_plus_ = false;
    capabilities_.clear();
    for (std::size_t i = from; i < to && i < m.toks.size(); ++i) {
        if (!m.toks.is(i, TokenKind::Atom)) continue;
        const std::string c = upper(m.toks.value(i));
        if (c == "STARTTLS") cap_starttls_ = true;
        else if (c == "LOGINDISABLED") cap_logindisabled_ = true;
        else if (c == "COMPRESS=DEFLATE") cap_compress_ = true;
        else if (c == "LITERAL+") cap_literal_plus_ = true;
        if (capabilities_.size() + c.size() + 1 <= kMaxCapabilityText) {
            if (!capabilities_.empty()) capabilities_ += ' ';
            capabilities_ += c;
        }
    }
}

void ImapParser::response_first(ImapMessage& m, const LineInfo& li, SegmentEvent& se, ImapEvents& ev) {
    const TokenList& t = m.toks;
    const std::string_view tag = t.value(0);
    const bool greeting = !greeting_seen_;
    greeting_seen_ = true;
    if (tag == "+") {
        m.kind = MessageKind::Continuation;
        if (auth_active_) {
            auth_prompted_ = true;
            se.sasl_challenge = true;
        }
        return;
    }
    std::size_t k = 1;
    if (tag == "*") {
        m.kind = MessageKind::Untagged;
        if (t.is(1, TokenKind::Atom) && all_digits(t.value(1))) {
            m.has_number = true;
            k = 2;
        }
    } else {
        m.kind = MessageKind::Tagged;
    }
    m.keyword = upper(t.value(k).substr(0, 64));
    const bool status = is_status_word(m.keyword) && !m.has_number;
    // Capabilities: "* CAPABILITY ..." or a [CAPABILITY ...] response code.
    if (m.kind == MessageKind::Untagged && m.keyword == "CAPABILITY") note_capabilities(m, k + 1, t.size());
    if (status && t.is(k + 1, TokenKind::CodeOpen) && iequals(t.value(k + 2), "CAPABILITY"))
        note_capabilities(m, k + 3, t.skip(k + 1) - 1);

    if (status && m.keyword == "NO")
        note(li.dir, li.offset, li.wire_length, X::response_no, "NO: " + std::string(li.text.substr(0, 200)));
    else if (status && m.keyword == "BAD")
        note(li.dir, li.offset, li.wire_length, X::response_bad, "BAD: " + std::string(li.text.substr(0, 200)));

    if (m.kind == MessageKind::Untagged) {
        if (greeting && m.keyword == "PREAUTH") state_ = SessionState::Authenticated;
        if (m.keyword == "BYE") {
            state_ = SessionState::Logout;
            note(li.dir, li.offset, li.wire_length, X::bye, "");
        }
        return;
    }
    if (!status) note(li.dir, li.offset, li.wire_length, X::malformed, "Tagged response without OK, NO or BAD");
    // Tagged: find the command.
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.tag == tag; });
    if (it == pending_.end()) {
        note(li.dir, li.offset, li.wire_length, X::unknown_tag,
             "Response tag " + std::string(tag.substr(0, 64)) + " was never sent");
        return;
    }
    const Pending p = *it;
    pending_.erase(it);
    se.matched = true;
    se.request = p.cmd;
    se.request_uid = p.uid;
    se.request_frame = p.stamp.frame;
    se.request_ts = p.stamp.ts_ns;
    apply_tagged(m, p, li, ev);
}

void ImapParser::apply_tagged(const ImapMessage& m, const Pending& p, const LineInfo& li, ImapEvents& ev) {
    const bool ok = m.keyword == "OK";
    const TokenList& t = m.toks;
    const bool code_read_only = t.is(2, TokenKind::CodeOpen) && iequals(t.value(3), "READ-ONLY");
    switch (p.cmd) {
        case Command::Login:
            if (ok) state_ = SessionState::Authenticated;
            break;
        case Command::Authenticate:
            if (ok) state_ = SessionState::Authenticated;
            if (p.tag == auth_tag_) auth_active_ = auth_prompted_ = false;
            break;
        case Command::Select:
        case Command::Examine:
            if (ok) {
                state_ = SessionState::Selected;
                mailbox_ = p.mailbox;
                read_only_ = p.cmd == Command::Examine || code_read_only;
            } else if (state_ == SessionState::Selected) {
                // RFC 9051 6.3.2: a failed SELECT closes the mailbox that was open.
                state_ = SessionState::Authenticated;
                mailbox_.clear();
                read_only_ = false;
            }
            break;
        case Command::Close:
        case Command::Unselect:
            if (ok) {
                state_ = SessionState::Authenticated;
                mailbox_.clear();
                read_only_ = false;
            }
            break;
        case Command::Logout: state_ = SessionState::Logout; break;
        case Command::Idle:
            if (p.tag == idle_tag_) idle_active_ = false;
            break;
        case Command::Starttls:
            if (ok) {
                pending_switch_ = Mode::Tls;
                note(li.dir, li.offset, li.wire_length, X::starttls, "");
            }
            break;
        case Command::Compress:
            if (ok) {
                pending_switch_ = Mode::Deflate;
                note(li.dir, li.offset, li.wire_length, X::compress, "");
            }
            break;
        default: break;
    }
    // A synchronizing literal the client was waiting to send: the rejection
    // means it never comes, so its bytes are commands again.
    Side& c = side(Dir::ToServer);
    if (!ok && c.msg && c.msg->tag() == p.tag && c.literal_active && c.literal_sync && c.literal_got == 0) {
        c.framer.cancel_raw();
        note(li.dir, li.offset, li.wire_length, X::literal_not_sent,
             "The " + std::to_string(c.literal_size) + "-byte literal of " + p.tag +
                 " was not sent: the server rejected the command");
        finish_literal(Dir::ToServer, false, ev);
        c.msg.reset();
    }
}

void ImapParser::switch_mode(Mode mode) {
    for (Dir d : {Dir::ToServer, Dir::ToClient}) {
        Side& s = side(d);
        if (s.mode != Mode::Plain) continue;
        s.mode = mode;
        s.msg.reset();
        s.literal_active = false;
        // The server's framer is replaced by frame_bytes once it returns; the
        // client's holds nothing that belongs to the new stream.
        if (d == Dir::ToServer) s.framer = LineFramer(max_line_);
    }
}

// ---------------------------------------------------------------- literals

bool ImapParser::literal_is_message(const ImapMessage& m, std::size_t lit) const {
    if (lit >= m.toks.size()) return false;
    const Token& t = m.toks.tokens[lit];
    if (m.kind == MessageKind::Command)
        return m.cmd == Command::Append && t.depth == 0 && lit > m.args;
    if (m.kind == MessageKind::Untagged && m.keyword == "FETCH" && m.has_number)
        return t.depth == 1 && lit > 0 && m.toks.is(lit - 1, TokenKind::Atom) &&
               full_message_item(m.toks.value(lit - 1));
    return false;
}

bool ImapParser::start_literal(Dir dir, ImapMessage& m, const LineInfo& li, const LineScan& scan, ImapEvents& ev) {
    const LiteralMarker& lm = scan.literal;
    const uint64_t at = li.offset + li.wire_length;
    switch (lm.size_class) {
        case LiteralMarker::Size::Overflow:
            note(dir, li.offset, li.wire_length, X::literal_bad_size,
                 "Literal size of " + std::to_string(lm.digits) + " digits overflows 64 bits: not a literal");
            flush(ev);
            return false;
        case LiteralMarker::Size::OutOfRange:
            note(dir, li.offset, li.wire_length, X::literal_bad_size,
                 "Literal size " + std::to_string(lm.size) + " is over 2^63-1 (RFC 9051 number64): not a literal");
            flush(ev);
            return false;
        case LiteralMarker::Size::Over32:
            note(dir, li.offset, li.wire_length, X::literal_huge,
                 "Literal size " + std::to_string(lm.size) + " is over 2^32-1 (IMAP4rev1 allows 32-bit sizes)");
            break;
        case LiteralMarker::Size::Ok: break;
    }
    flush(ev);
    Side& s = side(dir);
    s.literal_active = true;
    s.literal_size = lm.size;
    s.literal_got = 0;
    s.literal_offset = at;
    s.literal_token = scan.literal_token;
    s.literal_message = literal_is_message(m, scan.literal_token);
    s.literal_sync = !lm.non_sync && dir == Dir::ToServer;
    s.literal_gap = false;
    if (s.literal_token < m.toks.size()) m.toks.tokens[s.literal_token].carried = s.literal_message;
    ev.on_literal_begin(dir, at, lm.size, s.literal_message);
    if (lm.size == 0) finish_literal(dir, true, ev);
    else s.framer.expect_raw(lm.size);
    return true;
}

void ImapParser::finish_literal(Dir dir, bool complete, ImapEvents& ev) {
    Side& s = side(dir);
    if (!s.literal_active) return;
    s.literal_active = false;
    ev.on_literal_end(dir, s.literal_size, s.literal_got, complete, s.literal_message);
}

}  // namespace ms::imap
