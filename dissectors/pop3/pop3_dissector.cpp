#include "pop3_dissector.hpp"

#include "dissectors/core/pdu_position.hpp"

#include <algorithm>

namespace ms::pop3 {

namespace F = pop3_fields;
using X = pop3_experts::Expert;

namespace {
constexpr std::size_t kMaxFragments = 4096;          // listed per message; count stays exact
constexpr std::size_t kMaxLinesPerDelivery = 512;    // message lines shown per delivery
constexpr std::size_t kMaxDeletedShown = 256;        // pop.mailbox.deleted items on QUIT

FieldId fid(F::Field f) { return F::id(f); }

// "RETR 1\r\n" as tshark prints a line holding CR and LF.
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

ByteRange empty_at(ByteRange r) { return ByteRange{r.source, r.offset, 0}; }
}  // namespace

Pop3Dissector::Pop3Dissector(std::unique_ptr<CarriedMessageSink> sink) : sink_(std::move(sink)) {}

// ---------------------------------------------------------------- plumbing

void Pop3Dissector::start(FrameContext& ctx, uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset) {
    const bool new_frame = ctx_ != &ctx || ctx.pinfo.number != node_frame_ ||
                           (have_top_ && top_.index >= ctx.tree.size());
    if (new_frame) {
        have_top_ = false;
        info_started_ = false;
        have_raw_node_ = false;
        raw_bytes_ = 0;
        node_frame_ = ctx.pinfo.number;
    }
    ctx_ = &ctx;
    cur_offset_ = offset;
    cur_bytes_ = bytes;
    cur_frame_offset_ = frame_offset;
    if (!parser_) parser_.emplace(ctx.limits ? *ctx.limits : Limits{});
    if (message_cap_ == 0) message_cap_ = ctx.limits ? ctx.limits->max_decoded_bytes : Limits{}.max_decoded_bytes;
}

void Pop3Dissector::on_data(FrameContext& ctx, const StreamData& data) {
    start(ctx, data.offset, data.bytes, data.frame_offset);
    parser_->feed(data.dir, data.offset, data.bytes, FeedStamp{data.frame_number, ctx.pinfo.ts_ns}, *this);
}

void Pop3Dissector::on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) {
    start(ctx, offset + length, {}, -1);
    parser_->gap(dir, offset, length, *this);
}

void Pop3Dissector::on_end(FrameContext& ctx, Dir dir, EndReason why) {
    (void)why;
    start(ctx, 0, {}, -1);
    parser_->end(dir, *this);
}

NodeRef Pop3Dissector::top() {
    if (!have_top_) {
        ByteRange r{kFrameSource, 0, 0};
        if (cur_frame_offset_ >= 0) r = ByteRange{kFrameSource, uint32_t(cur_frame_offset_), uint32_t(cur_bytes_.size())};
        top_ = ctx_->tree.add_none(ctx_->tree.root(), fid(F::proto), r);
        have_top_ = true;
        ctx_->pinfo.protocol = "POP";
    }
    return top_;
}

std::optional<ByteRange> Pop3Dissector::frame_range(uint64_t offset, uint64_t length) const {
    return DeliveryPosition{cur_offset_, cur_bytes_.size(), cur_frame_offset_}.frame_range(offset, length);
}

