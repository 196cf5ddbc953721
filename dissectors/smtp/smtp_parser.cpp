#include "smtp_parser.hpp"

#include <cstring>
#include <string>

namespace ms::smtp {

using E = smtp_experts::Expert;

namespace {
constexpr uint64_t kRfcLineLimit = 1000;  // RFC 5321 4.5.3.1.6, CRLF included

std::string_view as_text(std::span<const uint8_t> s) {
    return {reinterpret_cast<const char*>(s.data()), s.size()};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

SmtpParser::SmtpParser(const Limits& limits)
    : limits_(limits), framer_{LineFramer(limits.max_line_length), LineFramer(limits.max_line_length)} {}

bool SmtpParser::announced(std::string_view ext) const {
    if (iequals(ext, "PIPELINING")) return ext_pipelining_;
    if (iequals(ext, "CHUNKING")) return ext_chunking_;
    if (iequals(ext, "STARTTLS")) return ext_starttls_;
    return false;
}

void SmtpParser::feed(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, FeedStamp stamp,
                      SmtpEvents& ev) {
    stamp_ = stamp;
    if (bytes.empty()) return;
    if (dir == Dir::ToServer) {
        client_seen_ = true;
        framer_[0].feed(offset, bytes);
        client_bytes(ev);
    } else {
        server_seen_ = true;
        framer_[1].feed(offset, bytes);
        server_bytes(ev);
    }
}

// ---------------------------------------------------------------- client side

void SmtpParser::client_bytes(SmtpEvents& ev) {
    LineFramer& fr = framer_[0];
    for (;;) {
        if (client_mode_ == ClientMode::Tls) {
            auto rest = fr.unread();
            if (!rest.empty()) {
                ev.on_tls_data(Dir::ToServer, fr.unread_offset(), rest.size());
                fr.skip(rest.size());
            }
            return;
        }
        if (client_mode_ == ClientMode::Data) {
            if (fr.unread().empty()) return;
            scan_data(ev);
            continue;
        }
        // A client that starts its TLS handshake before we saw the 220.
        if (starttls_sent_ && !fr.has_partial_line() && !fr.unread().empty() && fr.unread()[0] == 0x16) {
            client_mode_ = ClientMode::Tls;
            continue;
        }
        FramedLine fl;
        RawRun raw;
        switch (fr.next(fl, raw)) {
            case LineFramer::Piece::None: return;
            case LineFramer::Piece::Raw: bdat_raw(raw, ev); break;
            case LineFramer::Piece::Line: client_line(fl, ev); break;
        }
    }
}

void SmtpParser::line_experts(Dir dir, const FramedLine& fl, SmtpEvents& ev) {
    if (fl.truncated)
        ev.on_expert(dir, fl.offset, fl.wire_length, E::truncated_line,
                     "Line longer than " + num(limits_.max_line_length) +
                         " bytes: truncated, the rest of it skipped");
    else if (fl.wire_length > kRfcLineLimit)
        ev.on_expert(dir, fl.offset, fl.wire_length, E::long_line,
                     "Line of " + num(fl.wire_length) + " octets (RFC 5321 allows 1000)");
    if (fl.terminator == 1) ev.on_expert(dir, fl.offset, fl.wire_length, E::bare_lf, {});
    if (fl.bare_cr) ev.on_expert(dir, fl.offset, fl.wire_length, E::bare_cr, {});
}

void SmtpParser::client_line(const FramedLine& fl, SmtpEvents& ev) {
    const LineView lv = view_of(Dir::ToServer, fl);
    line_experts(Dir::ToServer, fl, ev);
    if (quit_sent_ && !after_quit_reported_) {
        after_quit_reported_ = true;
        ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::after_quit, {});
    }

    CommandEvent c;
    c.line = lv;
    c.parts = split_command_line(lv.text);
    c.cmd = command_from_verb(c.parts.verb);

    if (fl.after_gap && c.cmd == Command::Unknown && !auth_active_) {
        ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::line_after_gap,
                     "Partial line after a gap skipped (" + num(fl.wire_length) + " bytes)");
        return;
    }

