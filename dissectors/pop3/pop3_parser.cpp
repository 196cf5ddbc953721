#include "pop3_parser.hpp"

#include <cstring>
#include <string>

namespace ms::pop3 {

using E = pop3_experts::Expert;

namespace {
constexpr uint64_t kRfcLineLimit = 512;  // RFC 2449 section 4, CRLF included

std::string_view as_text(std::span<const uint8_t> s) { return {reinterpret_cast<const char*>(s.data()), s.size()}; }

LineView view_of(Dir dir, const FramedLine& fl) {
    LineView v;
    v.dir = dir;
    v.offset = fl.offset;
    v.wire_length = fl.wire_length;
    v.text = as_text(fl.text);
    v.terminator = fl.terminator;
    v.truncated = fl.truncated;
    return v;
}

std::string num(uint64_t v) { return std::to_string(v); }
}  // namespace

Pop3Parser::Pop3Parser(const Limits& limits)
    : limits_(limits), framer_{LineFramer(limits.max_line_length), LineFramer(limits.max_line_length)} {}

void Pop3Parser::feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp, Pop3Events& ev) {
    stamp_ = stamp;
    if (bytes.empty()) return;
    framer_[dir == Dir::ToServer ? 0 : 1].feed(offset, bytes);
    if (dir == Dir::ToServer) client_bytes(ev);
    else server_bytes(ev);
}

void Pop3Parser::drain_raw(Dir dir, Pop3Events& ev) {
    LineFramer& fr = framer_[dir == Dir::ToServer ? 0 : 1];
    auto rest = fr.unread();
    if (rest.empty()) return;
    ev.on_raw(dir, fr.unread_offset(), rest.size(), mode_ == Mode::Tls ? RawKind::Tls : RawKind::NotPop);
    fr.skip(rest.size());
}

void Pop3Parser::line_experts(Dir dir, const FramedLine& fl, bool limit_512, Pop3Events& ev) {
    if (fl.truncated)
        ev.on_expert(dir, fl.offset, fl.wire_length, E::truncated_line,
                     "Line longer than the line limit (" + num(framer_[0].max_line_length()) + " bytes), truncated");
    else if (limit_512 && fl.wire_length > kRfcLineLimit)
        ev.on_expert(dir, fl.offset, fl.wire_length, E::long_line,
                     "Line of " + num(fl.wire_length) + " octets is longer than 512 octets (RFC 2449)");
    if (fl.terminator == 1) ev.on_expert(dir, fl.offset, fl.wire_length, E::bare_lf, {});
}

// ---------------------------------------------------------------- client side

void Pop3Parser::client_bytes(Pop3Events& ev) {
    LineFramer& fr = framer_[0];
    for (;;) {
        if (mode_ != Mode::Pop) {
            drain_raw(Dir::ToServer, ev);
            return;
        }
        FramedLine fl;
        RawRun raw;
        if (fr.next(fl, raw) != LineFramer::Piece::Line) return;
        client_line(fl, ev);
    }
}