ByteRange Pop3Dissector::line_range(const LineView& line) {
    if (!line.truncated)
        if (auto r = frame_range(line.offset, line.wire_length)) return *r;
    // The line began in an earlier segment (or was cut): show it from its own source.
    std::string bytes = with_terminator(line);
    SourceId sid = ctx_->add_source("Reassembled POP (" + std::to_string(bytes.size()) + " bytes)",
                                    std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    return ByteRange{sid, 0, uint32_t(bytes.size())};
}

ByteRange Pop3Dissector::point(uint64_t offset) const {
    if (auto r = frame_range(offset, 0)) return *r;
    return ByteRange{kFrameSource, uint32_t(cur_frame_offset_ >= 0 ? cur_frame_offset_ : 0), 0};
}

// Wireshark shows pop.request / pop.response / pop.response.data with an
// empty value and the line itself as the label.
NodeRef Pop3Dissector::add_line_node(NodeRef parent, FieldId f, const LineView& line, ByteRange lr) {
    ProtoTree& t = ctx_->tree;
    NodeRef n = t.add_string(parent, f, lr, "");
    if (t.wants_labels()) t.set_label(n, escaped(with_terminator(line)));
    return n;
}

// ---------------------------------------------------------------- requests

void Pop3Dissector::on_request(const RequestEvent& r) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange lr = line_range(r.line);
    const std::string_view text = r.line.text;
    auto sub = [&](std::string_view part) { return sub_range(lr, text, part); };
    NodeRef req = add_line_node(pop, fid(F::request), r.line, lr);
    t.add_string(req, fid(F::request_command), sub(r.parts.verb), r.parts.verb);
    if (!r.parts.arg.empty()) t.add_string(req, fid(F::request_parameter), sub(r.parts.arg), r.parts.arg);
    t.set_generated(t.add_uint(req, fid(F::state), empty_at(lr), uint64_t(r.state)));

    switch (r.cmd) {
        case Command::User:
            if (!r.parts.arg.empty()) t.add_string(req, fid(F::user), sub(r.parts.arg), r.parts.arg);
            break;
        case Command::Pass:
            if (!r.parts.arg.empty()) t.add_string(req, fid(F::password), sub(r.parts.arg), r.parts.arg);
            break;
        case Command::Apop:
            if (!r.apop_name.empty()) t.add_string(req, fid(F::user), sub(r.apop_name), r.apop_name);
            if (!r.apop_digest.empty()) t.add_string(req, fid(F::apop_digest), sub(r.apop_digest), r.apop_digest);
            if (!r.apop_timestamp.empty())
                t.set_generated(t.add_string(req, fid(F::greeting_timestamp), empty_at(lr), r.apop_timestamp));
            break;
        case Command::Auth:
            if (!r.mechanism.empty()) t.add_string(req, fid(F::auth_mechanism), sub(r.mechanism), r.mechanism);
            if (!r.initial_response.empty())
                add_sasl_values(req, sub(r.initial_response), step_for(r.mech, 0, r.initial_response),
                                r.initial_response);
            break;
        case Command::Retr:
        case Command::Dele:
        case Command::List:
        case Command::Uidl:
        case Command::Top:
            if (r.args.has_msg) t.add_uint(req, fid(F::msg_number), sub(r.args.msg_text), r.args.msg);
            if (r.args.has_lines) t.add_uint(req, fid(F::top_lines), sub(r.args.lines_text), r.args.lines);
            break;
        default: break;
    }
    add_info("C: ", text);
}

void Pop3Dissector::add_sasl_values(NodeRef parent, ByteRange r, AuthStep step, std::string_view b64) {
    ProtoTree& t = ctx_->tree;
    if (step == AuthStep::Cancel) {
        t.add_string(parent, fid(F::auth_data), r, "*");
        return;
    }
    std::string dec;
    if (!decode_base64(b64, dec)) {
        t.add_expert(parent, pop3_experts::id(X::base64_decode), r);
        return;
    }
    switch (step) {
        case AuthStep::Username: t.add_string(parent, fid(F::user), r, printable(dec)); break;
        case AuthStep::Password: t.add_string(parent, fid(F::password), r, printable(dec)); break;
        case AuthStep::Credentials: {
            PlainCredentials p = split_plain(dec);
            if (!p.ok) {
                t.add_string(parent, fid(F::auth_data), r, printable(dec));
                break;
            }
            if (!p.authzid.empty()) t.add_string(parent, fid(F::auth_authzid), r, printable(p.authzid));
            t.add_string(parent, fid(F::user), r, printable(p.user));
            t.add_string(parent, fid(F::password), r, printable(p.password));
            break;
        }
        case AuthStep::CramMd5: {
            std::string_view d = dec;
            std::size_t sp = d.rfind(' ');
            if (sp == std::string_view::npos) {
                t.add_string(parent, fid(F::auth_data), r, printable(dec));
                break;
            }
            t.add_string(parent, fid(F::user), r, printable(d.substr(0, sp)));
            t.add_string(parent, fid(F::auth_digest), r, printable(d.substr(sp + 1)));
            break;
        }
        default: t.add_string(parent, fid(F::auth_data), r, printable(dec)); break;
    }
}