    // Inside AUTH: after a 334 every line is a response; without the server
    // side, anything that is not a command is taken as one.
    if (auth_active_ && (auth_prompted_ || c.cmd == Command::Unknown)) {
        AuthLineEvent a;
        a.line = lv;
        a.mech = auth_mech_;
        if (lv.text == "*") {
            a.step = AuthStep::Cancel;
        } else {
            switch (auth_mech_) {
                case AuthMech::Plain: a.step = AuthStep::Credentials; break;
                case AuthMech::Login: a.step = auth_lines_ == 0 ? AuthStep::Username : AuthStep::Password; break;
                case AuthMech::CramMd5: a.step = AuthStep::CramMd5; break;
                case AuthMech::XOAuth2: a.step = AuthStep::XOAuth2; break;
                default: a.step = AuthStep::Response; break;
            }
        }
        ++auth_lines_;
        auth_prompted_ = false;
        ev.on_auth_line(a);
        push_pending(Command::AuthResponse, fl.offset, ev);
        return;
    }
    auth_active_ = false;

    if (server_seen_ && !ext_pipelining_ && !pending_.empty())
        ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::pipelining,
                     std::string(command_name(c.cmd)) + " sent before the reply to " +
                         command_name(pending_.back().cmd) + " although PIPELINING was not announced");

    switch (c.cmd) {
        case Command::Helo:
        case Command::Ehlo:
        case Command::Rset:
            reset_transaction();
            break;
        case Command::Mail:
            reset_transaction();
            mail_seen_ = true;
            break;
        case Command::Rcpt:
            if (!mail_seen_)
                ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::out_of_order, "RCPT before MAIL");
            ++rcpt_sent_;
            break;
        case Command::Data:
        case Command::Bdat:
            // DATA while a BDAT message is open: its LAST chunk was lost (in a
            // gap) or never sent; that message ends here and DATA starts a new one.
            if (in_message_ && c.cmd == Command::Data && message_kind_ == MessageKind::Bdat) {
                ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::gap,
                             "DATA while the BDAT message had no LAST chunk: that message ends here");
                end_message(MessageEndReason::Unterminated, fl.offset, 0, ev);
                break;
            }
            if (in_message_) break;  // a later BDAT chunk
            if (!mail_seen_)
                ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::out_of_order,
                             std::string(command_name(c.cmd)) + " without MAIL");
            else if (rcpt_sent_ == 0)
                ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::out_of_order,
                             std::string(command_name(c.cmd)) + " without RCPT");
            else if (rcpt_answered_ == rcpt_sent_ && rcpt_accepted_ == 0)
                ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::out_of_order,
                             std::string(command_name(c.cmd)) + " although no RCPT was accepted");
            break;
        case Command::Quit: quit_sent_ = true; break;
        case Command::Starttls: starttls_sent_ = true; break;
        case Command::Auth: {
            AuthArg a = parse_auth_arg(c.parts.arg);
            c.auth = a.mech;
            auth_active_ = true;
            auth_prompted_ = false;
            auth_mech_ = a.mech;
            auth_lines_ = a.initial_response.empty() ? 0 : 1;
            break;
        }
        case Command::Unknown:
            ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::unknown_command,
                         "Unknown command: " + std::string(c.parts.verb.substr(0, 64)));
            break;
        default: break;
    }

    const uint64_t after_line = fl.offset + fl.wire_length;
    if (c.cmd == Command::Bdat) {
        c.bdat = parse_bdat_arg(c.parts.arg);
        if (!c.bdat.ok())
            ev.on_expert(Dir::ToServer, fl.offset, fl.wire_length, E::bad_bdat,
                         std::string("Bad BDAT chunk size: ") + bdat_error_text(c.bdat.error) +
                             "; the stream is read as commands");
    }
    ev.on_command(c);
    push_pending(c.cmd, fl.offset, ev);

    if (c.cmd == Command::Data) {
        client_mode_ = ClientMode::Data;
        dot_ = DotState::LineStart;
        data_prev_cr_ = true;
        data_line_len_ = 0;
    } else if (c.cmd == Command::Bdat && c.bdat.ok()) {
        if (!in_message_) begin_message(MessageKind::Bdat, after_line, ev);
        bdat_last_ = c.bdat.last;
        if (c.bdat.size > 0) {
            framer_[0].expect_raw(c.bdat.size);
            client_mode_ = ClientMode::Bdat;
        } else if (c.bdat.last) {
            end_message(MessageEndReason::BdatLast, after_line, 0, ev);
        }
    }
}

