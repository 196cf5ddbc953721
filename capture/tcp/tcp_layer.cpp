#include "capture/tcp/tcp_layer.hpp"

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "capture/tcp/connection.hpp"
#include "capture/tcp/flow_table.hpp"
#include "capture/tcp/flow_key.hpp"
#include "capture/tcp/tcp_fields.hpp"
#include "capture/tcp/tcp_header.hpp"
#include "capture/tcp/tcp_tree.hpp"
#include "dissectors/core/byte_cursor.hpp"
#include "dissectors/core/dissector_table.hpp"

namespace ms {

namespace {
Dir observer_dir(int node) { return node == 0 ? Dir::ToServer : Dir::ToClient; }

// Whether anybody reads the SEQ/ACK analysis: the tcp fields, the Info
// column's [TCP ...] marks, expert notes, or the retransmission check that
// keeps repeated payload out of the "data" protocol.
bool want_analysis(const FrameContext& ctx) {
    static const FieldId data_proto = FieldRegistry::global().find("data");
    return ctx.want_columns || ctx.want_experts || ctx.tree.wants_protocol(tcp_fields::id(tcp_fields::proto)) ||
           (data_proto != kNoField && ctx.tree.wants_protocol(data_proto));
}
}  // namespace

struct TcpLayer::Impl {
    explicit Impl(const Limits& l) : limits(l) { budget.limits = &limits; }

    const Limits& limits;
    TcpObserver* obs = nullptr;
    ReassemblyBudget budget;
    FlowTable table;
    std::deque<Connection> conns;  // stable addresses; freed slots are reused
    std::vector<uint32_t> free_slots;
    uint32_t lru_head = 0, lru_tail = 0;  // slot + 1; head = least recently active
    uint64_t next_stream = 0;
    uint64_t live = 0;

    // The last segment whose Info text was deferred: enough to format it
    // later in the same frame (the segment bytes are still the frame's).
    // Connections closed in both directions, oldest first: forgotten once
    // they have been quiet for the linger time (late ACKs and retransmitted
    // FINs within it still find their stream).
    struct Closed {
        uint32_t slot;
        uint32_t stream;
    };
    std::deque<Closed> closed;

    void forget_lingering(FrameContext& ctx) {
        const uint64_t linger_ns = limits.tcp_closed_linger_s * 1'000'000'000ull;
        if (!linger_ns) return;
        while (!closed.empty()) {
            const Closed k = closed.front();
            Connection& c = conns[k.slot];
            if (!c.in_use || c.stream != k.stream || !c.reasm[0].ended() || !c.reasm[1].ended()) {
                closed.pop_front();  // already gone, or the slot holds another stream
                continue;
            }
            if (uint64_t(ctx.pinfo.ts_ns - c.prev_ts) < linger_ns) break;
            closed.pop_front();
            evict(k.slot, ctx, EndReason::Fin);  // both ends are closed: nothing is flushed
        }
    }

    struct DeferredInfo {
        uint64_t frame = 0;  // 0 = none
        NodeRef parent;
        TcpHeader h;
        SeqResult ta;
        bool has_ta = false;
        TcpSegmentView v;
    } deferred;

    // ---- recency list ----------------------------------------------------
    void lru_unlink(uint32_t slot) {
        Connection& c = conns[slot];
        if (c.lru_prev) conns[c.lru_prev - 1].lru_next = c.lru_next;
        else lru_head = c.lru_next;
        if (c.lru_next) conns[c.lru_next - 1].lru_prev = c.lru_prev;
        else lru_tail = c.lru_prev;
        c.lru_prev = c.lru_next = 0;
    }
    void lru_push_back(uint32_t slot) {
        Connection& c = conns[slot];
        c.lru_prev = lru_tail;
        c.lru_next = 0;
        if (lru_tail) conns[lru_tail - 1].lru_next = slot + 1;
        else lru_head = slot + 1;
        lru_tail = slot + 1;
    }
    void touch(uint32_t slot) {
        if (lru_tail == slot + 1) return;
        lru_unlink(slot);
        lru_push_back(slot);
    }