void Pop3Dissector::on_sasl_line(const SaslLineEvent& s) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange lr = line_range(s.line);
    NodeRef req = add_line_node(pop, fid(F::request), s.line, lr);
    const ByteRange tr = sub_range(lr, s.line.text, s.line.text);
    t.add_string(req, fid(F::request_data), tr, s.line.text);
    add_sasl_values(req, tr, s.step, s.line.text);
    add_info("C: ", s.line.text);
}

// ---------------------------------------------------------------- responses

void Pop3Dissector::on_challenge(const ChallengeEvent& c) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange lr = line_range(c.line);
    NodeRef rsp = add_line_node(pop, fid(F::response), c.line, lr);
    t.add_string(rsp, fid(F::response_indicator), ByteRange{lr.source, lr.offset, 1}, "+");
    if (!c.payload.empty()) {
        const ByteRange pr = sub_range(lr, c.line.text, c.payload);
        t.add_string(rsp, fid(F::response_description), pr, c.payload);
        std::string dec;
        if (decode_base64(c.payload, dec)) t.add_string(rsp, fid(F::auth_challenge), pr, printable(dec));
        else t.add_expert(rsp, pop3_experts::id(X::base64_decode), pr);
    }
    add_info("S: ", c.line.text);
}

void Pop3Dissector::on_response(const ResponseEvent& r) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange lr = line_range(r.line);
    const std::string_view text = r.line.text;
    auto sub = [&](std::string_view part) { return sub_range(lr, text, part); };
    NodeRef rsp = add_line_node(pop, fid(F::response), r.line, lr);
    const StatusLine& st = r.status;
    if (st.valid) {
        t.add_string(rsp, fid(F::response_indicator), sub(st.indicator), st.indicator);
        if (!st.description.empty())
            t.add_string(rsp, fid(F::response_description), sub(st.description), st.description);
        if (!st.code.empty()) t.add_string(rsp, fid(F::response_code), sub(st.code), st.code);
    }
    if (r.greeting && !r.apop_timestamp.empty())
        t.add_string(rsp, fid(F::greeting_timestamp), sub(r.apop_timestamp), r.apop_timestamp);
    if (r.has_figures) {
        if (r.request == Command::Stat) {
            t.add_uint(rsp, fid(F::stat_count), empty_at(lr), r.first);
            t.add_uint(rsp, fid(F::stat_size), empty_at(lr), r.second);
        } else {
            t.add_uint(rsp, fid(F::msg_number), empty_at(lr), r.first);
            t.add_uint(rsp, fid(F::list_size), empty_at(lr), r.second);
        }
    }
    if (r.mailbox_summary && r.mailbox) {
        const Mailbox& m = *r.mailbox;
        t.set_generated(t.add_uint(rsp, fid(F::mailbox_listed), empty_at(lr), m.listed_count()));
        t.set_generated(t.add_uint(rsp, fid(F::mailbox_retrieved), empty_at(lr), m.retrieved_count()));
        t.set_generated(t.add_uint(rsp, fid(F::mailbox_marked), empty_at(lr), m.marked().size()));
        NodeRef del = t.add_uint(rsp, fid(F::mailbox_deleted), empty_at(lr), r.update ? m.marked().size() : 0);
        t.set_generated(del);
        if (r.update) {
            std::size_t shown = 0;
            for (uint64_t msg : m.marked()) {
                if (shown++ == kMaxDeletedShown) break;
                t.set_generated(t.add_uint(del, fid(F::mailbox_deleted_msg), empty_at(lr), msg));
            }
        }
    }
    if (r.matched && r.request_frame) {
        t.set_generated(t.add_uint(rsp, fid(F::response_to), empty_at(lr), r.request_frame));
        t.set_generated(t.add_time(rsp, fid(F::time), empty_at(lr), ctx_->pinfo.ts_ns - r.request_ts));
    }
    add_info("S: ", text);
}

