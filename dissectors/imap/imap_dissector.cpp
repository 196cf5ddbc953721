#include "imap_dissector.hpp"

#include <algorithm>

#include "imap_tree.hpp"

namespace ms::imap {

namespace F = imap_fields;
using X = imap_experts::Expert;

namespace {
FieldId fid(F::Field f) { return F::id(f); }

// "a001 LOGIN x\r\n" as tshark prints a string holding CR and LF.
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

std::string with_terminator(const LineInfo& l) {
    std::string s(l.text);
    if (l.terminator == 2) s += "\r\n";
    else if (l.terminator == 1) s += "\n";
    return s;
}

ByteRange head(ByteRange r, std::size_t n) { return ByteRange{r.source, r.offset, uint32_t(std::min<uint64_t>(n, r.length))}; }
ByteRange at_start(ByteRange r) { return ByteRange{r.source, r.offset, 0}; }
}  // namespace

ImapDissector::ImapDissector(SinkFactory factory) : factory_(factory) {}

// ---------------------------------------------------------------- plumbing

void ImapDissector::start(FrameContext& ctx, uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset) {
    const bool new_frame = ctx_ != &ctx || ctx.pinfo.number != node_frame_ ||
                           (have_top_ && top_.index >= ctx.tree.size());
    if (new_frame) {
        have_top_ = false;
        have_line_ = false;
        info_set_ = false;
        info_tagged_ = false;
        opaque_only_ = true;
        node_frame_ = ctx.pinfo.number;
    }
    ctx_ = &ctx;
    plain_offset_ = offset;
    plain_bytes_ = bytes;
    frame_offset_ = frame_offset;
    in_source_ = kFrameSource;
    in_base_ = frame_offset;
    in_offset_ = offset;
    in_length_ = bytes.size();
    if (!parser_) parser_.emplace(ctx.limits ? *ctx.limits : Limits{});
}

void ImapDissector::on_data(FrameContext& ctx, const StreamData& data) {
    start(ctx, data.offset, data.bytes, data.frame_offset);
    parser_->feed(data.dir, data.offset, data.bytes, FeedStamp{data.frame_number, ctx.pinfo.ts_ns}, *this);
}

void ImapDissector::on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) {
    start(ctx, offset + length, {}, -1);
    have_line_ = false;
    parser_->gap(dir, offset, length, *this);
}

void ImapDissector::on_end(FrameContext& ctx, Dir dir, EndReason why) {
    (void)why;
    start(ctx, 0, {}, -1);
    have_line_ = false;
    parser_->end(dir, *this);
}

NodeRef ImapDissector::top(Dir dir) {
    if (!have_top_) {
        ByteRange r{kFrameSource, 0, 0};
        if (frame_offset_ >= 0) r = ByteRange{kFrameSource, uint32_t(frame_offset_), uint32_t(plain_bytes_.size())};
        ProtoTree& t = ctx_->tree;
        top_ = t.add_none(t.root(), fid(F::proto), r);
        t.set_hidden(t.add_bool(top_, fid(F::isrequest), at_start(r), dir == Dir::ToServer));
        have_top_ = true;
        ctx_->pinfo.protocol = "IMAP";
    }
    return top_;
}

void ImapDissector::set_info(Dir dir, std::string_view text, bool tagged) {
    if (!ctx_->want_columns) return;  // nobody shows the Info column
    // Like Wireshark: the first line of the frame, except that a tagged
    // status line (the end of a command's responses) takes its place.
    if (info_set_ && !(tagged && !info_tagged_)) return;
    ctx_->pinfo.info.assign(dir == Dir::ToServer ? "Request: " : "Response: ");
    ctx_->pinfo.info.append(text);
    info_set_ = true;
    info_tagged_ = tagged;
}

std::optional<ByteRange> ImapDissector::input_range(uint64_t offset, uint64_t length) const {
    if (in_base_ < 0 || offset < in_offset_) return std::nullopt;
    const uint64_t rel = offset - in_offset_;
    if (rel > in_length_ || length > in_length_ - rel) return std::nullopt;
    return ByteRange{in_source_, uint32_t(uint64_t(in_base_) + rel), uint32_t(length)};
}