void Pop3Parser::client_line(const FramedLine& fl, Pop3Events& ev) {
    const LineView v = view_of(Dir::ToServer, fl);
    const bool first = !client_spoke_;
    client_spoke_ = true;
    RequestEvent r;
    r.line = v;
    r.parts = split_request(v.text);
    r.cmd = command_from_verb(r.parts.verb);

    // A POP3 client waits for the greeting; one that speaks first with
    // something that is not a command is another protocol (Redis on 110).
    if (first && !server_spoke_ && r.cmd == Command::Unknown) {
        ev.on_expert(Dir::ToServer, v.offset, v.wire_length, E::not_pop,
                     "Not POP3: the client spoke first with \"" + std::string(v.text.substr(0, 40)) +
                         "\"; the rest of the connection is shown as data");
        mode_ = Mode::NotPop;
        ev.on_raw(Dir::ToServer, v.offset, v.wire_length, RawKind::NotPop);
        return;
    }
    if (auth_active_) {
        SaslLineEvent s;
        s.line = v;
        s.mech = auth_mech_;
        s.step = step_for(auth_mech_, auth_responses_++, v.text);
        ev.on_sasl_line(s);
        line_experts(Dir::ToServer, fl, true, ev);
        if (s.step == AuthStep::Password || s.step == AuthStep::Credentials)
            ev.on_expert(Dir::ToServer, v.offset, v.wire_length, E::cleartext_password,
                         stls_offered_ ? "Password sent in cleartext (SASL) although the server offered STLS"
                                       : "Password sent in cleartext (SASL)");
        return;
    }

    r.state = state_;
    switch (r.cmd) {
        case Command::Retr:
        case Command::Top:
        case Command::Dele:
        case Command::List:
        case Command::Uidl: r.args = parse_message_args(r.cmd, r.parts.arg); break;
        case Command::Apop: {
            std::string_view a = r.parts.arg;
            std::size_t sp = a.find(' ');
            r.apop_name = a.substr(0, sp);
            if (sp != std::string_view::npos) r.apop_digest = a.substr(sp + 1);
            r.apop_timestamp = apop_timestamp_;
            break;
        }
        case Command::Auth: {
            std::string_view a = r.parts.arg;
            std::size_t sp = a.find(' ');
            r.mechanism = a.substr(0, sp);
            if (sp != std::string_view::npos) r.initial_response = a.substr(sp + 1);
            r.mech = mech_from_name(r.mechanism);
            break;
        }
        default: break;
    }
    ev.on_request(r);
    line_experts(Dir::ToServer, fl, true, ev);

    // Notes on the command.
    const uint64_t off = v.offset, len = v.wire_length;
    bool auth_pending = false;
    for (const Pending& p : pending_)
        if (p.cmd == Command::Pass || p.cmd == Command::Apop || (p.cmd == Command::Auth && p.has_arg))
            auth_pending = true;
    if (r.cmd == Command::Unknown) {
        ev.on_expert(Dir::ToServer, off, len, E::unknown_command,
                     "Unknown command: " + std::string(r.parts.verb.substr(0, 64)));
    } else if (!allowed_in(r.cmd, state_) && !(auth_pending && allowed_in(r.cmd, SessionState::Transaction))) {
        ev.on_expert(Dir::ToServer, off, len, E::bad_state,
                     std::string(command_name(r.cmd)) + " is not allowed in the " +
                         (state_ == SessionState::Authorization ? "AUTHORIZATION"
                          : state_ == SessionState::Transaction ? "TRANSACTION"
                                                                : "UPDATE") +
                         " state");
    }
    const bool needs_arg = r.cmd == Command::User || r.cmd == Command::Pass || r.cmd == Command::Apop;
    if (r.args.malformed || (needs_arg && r.parts.arg.empty()) ||
        (r.cmd == Command::Apop && r.apop_digest.empty()))
        ev.on_expert(Dir::ToServer, off, len, E::bad_argument,
                     "Malformed argument to " + std::string(command_name(r.cmd)));
    if (r.cmd == Command::Pass) {
        if (!user_sent_) ev.on_expert(Dir::ToServer, off, len, E::pass_before_user, {});
        ev.on_expert(Dir::ToServer, off, len, E::cleartext_password,
                     stls_offered_ ? "Password sent in cleartext (PASS) although the server offered STLS"
                                   : "Password sent in cleartext (PASS)");
    }
    if (r.cmd == Command::Apop)
        ev.on_expert(Dir::ToServer, off, len, E::apop_used,
                     apop_timestamp_.empty()
                         ? "APOP used, but the greeting carried no timestamp; APOP authenticates only the client "
                           "and its MD5 digest can be attacked offline"
                         : std::string{});
    if (r.cmd == Command::Auth && !r.initial_response.empty() &&
        step_for(r.mech, 0, r.initial_response) == AuthStep::Credentials)
        ev.on_expert(Dir::ToServer, off, len, E::cleartext_password,
                     stls_offered_ ? "Password sent in cleartext (SASL PLAIN) although the server offered STLS"
                                   : "Password sent in cleartext (SASL PLAIN)");

    // State the command changes right away.
    if (r.cmd == Command::User) user_sent_ = true;
    if (r.cmd == Command::Pass) user_sent_ = false;
    if (r.cmd == Command::Quit) quit_sent_ = true;
    if (r.cmd == Command::Auth && !r.mechanism.empty()) {
        auth_active_ = true;
        auth_mech_ = r.mech;
        auth_responses_ = r.initial_response.empty() ? 0 : 1;
    }

    if (pending_.size() >= limits_.max_pipelined_commands) {
        ev.on_expert(Dir::ToServer, off, len, E::too_many_pending,
                     "More than " + num(limits_.max_pipelined_commands) + " commands wait for responses");
        return;
    }
    pending_.push_back(Pending{r.cmd, !r.parts.arg.empty(), r.args, stamp_});
}

// ---------------------------------------------------------------- server side