void SmtpParser::bdat_raw(const RawRun& raw, SmtpEvents& ev) {
    ev.on_message_raw(raw.offset, raw.bytes.size());
    ev.on_message_data(raw.bytes);
    message_bytes_ += raw.bytes.size();
    if (raw.remaining == 0) {
        client_mode_ = ClientMode::Commands;
        if (bdat_last_) end_message(MessageEndReason::BdatLast, raw.offset + raw.bytes.size(), 0, ev);
    }
}

// DATA content: find CRLF.CRLF and drop the stuffing dots, byte by byte so
// that any split of the stream gives the same message.
void SmtpParser::scan_data(SmtpEvents& ev) {
    LineFramer& fr = framer_[0];
    const std::span<const uint8_t> in = fr.unread();
    const uint64_t base = fr.unread_offset();
    if (!in_message_) begin_message(MessageKind::Data, base, ev);

    std::size_t run = 0;  // start of the bytes not yet handed on
    auto flush = [&](std::size_t to) {
        if (to > run) {
            ev.on_message_data(in.subspan(run, to - run));
            message_bytes_ += to - run;
        }
        run = to;
    };
    static const uint8_t kCR = '\r';

    for (std::size_t i = 0; i < in.size(); ++i) {
        // Inside a line nothing but its end matters: jump there with memchr
        // (message bodies are most of an SMTP stream's bytes).
        if (dot_ == DotState::Mid) {
            i = skip_to_line_end(in, i, base, ev);
            if (i == in.size()) break;
        }
        const uint8_t b = in[i];
        switch (dot_) {
            case DotState::LineStart:
                if (b == '.') {
                    flush(i);
                    run = i + 1;  // the dot is held back
                    dot_ = DotState::Dot;
                    dot_offset_ = base + i;
                    continue;
                }
                dot_ = DotState::Mid;
                break;
            case DotState::Dot:
                if (b == '\r') {
                    dot_ = DotState::DotCR;
                    run = i + 1;
                    continue;
                }
                if (b == '\n') {
                    ev.on_expert(Dir::ToServer, dot_offset_, base + i + 1 - dot_offset_, E::bare_lf,
                                 "Message ended by a bare LF after the dot");
                    goto eom;
                }
                // ".x": the leading dot was stuffing (RFC 5321 4.5.2) and stays dropped.
                dot_ = DotState::Mid;
                run = i;
                break;
            case DotState::DotCR:
                if (b == '\n') goto eom;
                // ".\rx": the dot is dropped, the CR is content.
                ev.on_message_data(std::span<const uint8_t>(&kCR, 1));
                ++message_bytes_;
                data_line_len_ += 1;
                data_prev_cr_ = true;
                dot_ = DotState::Mid;
                run = i;
                break;
            case DotState::Mid: break;
        }
        if (b == '\n') {
            if (!data_prev_cr_ && !data_bare_lf_reported_) {
                data_bare_lf_reported_ = true;
                ev.on_expert(Dir::ToServer, base + i, 1, E::bare_lf, "Bare LF inside the message");
            }
            dot_ = DotState::LineStart;
            data_line_len_ = 0;
        } else if (++data_line_len_ >= kRfcLineLimit && !data_long_line_reported_) {
            data_long_line_reported_ = true;
            ev.on_expert(Dir::ToServer, base + i, 1, E::long_line,
                         "Message line longer than 1000 octets");
        }
        data_prev_cr_ = (b == '\r');
        continue;

    eom: {
        const uint64_t eom_end = base + i + 1;
        if (dot_offset_ > base) ev.on_message_raw(base, dot_offset_ - base);
        fr.skip(i + 1);
        client_mode_ = ClientMode::Commands;
        end_message(MessageEndReason::Dot, dot_offset_, eom_end - dot_offset_, ev);
        push_pending(Command::MessageEnd, dot_offset_, ev);
        return;
    }
    }
    flush(in.size());
    ev.on_message_raw(base, in.size());
    fr.skip(in.size());
}