    // ---- application dissector -------------------------------------------
    void resolve_server_by_port(Connection& c, const AppProtocol** proto) {
        auto& apps = DissectorTable::global();
        int low = c.port_of(0) < c.port_of(1) ? 0 : 1;
        if (c.server_node >= 0) {
            *proto = apps.by_port(c.port_of(c.server_node));
            return;
        }
        for (int node : {low, 1 - low}) {
            if ((*proto = apps.by_port(c.port_of(node)))) {
                c.server_node = int8_t(node);
                return;
            }
        }
    }
    Dir app_dir(const Connection& c, int node) const {
        int server = c.server_node >= 0 ? c.server_node : 1;
        return node == server ? Dir::ToClient : Dir::ToServer;
    }
    void create_app(Connection& c, const AppProtocol* p, const FrameContext& ctx) {
        int server = c.server_node >= 0 ? c.server_node : 1;
        if (p && ctx.app_skipped(p->name)) {
            // Claimed by its protocol (so not shown as plain data) but not dissected.
            c.app_state = Connection::App::Skipped;
            return;
        }
        if (p && p->create) c.app = p->create(ConnectionInfo{c.stream, c.port_of(server), c.port_of(1 - server)});
        c.app_state = c.app ? Connection::App::Active : Connection::App::None;
    }
    // Chooses the dissector on the first data: Decode As / port, then content.
    StreamDissector* app_for_data(Connection& c, int node, std::span<const uint8_t> first, const FrameContext& ctx) {
        if (c.app_state == Connection::App::Undecided) {
            const AppProtocol* p = nullptr;
            resolve_server_by_port(c, &p);
            if (c.server_node < 0)  // no SYN, no known port: the lower port serves
                c.server_node = int8_t(c.port_of(0) < c.port_of(1) ? 0 : 1);
            if (!p) p = DissectorTable::global().by_content(app_dir(c, node), first);
            create_app(c, p, ctx);
        }
        return c.app.get();
    }
    // A gap before any data: only a port can name the protocol.
    StreamDissector* app_for_gap(Connection& c, const FrameContext& ctx) {
        if (c.app_state == Connection::App::Undecided) {
            const AppProtocol* p = nullptr;
            resolve_server_by_port(c, &p);
            if (p) create_app(c, p, ctx);
        }
        return c.app.get();
    }

    // ---- connections -----------------------------------------------------
    uint32_t create(const FlowKey& key, uint64_t key_hash, bool src_is_a, FrameContext& ctx, bool& evicted) {
        if (limits.tcp_max_flows && live >= limits.tcp_max_flows && lru_head) {
            evict(lru_head - 1, ctx, EndReason::Limit);
            evicted = true;
        }
        uint32_t slot;
        if (!free_slots.empty()) {
            slot = free_slots.back();
            free_slots.pop_back();
        } else {
            slot = uint32_t(conns.size());
            conns.emplace_back();
        }
        Connection& c = conns[slot];
        c.a_is_node0 = src_is_a;
        c.stream = uint32_t(next_stream++);
        c.first_ts = c.prev_ts = ctx.pinfo.ts_ns;
        c.in_use = true;
        c.key = key;
        table.insert(key_hash, slot);
        lru_push_back(slot);
        ++live;
        return slot;
    }

    // Ends the connection's reassembly (gaps for holes) and frees the slot.
    void evict(uint32_t slot, FrameContext& ctx, EndReason why) {
        Connection& c = conns[slot];
        finish_connection(slot, ctx, why);
        if (c.in_use) table.erase(FlowTable::hash(c.key), slot);
        lru_unlink(slot);
        for (auto& r : c.reasm) r.release(budget);
        c = Connection{};
        free_slots.push_back(slot);
        --live;
    }

    // Binds reassembly output of one direction to the observer and the dissector.
    struct DirSink final : public ReassemblySink {
    public:
        DirSink(Impl& im, Connection& c, int node, FrameContext& ctx)
            : im_(im), c_(c), node_(node), ctx_(ctx) {}