void Pop3Parser::server_bytes(Pop3Events& ev) {
    LineFramer& fr = framer_[1];
    for (;;) {
        if (mode_ != Mode::Pop) {
            drain_raw(Dir::ToClient, ev);
            return;
        }
        if (ml_ == Multiline::Message && !fr.has_partial_line()) {
            if (fr.unread().empty()) return;
            scan_message(ev);
            continue;
        }
        FramedLine fl;
        RawRun raw;
        if (fr.next(fl, raw) != LineFramer::Piece::Line) return;
        server_line(fl, ev);
    }
}

void Pop3Parser::server_line(const FramedLine& fl, Pop3Events& ev) {
    const LineView v = view_of(Dir::ToClient, fl);
    server_spoke_ = true;
    if (!greeting_seen_) {
        StatusLine st = parse_status(v.text);
        if (!st.valid) {
            ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::not_pop,
                         "Not POP3: the server's first line is not a +OK/-ERR greeting; the rest of the "
                         "connection is shown as data");
            mode_ = Mode::NotPop;
            ev.on_raw(Dir::ToClient, v.offset, v.wire_length, RawKind::NotPop);
            return;
        }
        greeting_seen_ = true;
        ResponseEvent r;
        r.line = v;
        r.status = st;
        r.greeting = true;
        apop_timestamp_.assign(apop_timestamp(st.description));
        r.apop_timestamp = apop_timestamp_;
        ev.on_response(r);
        line_experts(Dir::ToClient, fl, true, ev);
        if (!st.ok)
            ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::err_response,
                         "-ERR greeting: " + std::string(st.description.substr(0, 200)));
        return;
    }
    // Experts follow the line's own node.
    if (ml_ == Multiline::Listing) {
        listing_line(v, ev);
    } else if (std::string_view payload; auth_active_ && is_continuation(v.text, payload)) {
        ev.on_challenge(ChallengeEvent{v, payload});
    } else {
        status_line(v, ev);
    }
    line_experts(Dir::ToClient, fl, true, ev);
}

void Pop3Parser::listing_line(const LineView& v, Pop3Events& ev) {
    ListingLineEvent l;
    l.line = v;
    l.request = ml_request_;
    if (v.text == ".") {
        l.kind = ListingKind::End;
        ml_ = Multiline::None;
        ev.on_listing_line(l);
        return;
    }
    l.content = v.text;
    if (!l.content.empty() && l.content.front() == '.') l.content.remove_prefix(1);
    switch (ml_request_) {
        case Command::List:
            l.kind = ListingKind::Scan;
            l.parsed = parse_two_numbers(l.content, l.msg, l.size);
            if (l.parsed) mailbox_.listed(l.msg, l.size);
            break;
        case Command::Uidl:
            l.kind = ListingKind::Uid;
            l.parsed = parse_uidl(l.content, l.msg, l.uid);
            break;
        case Command::Capa:
            l.kind = ListingKind::Capability;
            split_capa(l.content, l.name, l.args);
            l.parsed = !l.name.empty();
            if (iequals(l.name, "STLS")) stls_offered_ = true;
            break;
        case Command::Auth:
            l.kind = ListingKind::Mechanism;
            split_capa(l.content, l.name, l.args);
            l.parsed = !l.name.empty();
            break;
        default: l.kind = ListingKind::Other; break;
    }
    ev.on_listing_line(l);
}

void Pop3Parser::status_line(const LineView& v, Pop3Events& ev) {
    const StatusLine st = parse_status(v.text);
    if (pending_.empty()) {
        if (st.valid) {
            ResponseEvent r;
            r.line = v;
            r.status = st;
            ev.on_response(r);
            ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::unmatched_response, {});
        } else {
            ev.on_raw(Dir::ToClient, v.offset, v.wire_length, RawKind::Unexpected);
            ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::unexpected_data, {});
        }
        return;
    }
    const Pending p = pending_.front();
    pending_.pop_front();
    ResponseEvent r;
    r.line = v;
    r.status = st;
    r.matched = true;
    r.request = p.cmd;
    r.request_has_arg = p.has_arg;
    r.request_frame = p.stamp.frame;
    r.request_ts = p.stamp.ts_ns;
    r.args = p.args;
    if (!st.valid) {
        // The answer is garbage; it still used up its request, which keeps
        // the responses after it matched to the right commands.
        ev.on_response(r);
        ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::malformed_response,
                     "Response to " + std::string(command_name(p.cmd)) + " is neither +OK nor -ERR");
        if (p.cmd == Command::Auth) auth_active_ = false;
        return;
    }
    apply_response(p, r, ev);
}