// Content bytes from `i` up to the next LF (or the end of `in`): only the
// line length and whether the last byte was a CR are tracked. Returns the
// index of the LF, or in.size().
std::size_t SmtpParser::skip_to_line_end(std::span<const uint8_t> in, std::size_t i, uint64_t base,
                                         SmtpEvents& ev) {
    const void* nl = std::memchr(in.data() + i, '\n', in.size() - i);
    const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const uint8_t*>(nl) - in.data()) : in.size();
    const std::size_t n = end - i;
    if (n == 0) return end;
    if (!data_long_line_reported_ && data_line_len_ + n >= kRfcLineLimit) {
        // The byte at which the line reaches the limit, as a byte-wise scan would report it.
        const std::size_t at = data_line_len_ + 1 >= kRfcLineLimit ? i : i + (kRfcLineLimit - 1 - data_line_len_);
        data_long_line_reported_ = true;
        ev.on_expert(Dir::ToServer, base + at, 1, E::long_line, "Message line longer than 1000 octets");
    }
    data_line_len_ += n;
    data_prev_cr_ = in[end - 1] == '\r';
    return end;
}

void SmtpParser::begin_message(MessageKind kind, uint64_t offset, SmtpEvents& ev) {
    in_message_ = true;
    message_kind_ = kind;
    message_gap_ = false;
    message_bytes_ = 0;
    data_bare_lf_reported_ = false;
    data_long_line_reported_ = false;
    ev.on_message_begin(kind, offset);
}

void SmtpParser::end_message(MessageEndReason why, uint64_t eom_offset, uint64_t eom_length, SmtpEvents& ev) {
    in_message_ = false;
    bdat_last_ = false;
    ev.on_message_end(why, eom_offset, eom_length, message_bytes_);
    reset_transaction();
}

void SmtpParser::push_pending(Command c, uint64_t offset, SmtpEvents& ev) {
    if (pending_.size() >= limits_.max_pipelined_commands && !pending_.empty()) {
        ev.on_expert(Dir::ToServer, offset, 0, E::too_many_pending,
                     "More than " + num(limits_.max_pipelined_commands) +
                         " commands wait for replies: the oldest is forgotten");
        pending_.pop_front();
    }
    pending_.push_back(Pending{c, stamp_, offset});
}

void SmtpParser::reset_transaction() {
    mail_seen_ = false;
    rcpt_sent_ = rcpt_answered_ = rcpt_accepted_ = 0;
}

// ---------------------------------------------------------------- server side

void SmtpParser::server_bytes(SmtpEvents& ev) {
    LineFramer& fr = framer_[1];
    for (;;) {
        if (server_tls_) {
            auto rest = fr.unread();
            if (!rest.empty()) {
                ev.on_tls_data(Dir::ToClient, fr.unread_offset(), rest.size());
                fr.skip(rest.size());
            }
            return;
        }
        FramedLine fl;
        RawRun raw;
        auto piece = fr.next(fl, raw);
        if (piece == LineFramer::Piece::None) return;
        if (piece == LineFramer::Piece::Line) server_line(fl, ev);
    }
}

void SmtpParser::note_extension(std::string_view keyword) {
    if (iequals(keyword, "PIPELINING")) ext_pipelining_ = true;
    else if (iequals(keyword, "CHUNKING")) ext_chunking_ = true;
    else if (iequals(keyword, "STARTTLS")) ext_starttls_ = true;
}