        void data(uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset,
                  uint64_t frame_number) override {
            if (im_.obs) im_.obs->on_payload(ctx_.pinfo, c_.stream, observer_dir(node_), offset, bytes);
            if (!ctx_.want_app_layer) return;
            if (StreamDissector* d = im_.app_for_data(c_, node_, bytes, ctx_))
                d->on_data(ctx_, StreamData{im_.app_dir(c_, node_), offset, bytes, frame_offset, frame_number});
        }
        void gap(uint64_t offset, uint64_t length) override {
            if (im_.obs) im_.obs->on_gap(c_.stream, observer_dir(node_), offset, length);
            if (!ctx_.want_app_layer) return;
            if (StreamDissector* d = im_.app_for_gap(c_, ctx_)) d->on_gap(ctx_, im_.app_dir(c_, node_), offset, length);
        }
        void end(EndReason why) override {
            c_.app_ended[node_] = true;
            if (c_.app) c_.app->on_end(ctx_, im_.app_dir(c_, node_), why);
        }

    private:
        Impl& im_;
        Connection& c_;
        int node_;
        FrameContext& ctx_;
    };

    void finish_connection(uint32_t slot, FrameContext& ctx, EndReason why);
    void release_if_closed(Connection& c, uint32_t slot) {
        if (!c.reasm[0].ended() || !c.reasm[1].ended()) return;
        if (!c.closed_listed) {
            c.closed_listed = true;
            closed.push_back(Closed{slot, c.stream});
        }
        c.app.reset();  // both directions told on_end
        for (auto& s : c.seq)
            if (s.unacked && s.unacked->empty()) s.unacked.reset();
    }
};


void TcpLayer::Impl::finish_connection(uint32_t slot, FrameContext& ctx, EndReason why) {
    Connection& c = conns[slot];
    ReassemblyNotes notes;
    for (int node = 0; node < 2; ++node) {
        DirSink sink(*this, c, node, ctx);
        c.reasm[node].finish(why, sink, budget, notes);
    }
    release_if_closed(c, slot);
}

TcpLayer::TcpLayer(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
TcpLayer::~TcpLayer() = default;

void TcpLayer::set_observer(TcpObserver* obs) { impl_->obs = obs; }

uint64_t TcpLayer::stream_count() const { return impl_->next_stream; }

void TcpLayer::dissect(FrameContext& ctx, NodeRef parent, const IpEndpoints& ip,
                       std::span<const uint8_t> segment, SourceId source, uint32_t offset,
                       uint32_t reported_len) {
    using namespace tcp_flag;
    Impl& im = *impl_;
    using F = tcp_fields::Field;
    using E = tcp_experts::Expert;

    TcpHeader h;
    if (!parse_tcp_header(segment, h)) {
        // Not even the fixed header: show what there is and stop.
        ctx.pinfo.protocol = "TCP";
        NodeRef tcp = ctx.tree.add_none(parent, tcp_fields::id(F::proto), {source, offset, uint32_t(segment.size())});
        if (segment.size() >= 4) {
            uint16_t sp = load_be16(segment.data()), dp = load_be16(segment.data() + 2);
            ctx.pinfo.srcport = sp;
            ctx.pinfo.dstport = dp;
            ctx.tree.add_uint(tcp, tcp_fields::id(F::srcport), {source, offset, 2}, sp);
            ctx.tree.add_uint(tcp, tcp_fields::id(F::dstport), {source, offset + 2, 2}, dp);
            ctx.pinfo.info = std::to_string(sp) + " \xE2\x86\x92 " + std::to_string(dp);
        }
        ctx.tree.add_expert(tcp, tcp_experts::id(E::short_segment), {source, offset, uint32_t(segment.size())},
                            "Short segment: fewer than 20 bytes of TCP header captured");
        return;
    }
    ctx.pinfo.srcport = h.sport;
    ctx.pinfo.dstport = h.dport;

    // ---- the connection ----------------------------------------------------
    im.forget_lingering(ctx);
    bool src_is_a = true;
    FlowKey key = make_flow_key(ip.src, h.sport, ip.dst, h.dport, src_is_a);
    bool evicted = false, reused = false, is_new = false;
    uint32_t slot;
    const uint64_t key_hash = FlowTable::hash(key);
    slot = im.table.find(key, key_hash, [&im](uint32_t s) -> const FlowKey& { return im.conns[s].key; });
    if (slot == FlowTable::kNone) {
        slot = im.create(key, key_hash, src_is_a, ctx, evicted);
        is_new = true;
    }
    int node = (src_is_a == im.conns[slot].a_is_node0) ? 0 : 1;
    const bool syn = h.flags & kSyn, ackf = h.flags & kAck;
    {
        Connection& c = im.conns[slot];
        // A SYN with a new initial sequence number on a known tuple: the
        // ports were reused, so a new stream begins (tshark's rule).
        if (syn && !ackf && c.seq[node].base_set && h.seq != c.seq[node].base_seq) {
            im.evict(slot, ctx, EndReason::CaptureEnd);
            slot = im.create(key, key_hash, src_is_a, ctx, evicted);
            node = 0;
            reused = is_new = true;
        } else if (syn && ackf && c.seq[node].base_set && h.seq != c.seq[node].base_seq) {
            c.seq[node].base_seq = h.seq;
            reused = true;
        }
    }
    Connection& c = im.conns[slot];
    im.touch(slot);
    ctx.pinfo.tcp_stream = c.stream;

    const int64_t ts = ctx.pinfo.ts_ns;
    TcpSegmentView v;
    v.h = &h;
    v.segment = segment;
    v.source = source;
    v.offset = offset;
    v.stream = c.stream;
    v.completeness = c.completeness;
    v.time_relative = ts - c.first_ts;
    v.time_delta = ts - c.prev_ts;
    c.prev_ts = ts;

    SeqDirState& fwd = c.seq[node];
    SeqDirState& rev = c.seq[1 - node];
    TcpOptionSummary opts;
    v.opts = &opts;
    SeqResult ta;
    if (reused) ta.present = true, ta.flags |= seq_flag::kReusedPorts;

    if (h.hlen < 20) {
        v.rel_seq = h.seq;
        add_tcp_tree(ctx, parent, v);
        if (im.obs) im.obs->on_segment(ctx.pinfo, c.stream, observer_dir(node), 0);
        return;
    }

    // ---- analysis ----------------------------------------------------------
    v.have_seglen = reported_len >= h.hlen;
    v.seglen = v.have_seglen ? reported_len - h.hlen : 0;
    if (v.have_seglen) {
        SeqSegment s{uint32_t(ctx.pinfo.number), ts, h.seq, h.ack, v.seglen, h.flags, h.window};
        if (want_analysis(ctx)) analyze_sequence(s, fwd, rev, c.first_rtt, ta);
        else note_sequence_bases(s, fwd, rev);
    }
    v.ta = &ta;
    v.rel_seq = h.seq - fwd.base_seq;
    v.rel_ack = ackf ? h.ack - rev.base_seq : h.ack;
    v.ack_base = rev.base_seq;
    v.nxtseq = v.rel_seq + v.seglen + ((h.flags & (kSyn | kFin)) ? 1 : 0);
    v.window = h.window;
    if (!syn && fwd.win_scale >= 0) v.window = uint32_t(h.window) << fwd.win_scale;
    v.scale_factor = fwd.win_scale >= 0 ? (1 << fwd.win_scale) : fwd.win_scale;

    // Conversation completeness: the value shown is the one before this frame.
    if (is_new) {
        if ((h.flags & (kSyn | kAck)) == kSyn) c.completeness = v.seglen ? 1 | 8 : 1;
    } else {
        if ((h.flags & (kSyn | kAck)) == (kSyn | kAck)) c.completeness |= 2;
        if ((h.flags & (kSyn | kAck)) == kAck) c.completeness |= v.seglen ? 8 : 4;
        if ((h.flags & (kFin | kAck)) == (kFin | kAck)) c.completeness |= 16;
        if (h.flags & kRst) c.completeness |= 32;
    }

    if (syn) {
        c.syn_seen = true;
        c.server_node = int8_t(ackf ? node : 1 - node);
        c.server_port = ackf ? h.sport : h.dport;
        if (!ackf) c.syn_ts = ts;
        fwd.is_first_ack = true;
    }
    if (h.flags & kFin) {
        v.fin_active = !rev.closing_initiator;
        if (v.fin_active) fwd.closing_initiator = true;
    }
    if ((h.flags & (kSyn | kAck)) == kAck) {
        if (c.syn_ts && !c.first_rtt) c.first_rtt = ts - c.syn_ts;
        fwd.is_first_ack = false;
    }
    v.first_rtt = c.first_rtt;

    // Options: window scale and SACK blocks feed later analysis.
    if (h.hlen > 20 && segment.size() > 20)
        parse_tcp_options(segment.subspan(20, std::min<std::size_t>(h.hlen - 20u, segment.size() - 20)), opts);
    if (opts.has_wscale) fwd.win_scale = int8_t(opts.wscale_shift > 14 ? 14 : opts.wscale_shift);
    fwd.sack_delivered = 0;
    for (unsigned i = 0; i < opts.sack_count; ++i) fwd.sack_delivered += opts.sack_re[i] - opts.sack_le[i];
    if (syn) verify_window_scaling(ackf, fwd, rev);

    // ---- tree and columns --------------------------------------------------
    NodeRef tcp;
    static const FieldId tcp_proto = tcp_fields::id(F::proto);
    if (ctx.defer_transport_info && !ctx.want_experts && !ctx.tree.wants_protocol(tcp_proto)) {
        // Only a printed frame needs the text: keep its numbers instead.
        im.deferred = Impl::DeferredInfo{ctx.pinfo.number, parent, h, ta, v.ta != nullptr, v};
        ctx.pinfo.protocol = "TCP";
        ctx.pinfo.info.clear();
        tcp = NodeRef{parent.index, false};
    } else {
        tcp = add_tcp_tree(ctx, parent, v);
    }
    if (!v.have_seglen)
        ctx.tree.add_expert(tcp, tcp_experts::id(E::short_segment), {source, offset, 0},
                            "Short segment. Segment/fragment does not contain a full TCP header "
                            "(might be NMAP or someone else deliberately sending unusual packets)");
    if (im.obs) im.obs->on_segment(ctx.pinfo, c.stream, observer_dir(node), v.seglen);
    if (!v.have_seglen) return;

    const std::size_t hdr = std::min<std::size_t>(h.hlen, segment.size());
    std::span<const uint8_t> payload = segment.subspan(hdr);
    if (payload.size() > v.seglen) payload = payload.first(v.seglen);
    if (v.seglen) {
        NodeRef pn = ctx.tree.add_bytes(tcp, tcp_fields::id(F::payload),
                                        {source, uint32_t(offset + hdr), uint32_t(payload.size())}, payload);
        if (ctx.tree.wants_labels())
            ctx.tree.set_label(pn, "TCP payload (" + std::to_string(v.seglen) + (v.seglen == 1 ? " byte)" : " bytes)"));
    }

    // ---- reassembly --------------------------------------------------------
    ReassemblyNotes notes;
    if (ackf) {
        Impl::DirSink peer(im, c, 1 - node, ctx);
        c.reasm[1 - node].peer_ack(h.ack, peer, im.budget, notes);
    }
    {
        Impl::DirSink sink(im, c, node, ctx);
        ReassemblySegment rs;
        rs.seq = h.seq;
        rs.seglen = v.seglen;
        rs.payload = payload;
        rs.syn = syn;
        rs.fin = h.flags & kFin;
        rs.rst = h.flags & kRst;
        rs.payload_frame_offset = source == kFrameSource ? int64_t(offset + hdr) : -1;
        rs.frame_number = ctx.pinfo.number;
        c.reasm[node].segment(rs, sink, im.budget, notes);
    }
    if (h.flags & kRst) {  // a reset ends both directions
        Impl::DirSink peer(im, c, 1 - node, ctx);
        c.reasm[1 - node].finish(EndReason::Rst, peer, im.budget, notes);
    }

    // No application protocol: the payload is plain data, as tshark shows it.
    constexpr uint32_t kRetransmitted =
        seq_flag::kRetransmission | seq_flag::kFastRetransmission | seq_flag::kSpuriousRetransmission;
    if (v.seglen && c.app_state == Connection::App::None && !(ta.flags & kRetransmitted) && !payload.empty()) {
        static const FieldId data_proto = FieldRegistry::global().find("data");
        static const FieldId data_data = FieldRegistry::global().find("data.data");
        static const FieldId data_len = FieldRegistry::global().find("data.len");
        if (data_proto != kNoField) {
            const ByteRange r{source, uint32_t(offset + hdr), uint32_t(payload.size())};
            NodeRef d = ctx.tree.add_none(parent, data_proto, r);
            if (ctx.tree.wants_labels()) ctx.tree.set_label(d, "Data (" + std::to_string(payload.size()) + " bytes)");
            if (data_data != kNoField) ctx.tree.add_bytes(d, data_data, r, payload);
            if (data_len != kNoField) ctx.tree.set_generated(ctx.tree.add_uint(d, data_len, r, payload.size()));
        }
    }

    const ByteRange whole{source, offset, uint32_t(hdr)};  // the header bytes present
    if (notes.conflict) ctx.tree.add_expert(tcp, tcp_experts::id(E::overlap_conflict), whole);
    if (notes.limit) ctx.tree.add_expert(tcp, tcp_experts::id(E::reassembly_limit), whole);
    if (notes.gap) ctx.tree.add_expert(tcp, tcp_experts::id(E::gap), whole);
    if (evicted) ctx.tree.add_expert(tcp, tcp_experts::id(E::flow_limit), whole);
    im.release_if_closed(c, slot);
}

void TcpLayer::complete_columns(FrameContext& ctx) {
    Impl::DeferredInfo& d = impl_->deferred;
    if (d.frame == 0 || d.frame != ctx.pinfo.number) return;
    d.frame = 0;
    if (!ctx.pinfo.info.empty()) return;  // an application protocol wrote it
    // The options are read again from the segment rather than copied per frame.
    TcpOptionSummary opts;
    const TcpHeader& h = d.h;
    if (h.hlen > 20 && d.v.segment.size() > 20)
        parse_tcp_options(d.v.segment.subspan(20, std::min<std::size_t>(h.hlen - 20u, d.v.segment.size() - 20)), opts);
    TcpSegmentView v = d.v;
    v.h = &d.h;
    v.opts = &opts;
    v.ta = d.has_ta ? &d.ta : nullptr;
    const std::string protocol_before = ctx.pinfo.protocol;
    add_tcp_tree(ctx, d.parent, v);
    ctx.pinfo.protocol = protocol_before;  // whatever the layers above set stays
}

void TcpLayer::finish(FrameContext& ctx) {
    Impl& im = *impl_;
    // In stream order, so the output does not depend on slot reuse.
    std::vector<uint32_t> order;
    order.reserve(im.live);
    for (uint32_t i = 0; i < im.conns.size(); ++i)
        if (im.conns[i].in_use) order.push_back(i);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return im.conns[a].stream < im.conns[b].stream; });
    // Each connection's end-of-capture items go into a fresh tree: one frame
    // context must not collect the flush output of every open connection
    // (100,000 streams with gaps grew it by hundreds of MiB).
    const PacketInfo at_end = ctx.pinfo;
    for (uint32_t slot : order) {
        if (ctx.tree.size() > 1 || ctx.sources.size() > 1) {
            ctx.begin_frame({});
            ctx.pinfo = at_end;
        }
        im.finish_connection(slot, ctx, EndReason::CaptureEnd);
    }
}

}  // namespace ms