void Pop3Parser::apply_response(const Pending& p, ResponseEvent& r, Pop3Events& ev) {
    const StatusLine& st = r.status;
    const LineView& v = r.line;
    bool to_tls = false;
    if (p.cmd == Command::Auth) auth_active_ = false;
    if (st.ok) {
        switch (p.cmd) {
            case Command::Pass:
            case Command::Apop:
                if (state_ == SessionState::Authorization) state_ = SessionState::Transaction;
                break;
            case Command::Auth:
                if (p.has_arg && state_ == SessionState::Authorization) state_ = SessionState::Transaction;
                break;
            case Command::Stat: r.has_figures = parse_two_numbers(st.description, r.first, r.second); break;
            case Command::List:
                if (p.has_arg) {
                    r.has_figures = parse_two_numbers(st.description, r.first, r.second);
                    if (r.has_figures) mailbox_.listed(r.first, r.second);
                }
                break;
            case Command::Retr:
                if (p.args.has_msg) mailbox_.retrieved(p.args.msg);
                break;
            case Command::Dele:
                if (p.args.has_msg) mailbox_.mark_deleted(p.args.msg);
                break;
            case Command::Rset: mailbox_.reset(); break;
            case Command::Quit:
                r.mailbox_summary = true;
                r.update = state_ == SessionState::Transaction;
                r.mailbox = &mailbox_;
                if (r.update) state_ = SessionState::Update;
                break;
            case Command::Stls: to_tls = true; break;
            default: break;
        }
        r.multiline = multiline_answer(p.cmd, p.has_arg);
    }
    ev.on_response(r);
    if (!st.ok)
        ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::err_response,
                     "-ERR to " + (p.cmd == Command::Unknown ? std::string("an unknown command")
                                                              : std::string(command_name(p.cmd))) +
                         (st.description.empty() ? std::string{} : ": " + std::string(st.description.substr(0, 200))));
    if (to_tls) {
        ev.on_expert(Dir::ToClient, v.offset, v.wire_length, E::starttls, {});
        mode_ = Mode::Tls;
        return;
    }
    if (!r.multiline) return;
    ml_request_ = p.cmd;
    ml_msg_ = p.args.msg;
    if (p.cmd == Command::Retr || p.cmd == Command::Top) begin_message(p, v.offset + v.wire_length, st, ev);
    else ml_ = Multiline::Listing;
}

// ---------------------------------------------------------------- RETR / TOP content

void Pop3Parser::begin_message(const Pending& p, uint64_t offset, const StatusLine& st, Pop3Events& ev) {
    ml_ = Multiline::Message;
    dot_ = DotState::LineStart;
    msg_cut_ = false;
    msg_bytes_ = 0;
    msg_has_expected_ = false;
    msg_expected_from_list_ = false;
    if (p.cmd == Command::Retr) {
        uint64_t n = 0;
        if (p.args.has_msg && mailbox_.listed_size(p.args.msg, n)) {
            msg_has_expected_ = msg_expected_from_list_ = true;
            msg_expected_ = n;
        } else if (octets_in(st.description, n)) {
            msg_has_expected_ = true;
            msg_expected_ = n;
        }
    }
    ev.on_message_begin(p.cmd, p.args.msg, offset);
}