void SmtpParser::server_line(const FramedLine& fl, SmtpEvents& ev) {
    const LineView lv = view_of(Dir::ToClient, fl);
    const std::string_view t = lv.text;
    const bool valid = t.size() >= 3 && is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) &&
                       (t.size() == 3 || t[3] == ' ' || t[3] == '-');
    if (fl.after_gap && !valid) {
        ev.on_expert(Dir::ToClient, fl.offset, fl.wire_length, E::line_after_gap,
                     "Partial line after a gap skipped (" + num(fl.wire_length) + " bytes)");
        return;
    }
    line_experts(Dir::ToClient, fl, ev);

    ReplyLineEvent r;
    r.line = lv;
    r.first = !in_multiline_;
    if (valid) {
        r.code = uint16_t((t[0] - '0') * 100 + (t[1] - '0') * 10 + (t[2] - '0'));
        r.last = t.size() == 3 || t[3] == ' ';
        r.text = t.size() > 4 ? t.substr(4) : std::string_view{};
    } else {
        ev.on_expert(Dir::ToClient, fl.offset, fl.wire_length, E::bad_reply,
                     "Reply line without a three-digit code");
        r.last = !in_multiline_;  // a stray line inside a multi-line reply does not end it
        r.text = t;
    }
    if (!r.first && valid && r.code != multiline_code_) {
        r.code_mismatch = true;
        ev.on_expert(Dir::ToClient, fl.offset, fl.wire_length, E::rsp_code_unexpected,
                     "Continuation code " + num(r.code) + " differs from " + num(multiline_code_));
    }
    if (r.first) multiline_code_ = r.code;
    in_multiline_ = !r.last;

    // Which request does this reply answer?
    bool resynced = false;
    if (greeting_pending_ && (pending_.empty() || r.code == 220)) {
        r.request = Command::Greeting;
    } else if (client_mode_ == ClientMode::Data && in_message_ && message_gap_) {
        // The end of the message was lost in a gap: this reply answers it.
        r.request = Command::MessageEnd;
        resynced = true;
    } else if (!pending_.empty()) {
        const Pending& p = pending_.front();
        r.matched = true;
        r.request = p.cmd;
        r.request_frame = p.stamp.frame;
        r.request_ts = p.stamp.ts_ns;
    } else if (r.first && client_seen_) {
        ev.on_expert(Dir::ToClient, fl.offset, fl.wire_length, E::unmatched_reply, {});
    }
    r.auth = auth_active_ ? auth_mech_ : AuthMech::None;

    if (r.request == Command::Ehlo && valid) {
        if (r.first) ext_pipelining_ = ext_chunking_ = ext_starttls_ = false;
        else note_extension(parse_extension(r.text).keyword);
    }
    ev.on_reply_line(r);

    if (!r.last) return;
    if (resynced) {
        ev.on_expert(Dir::ToClient, fl.offset, fl.wire_length, E::gap,
                     "The end of the message was lost in a gap; this reply ends it");
        // The client waited for this reply, so what it sends next starts a
        // fresh command line.
        client_mode_ = ClientMode::Commands;
        end_message(MessageEndReason::Resynced, fl.offset, 0, ev);
        return;
    }
    if (r.request == Command::Greeting) greeting_pending_ = false;
    else if (r.matched) pending_.pop_front();
    greeting_pending_ = false;
    apply_reply(r.request, r.code, ev);
}

void SmtpParser::apply_reply(Command request, uint16_t code, SmtpEvents& ev) {
    const bool positive = code >= 200 && code < 300;
    switch (request) {
        case Command::Mail:
            if (!positive) mail_seen_ = false;
            break;
        case Command::Rcpt:
            ++rcpt_answered_;
            if (positive) ++rcpt_accepted_;
            break;
        case Command::Data:
            // Refused: the client sends no message, its next line is a command.
            if (code != 354 && client_mode_ == ClientMode::Data && !in_message_)
                client_mode_ = ClientMode::Commands;
            break;
        case Command::Starttls:
            if (code == 220) {
                server_tls_ = true;
                if (client_mode_ == ClientMode::Commands) client_mode_ = ClientMode::Tls;
                ev.on_expert(Dir::ToClient, framer_[1].unread_offset(), 0, E::starttls, {});
            } else {
                starttls_sent_ = false;
            }
            break;
        case Command::Auth:
        case Command::AuthResponse:
            if (code == 334) {
                auth_prompted_ = true;
            } else {
                auth_active_ = false;
                auth_prompted_ = false;
            }
            break;
        default: break;
    }
}