std::optional<ByteRange> ImapDissector::plain_range(uint64_t offset, uint64_t length) const {
    if (frame_offset_ < 0 || offset < plain_offset_) return std::nullopt;
    const uint64_t rel = offset - plain_offset_;
    if (rel > plain_bytes_.size() || length > plain_bytes_.size() - rel) return std::nullopt;
    return ByteRange{kFrameSource, uint32_t(uint64_t(frame_offset_) + rel), uint32_t(length)};
}

ByteRange ImapDissector::point() const {
    return ByteRange{kFrameSource, uint32_t(frame_offset_ >= 0 ? frame_offset_ : 0), 0};
}

ByteRange ImapDissector::line_range(const LineInfo& li) {
    if (li.in_input && in_base_ >= 0)
        return ByteRange{in_source_, uint32_t(uint64_t(in_base_) + li.input_pos), uint32_t(li.wire_length)};
    // The line began in an earlier delivery: show it from its own source.
    const std::string bytes = with_terminator(li);
    const SourceId sid = ctx_->add_source("Reassembled IMAP (" + std::to_string(bytes.size()) + " bytes)",
                                          std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    return ByteRange{sid, 0, uint32_t(bytes.size())};
}

NodeRef ImapDissector::add_line(Dir dir, const LineInfo& li, ByteRange& lr) {
    opaque_only_ = false;
    ProtoTree& t = ctx_->tree;
    NodeRef imap = top(dir);
    lr = line_range(li);
    const std::string full = with_terminator(li);
    line_ = t.add_string(imap, fid(F::line), lr, full);
    if (t.wants_labels()) t.set_label(line_, "Line: " + escaped(full));
    have_line_ = true;
    return line_;
}

CarriedMessageSink* ImapDissector::sink(Dir dir) {
    const int d = dir == Dir::ToServer ? 0 : 1;
    if (!sinks_[d] && factory_) sinks_[d] = factory_();
    return sinks_[d].get();
}

// ---------------------------------------------------------------- events

void ImapDissector::on_input(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, bool inflated) {
    (void)dir;
    in_offset_ = offset;
    in_length_ = bytes.size();
    if (!inflated) {
        in_source_ = kFrameSource;
        in_base_ = frame_offset_ >= 0 ? frame_offset_ + int64_t(offset - plain_offset_) : -1;
        return;
    }
    in_source_ = ctx_->add_source("Decompressed IMAP (" + std::to_string(bytes.size()) + " bytes)", bytes);
    in_base_ = 0;
}

void ImapDissector::on_compressed(Dir dir, uint64_t offset, uint64_t length, uint64_t inflated) {
    ProtoTree& t = ctx_->tree;
    NodeRef imap = top(dir);
    const ByteRange r = plain_range(offset, length).value_or(point());
    NodeRef n = t.add_none(imap, fid(F::compressed), r);
    if (t.wants_labels())
        t.set_label(n, "Compressed data (COMPRESS=DEFLATE): " + std::to_string(length) + " bytes, " +
                           std::to_string(inflated) + " decompressed");
    t.set_generated(t.add_uint(n, fid(F::decompressed_length), r, inflated));
}

void ImapDissector::on_segment(const SegmentEvent& se) {
    ProtoTree& t = ctx_->tree;
    const ImapMessage& m = se.msg;
    const TokenList& T = m.toks;
    const Dir dir = se.line.dir;
    ByteRange lr;
    NodeRef ln = add_line(dir, se.line, lr);
    const ByteRange text_r = head(lr, se.line.text.size());
    const TreeWindow w(t, T, se.tok_begin, se.tok_end, lr, se.segment);

    if (se.first && m.kind == MessageKind::Command) {
        t.add_string(ln, fid(F::request), text_r, se.line.text);
        w.str(ln, F::request_tag, 0);
        const std::size_t name = m.uid ? 2 : 1;
        if (name < T.size()) {
            w.str(ln, F::request_command, name);
            if (m.uid) t.add_bool(ln, fid(F::request_uid), w.range(1), true);
        }
        NodeRef st = t.add_uint(ln, fid(F::session_state), at_start(lr), uint64_t(se.state));
        t.set_generated(st);
        if (se.state == SessionState::Selected) {
            t.set_generated(t.add_string(st, fid(F::session_mailbox), at_start(lr), se.mailbox));
            t.set_generated(t.add_bool(st, fid(F::session_read_only), at_start(lr), se.read_only));
        }
        set_info(dir, se.line.text, false);
    } else if (se.first) {
        t.add_string(ln, fid(F::response), text_r, se.line.text);
        w.str(ln, F::response_tag, 0);
        const std::size_t k = m.has_number ? 2 : 1;
        if (m.kind == MessageKind::Tagged || (m.kind == MessageKind::Untagged && !m.has_number && is_status_word(m.keyword)))
            w.str(ln, F::response_status, 1);
        else if (m.kind == MessageKind::Untagged)
            w.str(ln, F::response_command, k);
        if (m.kind == MessageKind::Tagged && se.matched) {
            NodeRef c = t.add_string(ln, fid(F::response_command), at_start(lr),
                                     std::string(se.request_uid ? "UID " : "") + command_name(se.request));
            t.set_generated(c);
            t.set_generated(t.add_uint(ln, fid(F::response_to), at_start(lr), se.request_frame));
            t.set_generated(t.add_time(ln, fid(F::time), at_start(lr), ctx_->pinfo.ts_ns - se.request_ts));
        }
        if (m.kind == MessageKind::Tagged) {
            NodeRef st = t.add_uint(ln, fid(F::session_state), at_start(lr), uint64_t(se.state_after));
            t.set_generated(st);
            if (se.state_after == SessionState::Selected) {
                t.set_generated(t.add_string(st, fid(F::session_mailbox), at_start(lr), se.mailbox));
                t.set_generated(t.add_bool(st, fid(F::session_read_only), at_start(lr), se.read_only));
            }
        }
        set_info(dir, se.line.text, m.kind == MessageKind::Tagged);
    } else {
        set_info(dir, se.line.text, false);
    }

    if (m.kind == MessageKind::Command) add_command_args(w, ln, m);
    else add_response_data(w, ln, m, se.sasl_challenge);

    // The literal this line announces (its bytes follow).
    if (se.tok_end < T.size() && T.tokens[se.tok_end].kind == TokenKind::Literal) {
        const Token& lit = T.tokens[se.tok_end];
        const ByteRange r = w.range(se.tok_end);
        ByteRange mr{lr.source, lr.offset + lit.pos, lit.len};
        if (lit.pos + lit.len > lr.length) mr = r;
        NodeRef ls = t.add_uint(ln, fid(F::literal_size), mr, lit.literal_size);
        if (lit.literal_non_sync) t.add_bool(ls, fid(F::literal_nonsync), mr, true);
        if (lit.literal_binary) t.add_bool(ls, fid(F::literal_binary), mr, true);
    }
}

void ImapDissector::on_sasl(const SaslEvent& se) {
    ProtoTree& t = ctx_->tree;
    ByteRange lr;
    NodeRef ln = add_line(Dir::ToServer, se.line, lr);
    const ByteRange text_r = head(lr, se.line.text.size());
    t.add_string(ln, fid(F::request), text_r, se.line.text);
    add_sasl(t, ln, text_r, se.mech, se.step, se.line.text);
    set_info(Dir::ToServer, se.line.text, false);
}

void ImapDissector::on_idle_done(const LineInfo& li) {
    ProtoTree& t = ctx_->tree;
    ByteRange lr;
    NodeRef ln = add_line(Dir::ToServer, li, lr);
    const ByteRange text_r = head(lr, li.text.size());
    t.add_string(ln, fid(F::request), text_r, li.text);
    t.add_string(ln, fid(F::request_command), text_r, li.text);
    set_info(Dir::ToServer, li.text, false);
}

void ImapDissector::on_other_line(const LineInfo& li) {
    ByteRange lr;
    add_line(li.dir, li, lr);
    set_info(li.dir, li.text, false);
}

void ImapDissector::on_literal_begin(Dir dir, uint64_t offset, uint64_t size, bool message) {
    (void)size;
    if (!message) return;
    const int d = dir == Dir::ToServer ? 0 : 1;
    if (CarriedMessageSink* s = sink(dir)) {
        s->begin(*ctx_, CarriedMessageInfo{"imap", offset, dir});
        sink_open_[d] = true;
    }
}

void ImapDissector::on_literal_data(Dir dir, const RawRun& run, bool message) {
    ProtoTree& t = ctx_->tree;
    opaque_only_ = false;
    NodeRef imap = top(dir);
    const ByteRange r = input_range(run.offset, run.bytes.size()).value_or(point());
    NodeRef n = t.add_none(imap, fid(F::literal_data), r);
    if (t.wants_labels())
        t.set_label(n, std::string(message ? "Message data" : "Literal data") + " (" + std::to_string(run.bytes.size()) +
                           " bytes" + (run.remaining ? ", " + std::to_string(run.remaining) + " more to come" : "") + ")");
    if (!info_set_ && ctx_->want_columns) {
        ctx_->pinfo.info.assign(dir == Dir::ToServer ? "Request: " : "Response: ");
        ctx_->pinfo.info += (message ? "message data, " : "literal data, ") + std::to_string(run.bytes.size()) + " bytes";
        info_set_ = true;
    }
    const int d = dir == Dir::ToServer ? 0 : 1;
    if (message && sink_open_[d]) sinks_[d]->data(*ctx_, run.bytes);
}

void ImapDissector::on_literal_end(Dir dir, uint64_t size, uint64_t received, bool complete, bool message) {
    if (!message) return;
    ProtoTree& t = ctx_->tree;
    NodeRef imap = top(dir);
    NodeRef n = t.add_none(imap, fid(F::message), point());
    if (t.wants_labels())
        t.set_label(n, "Message (" + std::to_string(received) + " bytes" +
                           (complete ? std::string(")") : " of " + std::to_string(size) + ", incomplete)"));
    t.set_generated(t.add_uint(n, fid(F::message_length), point(), received));
    const int d = dir == Dir::ToServer ? 0 : 1;
    if (sink_open_[d]) {
        sink_open_[d] = false;
        sinks_[d]->end(*ctx_, n, complete);
    }
}

void ImapDissector::on_opaque(Dir dir, OpaqueKind kind, uint64_t offset, uint64_t length, std::size_t input_pos) {
    (void)input_pos;
    ProtoTree& t = ctx_->tree;
    const bool only = opaque_only_ && !have_top_;
    NodeRef imap = top(dir);
    const std::optional<ByteRange> pr = kind == OpaqueKind::Tls ? plain_range(offset, length) : std::nullopt;
    const ByteRange r = pr.value_or(input_range(offset, length).value_or(point()));
    const std::string what = kind == OpaqueKind::Tls ? "Encrypted data (TLS after STARTTLS), "
                                                     : "Compressed data that cannot be decompressed, ";
    NodeRef n = t.add_none(imap, fid(kind == OpaqueKind::Tls ? F::tls_data : F::compressed), r);
    if (t.wants_labels()) t.set_label(n, what + std::to_string(length) + " bytes");
    if (only && kind == OpaqueKind::Tls) ctx_->pinfo.protocol = "TLS";
    if (!info_set_) {
        ctx_->pinfo.info = what + std::to_string(length) + " bytes";
        info_set_ = true;
    }
}

void ImapDissector::on_expert(Dir dir, uint64_t offset, uint64_t length, X e, std::string text) {
    NodeRef parent = have_line_ ? line_ : top(dir);
    if (!have_top_) parent = top(dir);
    const ByteRange r = input_range(offset, std::min<uint64_t>(length, UINT32_MAX)).value_or(point());
    ctx_->tree.add_expert(parent, imap_experts::id(e), r, text);
}

}  // namespace ms::imap