// Finds the terminating CRLF.CRLF and removes byte-stuffing, byte by byte so
// that the terminator is found however the segments split it.
void Pop3Parser::scan_message(Pop3Events& ev) {
    LineFramer& fr = framer_[1];
    const std::span<const uint8_t> u = fr.unread();
    const uint64_t base = fr.unread_offset();
    std::size_t run = 0;  // start of content not yet handed on
    auto flush = [&](std::size_t end) {
        if (end > run && !msg_cut_) {
            ev.on_message_data(u.subspan(run, end - run));
            msg_bytes_ += end - run;
        }
    };
    static const uint8_t kCr[] = {'\r'};
    std::size_t end_at = 0;
    bool ended = false;
    for (std::size_t i = 0; i < u.size() && !ended; ++i) {
        if (dot_ == DotState::Mid) {
            // Inside a line only its end matters: jump there.
            const void* nl = std::memchr(u.data() + i, '\n', u.size() - i);
            if (!nl) break;
            i = static_cast<std::size_t>(static_cast<const uint8_t*>(nl) - u.data());
        }
        const uint8_t c = u[i];
        switch (dot_) {
            case DotState::LineStart:
                if (c == '.') {
                    flush(i);
                    run = i + 1;  // the dot is stuffing or the terminator: never content
                    dot_offset_ = base + i;
                    dot_ = DotState::Dot;
                } else {
                    dot_ = c == '\n' ? DotState::LineStart : DotState::Mid;
                }
                break;
            case DotState::Dot:
                if (c == '\r') {
                    run = i + 1;
                    dot_ = DotState::DotCR;
                } else if (c == '\n') {
                    ended = true;  // ".LF": tolerated as the terminator
                    end_at = i + 1;
                } else {
                    dot_ = DotState::Mid;
                }
                break;
            case DotState::DotCR:
                if (c == '\n') {
                    ended = true;
                    end_at = i + 1;
                } else {
                    // ".CR" then something else: the CR was content after a stuffed dot.
                    if (!msg_cut_) {
                        ev.on_message_data(kCr);
                        ++msg_bytes_;
                    }
                    run = i;
                    dot_ = DotState::Mid;
                }
                break;
            case DotState::Mid:
                if (c == '\n') dot_ = DotState::LineStart;
                break;
        }
    }
    if (!ended) {
        flush(u.size());
        ev.on_message_raw(base, u.size());
        fr.skip(u.size());
        return;
    }
    ev.on_message_raw(base, end_at);
    fr.skip(end_at);
    end_message(MessageEndReason::Dot, dot_offset_, ev);
}

void Pop3Parser::end_message(MessageEndReason why, uint64_t end_offset, Pop3Events& ev) {
    const bool already_cut = msg_cut_;
    ml_ = Multiline::None;
    dot_ = DotState::LineStart;
    if (already_cut) return;  // the sink was told at the gap
    Pop3Events::MessageEnd me;
    me.why = why;
    me.request = ml_request_;
    me.msg = ml_msg_;
    me.end_offset = end_offset;
    me.bytes = msg_bytes_;
    me.has_expected = msg_has_expected_;
    me.expected = msg_expected_;
    me.expected_from_list = msg_expected_from_list_;
    ev.on_message_end(me);
    if (why == MessageEndReason::Dot && msg_has_expected_ && msg_bytes_ != msg_expected_)
        ev.on_expert(Dir::ToClient, end_offset, 0, E::size_mismatch,
                     "RETR " + num(ml_msg_) + " carried " + num(msg_bytes_) + " octets, " +
                         (msg_expected_from_list_ ? "LIST said " : "its +OK line said ") + num(msg_expected_));
}

// ---------------------------------------------------------------- gaps, end

void Pop3Parser::gap(Dir dir, uint64_t offset, uint64_t length, Pop3Events& ev) {
    ev.on_expert(dir, offset, 0, E::gap, num(length) + " bytes missing from the " +
                                             (dir == Dir::ToServer ? "client" : "server") + " stream at offset " +
                                             num(offset));
    framer_[dir == Dir::ToServer ? 0 : 1].on_gap(offset, length);
    if (mode_ != Mode::Pop || dir != Dir::ToClient || ml_ != Multiline::Message || msg_cut_) return;
    // The message lost bytes: tell the sink now, and only look for its end.
    Pop3Events::MessageEnd me;
    me.why = MessageEndReason::Gap;
    me.request = ml_request_;
    me.msg = ml_msg_;
    me.end_offset = offset;
    me.bytes = msg_bytes_;
    ev.on_message_end(me);
    msg_cut_ = true;
    dot_ = DotState::Mid;  // a terminator needs a line start we have not seen
}

void Pop3Parser::end(Dir dir, Pop3Events& ev) {
    LineFramer& fr = framer_[dir == Dir::ToServer ? 0 : 1];
    if (mode_ == Mode::Pop) {
        FramedLine fl;
        if (fr.finish(fl)) {
            if (dir == Dir::ToServer) client_line(fl, ev);
            else server_line(fl, ev);
        }
    }
    if (dir != Dir::ToClient || mode_ != Mode::Pop || ml_ == Multiline::None) return;
    const uint64_t at = fr.unread_offset();
    ev.on_expert(Dir::ToClient, at, 0, E::unterminated,
                 "The " + std::string(command_name(ml_request_)) +
                     " response never ended (no \".\" line before the connection closed)");
    if (ml_ == Multiline::Message) end_message(MessageEndReason::Unterminated, at, ev);
    ml_ = Multiline::None;
}

}  // namespace ms::pop3
