#include "smtp_dissector.hpp"

#include <algorithm>
#include <charconv>

#include "dissectors/core/pdu_position.hpp"
#include "dissectors/core/sasl_base64.hpp"
#include "smtp_codes.hpp"

namespace ms::smtp {

namespace F = smtp_fields;
using X = smtp_experts::Expert;

namespace {
// Fragments listed per message; the count and length stay exact past it.
constexpr std::size_t kMaxFragments = 4096;
// Message lines shown per delivery (a delivery is about one segment).
constexpr std::size_t kMaxLinesPerDelivery = 512;

FieldId fid(F::Field f) { return F::id(f); }

// "EHLO GP\r\n" as tshark prints a string holding CR and LF.
std::string escaped(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 4);
    for (char c : s) {
        if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string with_terminator(const LineView& l) {
    std::string s(l.text);
    if (l.terminator == 2) s += "\r\n";
    else if (l.terminator == 1) s += "\n";
    return s;
}

// A part of the line text, as a range relative to the line's range.
ByteRange sub_range(ByteRange line, std::string_view text, std::string_view part) {
    if (part.data() < text.data() || part.data() + part.size() > text.data() + text.size())
        return ByteRange{line.source, line.offset, 0};
    return ByteRange{line.source, uint32_t(line.offset + (part.data() - text.data())), uint32_t(part.size())};
}

bool parse_u64(std::string_view s, uint64_t& v) {
    if (s.empty()) return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}
}  // namespace

SmtpDissector::SmtpDissector(std::unique_ptr<MessageSink> sink) : sink_(std::move(sink)) {}

// ---------------------------------------------------------------- plumbing

void SmtpDissector::start(FrameContext& ctx, Dir dir, uint64_t offset, std::span<const uint8_t> bytes,
                          int64_t frame_offset) {
    (void)dir;
    const bool new_frame = ctx_ != &ctx || ctx.pinfo.number != node_frame_ ||
                           (have_top_ && top_.index >= ctx.tree.size());
    if (new_frame) {
        have_top_ = false;
        info_started_ = false;
        reply_open_ = false;
        tls_only_ = true;
        node_frame_ = ctx.pinfo.number;
    }
    ctx_ = &ctx;
    cur_offset_ = offset;
    cur_bytes_ = bytes;
    cur_frame_offset_ = frame_offset;
    if (!parser_) parser_.emplace(ctx.limits ? *ctx.limits : Limits{});
    if (message_cap_ == 0) message_cap_ = ctx.limits ? ctx.limits->max_decoded_bytes : Limits{}.max_decoded_bytes;
}

void SmtpDissector::on_data(FrameContext& ctx, const StreamData& data) {
    start(ctx, data.dir, data.offset, data.bytes, data.frame_offset);
    if (data.dir == Dir::ToServer) names_.on_client_data(ctx.pinfo);
    parser_->feed(data.dir, data.offset, data.bytes, FeedStamp{data.frame_number, ctx.pinfo.ts_ns}, *this);
}

void SmtpDissector::on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) {
    start(ctx, dir, offset + length, {}, -1);
    parser_->gap(dir, offset, length, *this);
}

void SmtpDissector::on_end(FrameContext& ctx, Dir dir, EndReason why) {
    (void)why;
    start(ctx, dir, 0, {}, -1);
    parser_->end(dir, *this);
}

NodeRef SmtpDissector::top() {
    if (!have_top_) {
        ByteRange r{kFrameSource, 0, 0};
        if (cur_frame_offset_ >= 0) r = ByteRange{kFrameSource, uint32_t(cur_frame_offset_), uint32_t(cur_bytes_.size())};
        top_ = ctx_->tree.add_none(ctx_->tree.root(), fid(F::proto), r);
        have_top_ = true;
        ctx_->pinfo.protocol = "SMTP";
    }
    return top_;
}

std::optional<ByteRange> SmtpDissector::frame_range(uint64_t offset, uint64_t length) const {
    return DeliveryPosition{cur_offset_, cur_bytes_.size(), cur_frame_offset_}.frame_range(offset, length);
}

ByteRange SmtpDissector::line_range(const LineView& line) {
    if (auto r = frame_range(line.offset, line.wire_length)) return *r;
    // The line began in an earlier segment: show it from its own source.
    std::string bytes = with_terminator(line);
    SourceId sid = ctx_->add_source("Reassembled SMTP (" + std::to_string(bytes.size()) + " bytes)",
                                    std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    return ByteRange{sid, 0, uint32_t(bytes.size())};
}

ByteRange SmtpDissector::point(uint64_t offset) const {
    if (auto r = frame_range(offset, 0)) return *r;
    return ByteRange{kFrameSource, uint32_t(cur_frame_offset_ >= 0 ? cur_frame_offset_ : 0), 0};
}

// ---------------------------------------------------------------- commands

void SmtpDissector::on_command(const CommandEvent& c) {
    names_.on_command(c);
    tls_only_ = false;
    ProtoTree& t = ctx_->tree;
    NodeRef smtp = top();
    reply_open_ = false;
    const ByteRange lr = line_range(c.line);
    t.set_hidden(t.add_bool(smtp, fid(F::req), ByteRange{lr.source, lr.offset, 0}, true));
    NodeRef cl{smtp.index, false};  // the line's fields hang under the line when it is kept
    if (t.wants(fid(F::command_line))) {
        const std::string full = with_terminator(c.line);
        cl = t.add_string(smtp, fid(F::command_line), lr, full);
        if (t.wants_labels()) t.set_label(cl, "Command Line: " + escaped(full));
    }
    t.add_string(cl, fid(F::req_command), sub_range(lr, c.line.text, c.parts.verb), c.parts.verb);
    if (!c.parts.arg.empty())
        t.add_string(cl, fid(F::req_parameter), sub_range(lr, c.line.text, c.parts.arg), c.parts.arg);
    add_command_details(cl, lr, c);
    add_info("C: ", c.line.text);
}

void SmtpDissector::add_command_details(NodeRef cl, ByteRange lr, const CommandEvent& c) {
    ProtoTree& t = ctx_->tree;
    const std::string_view text = c.line.text;
    const std::string_view arg = c.parts.arg;
    auto sub = [&](std::string_view part) { return sub_range(lr, text, part); };

    auto add_params = [&](const std::vector<Param>& params, bool rcpt) {
        for (const Param& p : params) {
            std::string_view whole(p.keyword.data(),
                                   p.has_value ? std::size_t(p.value.data() + p.value.size() - p.keyword.data())
                                               : p.keyword.size());
            NodeRef pn = t.add_string(cl, fid(F::esmtp_param), sub(whole), whole);
            ByteRange vr = sub(p.value);
            if (iequals(p.keyword, "SIZE") && !rcpt) {
                uint64_t v = 0;
                if (parse_u64(p.value, v)) t.add_uint(pn, fid(F::param_size), vr, v);
                else t.add_expert(pn, smtp_experts::id(X::bad_param), sub(whole), "SIZE is not a number");
            } else if (iequals(p.keyword, "BODY") && !rcpt) {
                t.add_string(pn, fid(F::param_body), vr, p.value);
            } else if (iequals(p.keyword, "SMTPUTF8") && !rcpt) {
                t.add_bool(pn, fid(F::param_smtputf8), sub(p.keyword), true);
            } else if (iequals(p.keyword, "AUTH") && !rcpt) {
                t.add_string(pn, fid(F::param_auth), vr, p.value);
            } else if (iequals(p.keyword, "RET") && !rcpt) {
                t.add_string(pn, fid(F::param_ret), vr, p.value);
            } else if (iequals(p.keyword, "ENVID") && !rcpt) {
                t.add_string(pn, fid(F::param_envid), vr, p.value);
            } else if (iequals(p.keyword, "NOTIFY") && rcpt) {
                t.add_string(pn, fid(F::param_notify), vr, p.value);
            } else if (iequals(p.keyword, "ORCPT") && rcpt) {
                t.add_string(pn, fid(F::param_orcpt), vr, p.value);
            }
        }
    };

    switch (c.cmd) {
        case Command::Helo:
        case Command::Ehlo:
        case Command::Etrn:
        case Command::Atrn:
            if (!arg.empty()) t.add_string(cl, fid(F::req_domain), sub(arg), arg);
            break;
        case Command::Mail:
        case Command::Send:
        case Command::Soml:
        case Command::Saml:
        case Command::Rcpt: {
            const bool rcpt = c.cmd == Command::Rcpt;
            PathArg pa = parse_path_arg(arg, rcpt ? "TO:" : "FROM:");
            if (!pa.path.empty()) {
                NodeRef pn = t.add_string(cl, fid(rcpt ? F::forward_path : F::reverse_path), sub(pa.path), pa.path);
                t.add_string(pn, fid(F::address), sub(pa.mailbox), pa.mailbox);
            }
            if (!pa.ok)
                t.add_expert(cl, smtp_experts::id(X::bad_param), lr,
                             rcpt ? "Expected TO:<forward-path>" : "Expected FROM:<reverse-path>");
            add_params(pa.params, rcpt);
            break;
        }
        case Command::Vrfy:
        case Command::Expn:
            if (!arg.empty()) t.add_string(cl, fid(F::address), sub(arg), arg);
            break;
        case Command::Bdat:
            if (c.bdat.ok()) {
                CommandLine p = c.parts;
                std::string_view size_tok = p.arg.substr(0, std::min(p.arg.find(' '), p.arg.size()));
                t.add_uint(cl, fid(F::bdat_size), sub(size_tok), c.bdat.size);
                t.add_bool(cl, fid(F::bdat_last), sub(arg), c.bdat.last);
            }
            break;
        case Command::Auth: {
            AuthArg a = parse_auth_arg(arg);
            t.add_string(cl, fid(F::auth_mechanism), sub(a.mechanism), a.mechanism);
            if (!a.initial_response.empty()) {
                AuthStep step = AuthStep::Response;
                switch (a.mech) {
                    case AuthMech::Plain: step = AuthStep::Credentials; break;
                    case AuthMech::Login: step = AuthStep::Username; break;
                    case AuthMech::XOAuth2: step = AuthStep::XOAuth2; break;
                    default: break;
                }
                add_auth_values(cl, sub(a.initial_response), step, a.initial_response);
            }
            break;
        }
        case Command::Xclient:
        case Command::Xforward:
            for (const Param& p : parse_params(arg)) {
                std::string_view whole(p.keyword.data(),
                                       p.has_value ? std::size_t(p.value.data() + p.value.size() - p.keyword.data())
                                                   : p.keyword.size());
                t.add_string(cl, fid(F::xclient_attr), sub(whole), whole);
            }
            break;
        default: break;
    }
}

// Decodes one base64 SASL message and shows what it carries.
void SmtpDissector::add_auth_values(NodeRef parent, ByteRange r, AuthStep step, std::string_view b64) {
    ProtoTree& t = ctx_->tree;
    if (step == AuthStep::Cancel) {
        t.add_string(parent, fid(F::auth_data), r, "*");
        return;
    }
    std::string dec;
    if (!decode_base64(b64, dec)) {
        t.add_expert(parent, smtp_experts::id(X::base64_decode), r);
        // Wireshark shows the undecoded text in the same fields.
        if (step == AuthStep::Username) t.add_string(parent, fid(F::auth_username), r, b64);
        else if (step == AuthStep::Password) t.add_string(parent, fid(F::auth_password), r, b64);
        else t.add_string(parent, fid(F::auth_data), r, b64);
        return;
    }
    switch (step) {
        case AuthStep::Username: t.add_string(parent, fid(F::auth_username), r, printable(dec)); break;
        case AuthStep::Password: t.add_string(parent, fid(F::auth_password), r, printable(dec)); break;
        case AuthStep::Credentials: {
            // authzid NUL authcid NUL passwd (RFC 4616)
            std::string_view d = dec;
            std::size_t a = d.find('\0');
            std::size_t b = a == std::string_view::npos ? a : d.find('\0', a + 1);
            if (b == std::string_view::npos) {
                t.add_string(parent, fid(F::auth_data), r, printable(dec));
                break;
            }
            std::string_view authzid = d.substr(0, a), user = d.substr(a + 1, b - a - 1), pass = d.substr(b + 1);
            NodeRef up = t.add_string(parent, fid(F::auth_username_password), r,
                                      printable(user) + "/" + printable(pass));
            if (!authzid.empty()) t.add_string(up, fid(F::auth_authzid), r, printable(authzid));
            t.add_string(up, fid(F::auth_username), r, printable(user));
            t.add_string(up, fid(F::auth_password), r, printable(pass));
            break;
        }
        case AuthStep::CramMd5: {
            std::string_view d = dec;
            std::size_t sp = d.rfind(' ');
            if (sp == std::string_view::npos) {
                t.add_string(parent, fid(F::auth_data), r, printable(dec));
                break;
            }
            t.add_string(parent, fid(F::auth_username), r, printable(d.substr(0, sp)));
            t.add_string(parent, fid(F::auth_digest), r, printable(d.substr(sp + 1)));
            break;
        }
        case AuthStep::XOAuth2: {
            // "user=" u ^A "auth=Bearer " token ^A ^A (or OAUTHBEARER's gs2 header)
            std::string_view d = dec;
            bool any = false;
            std::size_t at = 0;
            while (at <= d.size()) {
                std::size_t end = d.find('\x01', at);
                std::string_view kv = d.substr(at, end == std::string_view::npos ? d.size() - at : end - at);
                if (kv.substr(0, 5) == "user=") {
                    t.add_string(parent, fid(F::auth_username), r, printable(kv.substr(5)));
                    any = true;
                } else if (kv.substr(0, 5) == "auth=") {
                    std::string_view tok = kv.substr(5);
                    if (tok.size() > 7 && iequals(tok.substr(0, 7), "Bearer ")) tok.remove_prefix(7);
                    t.add_string(parent, fid(F::auth_token), r, printable(tok));
                    any = true;
                }
                if (end == std::string_view::npos) break;
                at = end + 1;
            }
            if (!any) t.add_string(parent, fid(F::auth_data), r, printable(dec));
            break;
        }
        default: t.add_string(parent, fid(F::auth_data), r, printable(dec)); break;
    }
}

void SmtpDissector::on_auth_line(const AuthLineEvent& a) {
    tls_only_ = false;
    ProtoTree& t = ctx_->tree;
    NodeRef smtp = top();
    reply_open_ = false;
    const ByteRange lr = line_range(a.line);
    t.set_hidden(t.add_bool(smtp, fid(F::req), ByteRange{lr.source, lr.offset, 0}, true));
    add_auth_values(smtp, ByteRange{lr.source, lr.offset, uint32_t(a.line.text.size())}, a.step, a.line.text);
    switch (a.step) {
        case AuthStep::Username: add_info("C: User: ", a.line.text); break;
        case AuthStep::Password: add_info("C: Pass: ", a.line.text); break;
        default: add_info("C: ", a.line.text); break;
    }
}

// ---------------------------------------------------------------- replies

void SmtpDissector::on_reply_line(const ReplyLineEvent& r) {
    names_.on_reply(r);
    tls_only_ = false;
    ProtoTree& t = ctx_->tree;
    NodeRef smtp = top();
    const ByteRange lr = line_range(r.line);
    const std::string_view text = r.line.text;
    const bool new_node = r.first || !reply_open_;
    if (new_node) {
        t.set_hidden(t.add_bool(smtp, fid(F::rsp), ByteRange{lr.source, lr.offset, 0}, true));
        reply_node_ = NodeRef{smtp.index, false};
        if (t.wants(fid(F::response))) {
            const std::string full = with_terminator(r.line);
            reply_node_ = t.add_string(smtp, fid(F::response), lr, full);
            if (t.wants_labels()) t.set_label(reply_node_, "Response: " + escaped(full));
        }
        reply_open_ = true;
        // The code once per reply and frame, as Wireshark shows it (a reply
        // spread over frames shows it in each).
        if (r.code) {
            ByteRange cr{lr.source, lr.offset, 3};
            NodeRef code = t.add_uint(reply_node_, fid(F::response_code), cr, r.code);
            t.add_uint(code, fid(F::code_class), ByteRange{lr.source, lr.offset, 1}, r.code / 100);
            t.add_uint(code, fid(F::code_category), ByteRange{lr.source, lr.offset + 1, 1}, (r.code / 10) % 10);
            t.add_uint(code, fid(F::code_detail), ByteRange{lr.source, lr.offset + 2, 1}, r.code % 10);
        }
        if (r.first) add_info("S: ", text);
        else add_info(r.text);
        if (r.first && r.code >= 400)
            t.add_expert(reply_node_, smtp_experts::id(X::reply_error), lr,
                         std::string(r.code >= 500 ? "Permanent" : "Transient") + " error reply " +
                             std::to_string(r.code) + ": " + std::string(r.text.substr(0, 200)));
    } else {
        add_info(r.text);
    }
    NodeRef parent = reply_node_;
    if (!r.text.empty()) {
        const ByteRange pr = sub_range(lr, text, r.text);
        NodeRef param = t.add_string(parent, fid(F::rsp_parameter), pr, r.text);
        // RFC 3463 enhanced code on any line of a 2xx/4xx/5xx reply.
        if (r.code >= 200 && r.code < 600) {
            if (auto ec = parse_enhanced_code(r.text)) {
                std::string_view code_text = r.text.substr(0, ec->length);
                ByteRange er = sub_range(lr, text, code_text);
                NodeRef en = t.add_string(param, fid(F::enhanced), er, code_text);
                if (t.wants_labels()) {
                    std::string lbl = "Enhanced status code: " + std::string(code_text);
                    std::string_view meaning = enhanced_detail_meaning(ec->subject, ec->detail);
                    if (!meaning.empty()) lbl += " (" + std::string(meaning) + ")";
                    t.set_label(en, lbl);
                }
                t.add_uint(en, fid(F::enhanced_class), ByteRange{er.source, er.offset, 1}, ec->cls);
                t.add_uint(en, fid(F::enhanced_subject), er, ec->subject);
                NodeRef d = t.add_uint(en, fid(F::enhanced_detail), er, ec->detail);
                std::string_view meaning = enhanced_detail_meaning(ec->subject, ec->detail);
                if (t.wants_labels() && !meaning.empty())
                    t.set_label(d, "Detail: " + std::string(meaning) + " (" + std::to_string(ec->detail) + ")");
            }
        }
        if (r.request == Command::Ehlo && r.code == 250) {
            if (r.first) {
                std::string_view dom = r.text.substr(0, std::min(r.text.find(' '), r.text.size()));
                t.add_string(param, fid(F::ehlo_domain), sub_range(lr, text, dom), dom);
            } else {
                Extension e = parse_extension(r.text);
                NodeRef en = t.add_string(param, fid(F::ehlo_extension), sub_range(lr, text, e.keyword), e.keyword);
                if (!e.params.empty())
                    for (const Param& p : parse_params(e.params))
                        t.add_string(en, fid(F::ehlo_extension_param), sub_range(lr, text, p.keyword),
                                     p.keyword);
            }
        }
        if ((r.request == Command::Vrfy || r.request == Command::Expn) && r.code >= 250 && r.code <= 252) {
            auto addrs = find_angle_addresses(r.text);
            for (std::string_view a : addrs) t.add_string(param, fid(F::address), sub_range(lr, text, a), a);
            if (r.last)
                t.add_expert(parent, smtp_experts::id(X::vrfy_answered), lr,
                             std::string(command_name(r.request)) + " answered with " +
                                 std::to_string(r.code) + (addrs.empty() ? "" : ": addresses disclosed"));
        }
        if (r.code == 334 && (r.request == Command::Auth || r.request == Command::AuthResponse)) {
            std::string dec;
            if (decode_base64(r.text, dec)) t.add_string(param, fid(F::auth_challenge), pr, printable(dec));
        }
    }
    if (r.last) {
        if (r.matched && r.request_frame) {
            NodeRef to = t.add_uint(parent, fid(F::response_to), ByteRange{lr.source, lr.offset, 0}, r.request_frame);
            t.set_generated(to);
            NodeRef tm = t.add_time(parent, fid(F::time), ByteRange{lr.source, lr.offset, 0},
                                    ctx_->pinfo.ts_ns - r.request_ts);
            t.set_generated(tm);
        }
        reply_open_ = false;
    }
}

// ---------------------------------------------------------------- messages

void SmtpDissector::on_message_begin(MessageKind kind, uint64_t offset) {
    message_open_ = true;
    message_chunked_ = kind == MessageKind::Bdat;
    message_.clear();
    message_overflow_ = false;
    message_size_ = 0;
    // The unstuffed bytes are kept only to be shown here (no message layer).
    message_kept_ = !sink_ && (ctx_->tree.wants_labels() || ctx_->tree.wants(fid(F::message_bytes)));
    fragments_.clear();
    fragments_dropped_ = 0;
    raw_total_ = 0;
    if (sink_) {
        MessageInfo info;
        info.transport = "smtp";
        info.stream_offset = offset;
        info.dir = Dir::ToServer;
        info.chunked = message_chunked_;
        names_.fill(info);
        sink_->begin(*ctx_, info);
    }
}

void SmtpDissector::add_message_lines(NodeRef parent, uint64_t offset, uint64_t length) {
    ProtoTree& t = ctx_->tree;
    if (!t.wants(fid(F::message))) return;
    auto fr = frame_range(offset, length);
    if (!fr) return;
    const std::size_t start = std::size_t(offset - cur_offset_);
    std::string_view all(reinterpret_cast<const char*>(cur_bytes_.data()) + start, std::size_t(length));
    std::size_t at = 0, n = 0;
    while (at < all.size() && n < kMaxLinesPerDelivery) {
        std::size_t lf = all.find('\n', at);
        std::size_t end = lf == std::string_view::npos ? all.size() : lf + 1;
        std::string_view line = all.substr(at, end - at);
        NodeRef ln = t.add_string(parent, fid(F::message), ByteRange{kFrameSource, uint32_t(fr->offset + at), uint32_t(line.size())}, line);
        if (t.wants_labels()) t.set_label(ln, escaped(line));
        at = end;
        ++n;
    }
}

void SmtpDissector::on_message_raw(uint64_t offset, uint64_t length) {
    if (length == 0) return;
    tls_only_ = false;
    NodeRef smtp = top();
    reply_open_ = false;
    add_message_lines(smtp, offset, length);
    add_info("C: DATA fragment, ", length, " bytes");
    if (fragments_.size() < kMaxFragments) fragments_.push_back(Fragment{ctx_->pinfo.number, raw_total_, length});
    else ++fragments_dropped_;
    raw_total_ += length;
}

void SmtpDissector::on_message_data(std::span<const uint8_t> bytes) {
    if (!message_overflow_) {
        message_size_ += bytes.size();
        if (message_size_ <= message_cap_) {
            if (message_kept_) message_.insert(message_.end(), bytes.begin(), bytes.end());
        } else {
            message_overflow_ = true;
            message_.clear();
            message_.shrink_to_fit();
        }
    }
    if (sink_) sink_->data(*ctx_, bytes);
}

void SmtpDissector::on_message_end(MessageEndReason why, uint64_t eom_offset, uint64_t eom_length,
                                   uint64_t message_bytes) {
    tls_only_ = false;
    ProtoTree& t = ctx_->tree;
    NodeRef smtp = top();
    reply_open_ = false;
    if (eom_length > 0) {
        ByteRange er;
        if (auto r = frame_range(eom_offset, eom_length)) {
            er = *r;
        } else {
            static const uint8_t kEom[] = {'.', '\r', '\n'};
            uint64_t n = std::min<uint64_t>(eom_length, 3);
            SourceId sid = ctx_->add_source("Reassembled SMTP (" + std::to_string(n) + " bytes)",
                                            std::span<const uint8_t>(kEom, n));
            er = ByteRange{sid, 0, uint32_t(n)};
        }
        NodeRef eom = t.add_none(smtp, fid(F::eom), er);
        if (t.wants_labels()) t.set_label(eom, "C: .");
        add_info("C: .");
    }

    // [N DATA fragments (X bytes): #22(1460), ...]
    NodeRef frags = t.add_none(smtp, fid(F::data_fragments), point(eom_offset));
    t.set_generated(frags);
    if (t.wants_labels()) {
        std::string lbl = std::to_string(fragments_.size() + fragments_dropped_) + " DATA fragments (" +
                          std::to_string(raw_total_) + " bytes)";
        for (std::size_t i = 0; i < fragments_.size() && i < 64; ++i)
            lbl += (i ? ", #" : ": #") + std::to_string(fragments_[i].frame) + "(" +
                   std::to_string(fragments_[i].length) + ")";
        if (fragments_.size() > 64) lbl += ", ...";
        t.set_label(frags, lbl);
    }
    for (const Fragment& f : fragments_) {
        NodeRef fn = t.add_uint(frags, fid(F::data_fragment), point(eom_offset), f.frame);
        t.set_generated(fn);
        if (t.wants_labels())
            t.set_label(fn, "Frame: " + std::to_string(f.frame) + ", payload: " + std::to_string(f.payload_offset) +
                                "-" + std::to_string(f.payload_offset + f.length - 1) + " (" +
                                std::to_string(f.length) + " bytes)");
    }
    t.set_generated(t.add_uint(frags, fid(F::data_fragment_count), point(eom_offset),
                               fragments_.size() + fragments_dropped_));
    t.set_generated(t.add_uint(frags, fid(F::data_reassembled_length), point(eom_offset), raw_total_));

    NodeRef len = t.add_uint(smtp, fid(F::message_length), point(eom_offset), message_bytes);
    t.set_generated(len);
    if (message_overflow_) {
        t.add_expert(smtp, smtp_experts::id(X::message_too_big), point(eom_offset),
                     "Message of " + std::to_string(message_bytes) + " bytes is larger than the decode limit (" +
                         std::to_string(message_cap_) + "): handed on in pieces, not shown whole");
    } else if (message_kept_) {
        // Without a message layer the unstuffed bytes are shown here; with
        // one, the message layer adds them with its tree.
        SourceId sid = ctx_->add_source("Message (" + std::to_string(message_.size()) + " bytes)", message_);
        NodeRef mn = t.add_none(smtp, fid(F::message_bytes), ByteRange{sid, 0, uint32_t(message_.size())});
        if (t.wants_labels()) t.set_label(mn, "Message (" + std::to_string(message_.size()) + " bytes)");
    }
    if (sink_) sink_->end(*ctx_, smtp, why == MessageEndReason::Dot || why == MessageEndReason::BdatLast);
    message_open_ = false;
    message_.clear();
    if (message_.capacity() > (1u << 20)) message_.shrink_to_fit();
    fragments_.clear();
    fragments_dropped_ = 0;
    raw_total_ = 0;
}

// ---------------------------------------------------------------- TLS, experts

void SmtpDissector::on_tls_data(Dir dir, uint64_t offset, uint64_t length) {
    (void)dir;
    ProtoTree& t = ctx_->tree;
    const bool only = tls_only_ && !have_top_;
    NodeRef smtp = top();
    ByteRange r = frame_range(offset, length).value_or(point(offset));
    NodeRef n = t.add_none(smtp, fid(F::tls_data), r);
    if (t.wants_labels())
        t.set_label(n, "Encrypted data (TLS after STARTTLS), " + std::to_string(length) + " bytes");
    if (only) ctx_->pinfo.protocol = "TLS";
    add_info("Encrypted data (TLS after STARTTLS), ", length, " bytes");
}

void SmtpDissector::on_expert(Dir dir, uint64_t offset, uint64_t length, smtp_experts::Expert e,
                              std::string text) {
    (void)dir;
    NodeRef smtp = top();
    ByteRange r = frame_range(offset, std::min<uint64_t>(length, UINT32_MAX)).value_or(point(offset));
    NodeRef parent = smtp;
    ctx_->tree.add_expert(parent, smtp_experts::id(e), r, text);
}

}  // namespace ms::smtp