void Pop3Dissector::on_listing_line(const ListingLineEvent& l) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange lr = line_range(l.line);
    NodeRef d = add_line_node(pop, fid(F::response_data), l.line, lr);
    const std::string_view text = l.line.text;
    auto sub = [&](std::string_view part) { return sub_range(lr, text, part); };
    if (l.parsed) {
        switch (l.kind) {
            case ListingKind::Scan:
                t.add_uint(d, fid(F::msg_number), lr, l.msg);
                t.add_uint(d, fid(F::list_size), lr, l.size);
                break;
            case ListingKind::Uid:
                t.add_uint(d, fid(F::msg_number), lr, l.msg);
                t.add_string(d, fid(F::uidl_uid), sub(l.uid), l.uid);
                break;
            case ListingKind::Capability: {
                NodeRef c = t.add_string(d, fid(F::capa_name), sub(l.name), l.name);
                if (!l.args.empty()) t.add_string(c, fid(F::capa_arg), sub(l.args), l.args);
                break;
            }
            case ListingKind::Mechanism: t.add_string(d, fid(F::auth_mechanism), sub(l.name), l.name); break;
            default: break;
        }
    }
    if (!info_started_) add_info("S: DATA fragment");
}

// ---------------------------------------------------------------- RETR / TOP content

void Pop3Dissector::on_message_begin(Command request, uint64_t msg, uint64_t offset) {
    (void)request, (void)msg;
    message_open_ = true;
    message_.clear();
    message_overflow_ = false;
    fragments_.clear();
    fragments_dropped_ = 0;
    raw_total_ = 0;
    if (sink_) sink_->begin(*ctx_, CarriedMessageInfo{"pop", offset, Dir::ToClient});
}

void Pop3Dissector::on_message_raw(uint64_t offset, uint64_t length) {
    if (length == 0) return;
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    if (!info_started_) add_info("S: DATA fragment, ", length, " bytes");
    if (fragments_.size() < kMaxFragments) fragments_.push_back(Fragment{ctx_->pinfo.number, raw_total_, length});
    else ++fragments_dropped_;
    raw_total_ += length;
    if (!t.wants(fid(F::response_data))) return;
    // The lines as sent (still byte-stuffed), like Wireshark's data lines.
    if (offset < cur_offset_ || offset - cur_offset_ > cur_bytes_.size() ||
        length > cur_bytes_.size() - (offset - cur_offset_))
        return;
    const std::size_t start = std::size_t(offset - cur_offset_);
    std::string_view all(reinterpret_cast<const char*>(cur_bytes_.data()) + start, std::size_t(length));
    ByteRange base;
    if (auto fr = frame_range(offset, length)) {
        base = *fr;
    } else {
        SourceId sid = ctx_->add_source("Reassembled POP (" + std::to_string(length) + " bytes)",
                                        cur_bytes_.subspan(start, std::size_t(length)));
        base = ByteRange{sid, 0, uint32_t(length)};
    }
    std::size_t at = 0, n = 0;
    while (at < all.size() && n < kMaxLinesPerDelivery) {
        std::size_t lf = all.find('\n', at);
        std::size_t end = lf == std::string_view::npos ? all.size() : lf + 1;
        std::string_view line = all.substr(at, end - at);
        NodeRef ln = t.add_string(pop, fid(F::response_data),
                                  ByteRange{base.source, uint32_t(base.offset + at), uint32_t(line.size())}, "");
        if (t.wants_labels()) t.set_label(ln, escaped(line));
        at = end;
        ++n;
    }
}

void Pop3Dissector::on_message_data(std::span<const uint8_t> bytes) {
    if (!message_overflow_) {
        if (bytes.size() <= message_cap_ - std::min<uint64_t>(message_cap_, message_.size())) {
            message_.insert(message_.end(), bytes.begin(), bytes.end());
        } else {
            message_overflow_ = true;
            message_.clear();
            message_.shrink_to_fit();
        }
    }
    if (sink_) sink_->data(*ctx_, bytes);
}