// ---------------------------------------------------------------- gaps, end

void SmtpParser::gap(Dir dir, uint64_t offset, uint64_t length, SmtpEvents& ev) {
    const std::string where = " (" + num(length) + " bytes at stream offset " + num(offset) +
                              ", parsing resumes at offset " + num(offset + length) + ")";
    if (dir == Dir::ToClient) {
        LineFramer& fr = framer_[1];
        if (server_tls_) {
            ev.on_expert(dir, offset, 0, E::gap, "TLS data lost" + where);
            return;
        }
        fr.on_gap(offset, length);
        in_multiline_ = false;
        const std::size_t dropped = pending_.size();
        pending_.clear();
        ev.on_expert(dir, offset, 0, E::gap,
                     "Server bytes lost" + where + "; " + num(dropped) +
                         " requests left unmatched, the next partial line is skipped");
        return;
    }

    LineFramer& fr = framer_[0];
    switch (client_mode_) {
        case ClientMode::Tls:
            ev.on_expert(dir, offset, 0, E::gap, "TLS data lost" + where);
            return;
        case ClientMode::Data:
            if (!in_message_) begin_message(MessageKind::Data, offset, ev);
            message_gap_ = true;
            dot_ = DotState::Mid;  // position in the line unknown
            data_prev_cr_ = false;
            ev.on_expert(dir, offset, 0, E::gap,
                         "Message bytes lost" + where + "; still in DATA, looking for CRLF.CRLF");
            return;
        case ClientMode::Bdat: {
            FramerGap g = fr.on_gap(offset, length);
            message_gap_ = true;
            if (g.raw_overrun || fr.raw_remaining() == 0) {
                client_mode_ = ClientMode::Commands;
                ev.on_expert(dir, offset, 0, E::gap,
                             "BDAT chunk bytes lost" + where +
                                 (g.raw_overrun ? "; the gap passed the chunk end, resuming with commands"
                                                : "; the chunk ended in the gap"));
                if (bdat_last_) end_message(MessageEndReason::BdatLast, offset + length, 0, ev);
            } else {
                ev.on_expert(dir, offset, 0, E::gap,
                             "BDAT chunk bytes lost" + where + "; " + num(fr.raw_remaining()) +
                                 " chunk bytes still expected");
            }
            return;
        }
        case ClientMode::Commands: {
            FramerGap g = fr.on_gap(offset, length);
            ev.on_expert(dir, offset, 0, E::gap,
                         "Client bytes lost" + where +
                             (g.line_bytes_lost ? "; a partial line of " + num(g.line_bytes_lost) + " bytes dropped"
                                                : std::string()));
            return;
        }
    }
}

void SmtpParser::end(Dir dir, SmtpEvents& ev) {
    FramedLine fl;
    if (dir == Dir::ToClient) {
        if (!server_tls_ && framer_[1].finish(fl)) server_line(fl, ev);
        return;
    }
    if (client_mode_ == ClientMode::Commands && framer_[0].finish(fl)) client_line(fl, ev);
    if (in_message_ || client_mode_ == ClientMode::Data || client_mode_ == ClientMode::Bdat) {
        const uint64_t at = framer_[0].unread_offset();
        ev.on_expert(Dir::ToServer, at, 0, E::unterminated_message, {});
        if (!in_message_) begin_message(MessageKind::Data, at, ev);
        end_message(MessageEndReason::Unterminated, at, 0, ev);
        client_mode_ = ClientMode::Commands;
    }
}

}  // namespace ms::smtp