void Pop3Dissector::on_message_end(const MessageEnd& me) {
    ProtoTree& t = ctx_->tree;
    NodeRef pop = top();
    const ByteRange at = point(me.end_offset);

    // [N DATA fragments (X bytes): #37(551), ...]
    NodeRef frags = t.add_none(pop, fid(F::data_fragments), at);
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
        NodeRef fn = t.add_uint(frags, fid(F::data_fragment), at, f.frame);
        t.set_generated(fn);
        if (t.wants_labels())
            t.set_label(fn, "Frame: " + std::to_string(f.frame) + ", payload: " + std::to_string(f.payload_offset) +
                                "-" + std::to_string(f.payload_offset + f.length - 1) + " (" +
                                std::to_string(f.length) + " bytes)");
    }
    t.set_generated(t.add_uint(frags, fid(F::data_fragment_count), at, fragments_.size() + fragments_dropped_));
    t.set_generated(t.add_uint(frags, fid(F::data_reassembled_length), at, std::min<uint64_t>(raw_total_, UINT32_MAX)));

    t.set_generated(t.add_uint(pop, fid(F::message_length), at, me.bytes));
    if (me.has_expected) t.set_generated(t.add_uint(pop, fid(F::message_expected), at, me.expected));
    if (message_overflow_) {
        t.add_expert(pop, pop3_experts::id(X::message_too_big), at,
                     "Message of " + std::to_string(me.bytes) + " bytes is larger than the decode limit (" +
                         std::to_string(message_cap_) + "): handed on in pieces, not shown whole");
    } else if (t.wants_labels() || t.wants(fid(F::message))) {
        SourceId sid = ctx_->add_source("Message (" + std::to_string(message_.size()) + " bytes)", message_);
        NodeRef mn = t.add_none(pop, fid(F::message), ByteRange{sid, 0, uint32_t(message_.size())});
        if (t.wants_labels()) t.set_label(mn, "Message (" + std::to_string(message_.size()) + " bytes)");
    }
    if (sink_) sink_->end(*ctx_, pop, me.why == MessageEndReason::Dot);
    message_open_ = false;
    message_.clear();
    if (message_.capacity() > (1u << 20)) message_.shrink_to_fit();
    fragments_.clear();
    fragments_dropped_ = 0;
    raw_total_ = 0;
}

// ---------------------------------------------------------------- raw data, experts

void Pop3Dissector::on_raw(Dir dir, uint64_t offset, uint64_t length, RawKind kind) {
    (void)dir;
    ProtoTree& t = ctx_->tree;
    if (kind == RawKind::Unexpected) {
        NodeRef pop = top();
        ByteRange r = frame_range(offset, length).value_or(point(offset));
        NodeRef n = t.add_string(pop, fid(F::response_data), r, "");
        if (t.wants_labels() && r.length == length && r.source == kFrameSource && frame_range(offset, length)) {
            std::string_view s(reinterpret_cast<const char*>(cur_bytes_.data()) + (offset - cur_offset_), length);
            t.set_label(n, escaped(s));
        }
        if (!info_started_) add_info("S: DATA");
        return;
    }
    const bool only = !have_top_;
    NodeRef pop = top();
    const char* what = kind == RawKind::Tls ? "Encrypted data (TLS after STLS)" : "Data (not POP3)";
    // One node per frame, grown when several deliveries land in it.
    if (have_raw_node_ && raw_kind_ == kind) {
        raw_bytes_ += length;
        const Node& n = t.node(raw_node_.index);
        if (n.range.source == kFrameSource) {
            if (auto r = frame_range(offset, length))
                t.set_length(raw_node_, r->offset + r->length - n.range.offset);
        }
    } else {
        ByteRange r = frame_range(offset, length).value_or(point(offset));
        raw_node_ = t.add_none(pop, fid(kind == RawKind::Tls ? F::tls_data : F::not_pop_data), r);
        have_raw_node_ = raw_node_.stored;
        raw_kind_ = kind;
        raw_bytes_ = length;
        if (only && kind == RawKind::Tls) ctx_->pinfo.protocol = "TLS";
        if (!info_started_) add_info(what);
    }
    if (have_raw_node_ && t.wants_labels()) t.set_label(raw_node_, std::string(what) + ", " + std::to_string(raw_bytes_) + " bytes");
}

void Pop3Dissector::on_expert(Dir dir, uint64_t offset, uint64_t length, pop3_experts::Expert e, std::string text) {
    (void)dir;
    NodeRef pop = top();
    ByteRange r = frame_range(offset, std::min<uint64_t>(length, UINT32_MAX)).value_or(point(offset));
    ctx_->tree.add_expert(pop, pop3_experts::id(e), r, text);
}

}  // namespace ms::pop3
