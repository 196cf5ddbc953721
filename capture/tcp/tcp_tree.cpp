#include "capture/tcp/tcp_tree.hpp"

#include <charconv>
#include <string>

#include "capture/tcp/tcp_fields.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
using F = tcp_fields::Field;
using E = tcp_experts::Expert;
FieldId fid(F f) { return tcp_fields::id(f); }
FieldId eid(E e) { return tcp_experts::id(e); }

void append_num(std::string& s, uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    s.append(buf, r.ptr);
}
void append_int(std::string& s, int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    s.append(buf, r.ptr);
}
void info_uint(std::string& s, const char* name, uint64_t v) {
    s += ' ';
    s += name;
    s += '=';
    append_num(s, v);
}

const char* option_name(uint8_t kind) {
    switch (kind) {
        case 0: return "End of Option List (EOL)";
        case 1: return "No-Operation (NOP)";
        case 2: return "Maximum segment size";
        case 3: return "Window scale";
        case 4: return "SACK permitted";
        case 5: return "SACK";
        case 8: return "Timestamps";
        default: return "Unknown";
    }
}

FieldId option_proto(uint8_t kind) {
    switch (kind) {
        case 0: return fid(F::opt_eol);
        case 1: return fid(F::opt_nop);
        case 2: return fid(F::opt_mss);
        case 3: return fid(F::opt_wscale);
        case 4: return fid(F::opt_sack_perm);
        case 5: return fid(F::opt_sack);
        case 8: return fid(F::opt_timestamp);
        default: return fid(F::opt_unknown);
    }
}

// `nodes` false: the Info text and the expert items only (add_tcp_tree).
void add_options(FrameContext& ctx, NodeRef tcp, const TcpSegmentView& v, std::string& info, bool nodes) {
    ProtoTree& t = ctx.tree;
    const TcpOptionSummary& o = *v.opts;
    const uint32_t optlen = v.h->hlen - 20u;
    const uint32_t base = v.offset + 20;
    const bool labels = t.wants_labels();
    ByteCursor c(v.segment.subspan(20, std::min<std::size_t>(optlen, v.segment.size() - 20)));

    // Ranges cover only the option bytes present: a short capture or a bad
    // length byte must not point past the end of the frame.
    const uint32_t present = uint32_t(c.span().size());
    NodeRef opts = nodes ? t.add_bytes(tcp, fid(F::options), {v.source, base, present}, c.span()) : tcp;
    std::string top;
    if (labels) top = "Options: (" + std::to_string(optlen) + " bytes)";
    unsigned sack_i = 0;
    for (unsigned i = 0; i < o.count; ++i) {
        const TcpOption& op = o.list[i];
        const uint32_t at = base + op.offset;
        const uint32_t len = std::min<uint32_t>(op.len < 1 ? 1 : op.len, present - op.offset);
        if (labels) {
            top += ", ";
            top += option_name(op.kind);
        }
        NodeRef n = nodes ? t.add_none(opts, option_proto(op.kind), {v.source, at, len}) : tcp;
        if (nodes) {
            t.add_uint(n, fid(F::option_kind), {v.source, at, 1}, op.kind);
            // The length byte only when the frame holds it (a cut frame can end on the kind).
            if (op.kind > 1 && op.offset + 1u < present)
                t.add_uint(n, fid(F::option_len), {v.source, at + 1, 1}, op.len);
        }
        if (op.truncated) {
            t.add_expert(n, eid(E::option_len_invalid), {v.source, at, len});
            continue;
        }
        const std::size_t val = op.offset + 2u;
        std::string label;
        switch (op.kind) {
            case 2: {
                uint16_t mss = 0;
                c.be16(val, mss);
                if (nodes) t.add_uint(n, fid(F::mss_val), {v.source, at + 2, 2}, mss);
                if (labels) label = "TCP Option - Maximum segment size: " + std::to_string(mss) + " bytes";
                info_uint(info, "MSS", mss);
                break;
            }
            case 3: {
                uint8_t shift = 0;
                c.u8(val, shift);
                if (nodes) t.add_uint(n, fid(F::wscale_shift), {v.source, at + 2, 1}, shift);
                if (shift > 14) t.add_expert(n, eid(E::wscale_shift_invalid), {v.source, at + 2, 1});
                uint32_t mult = 1u << (shift > 14 ? 14 : shift);
                if (nodes) t.set_generated(t.add_uint(n, fid(F::wscale_multiplier), {v.source, at + 2, 1}, mult));
                if (labels)
                    label = "TCP Option - Window scale: " + std::to_string(shift) + " (multiply by " +
                            std::to_string(mult) + ")";
                info_uint(info, "WS", mult);
                break;
            }
            case 4: info += " SACK_PERM"; break;
            case 5: {
                unsigned blocks = (op.len - 2u) / 8u;
                if (labels) label = "TCP Option - SACK";
                for (unsigned b = 0; b < blocks; ++b) {
                    uint32_t le = 0, re = 0;
                    c.be32(val + b * 8, le);
                    c.be32(val + b * 8 + 4, re);
                    le -= v.ack_base;
                    re -= v.ack_base;
                    if (nodes) {
                        t.add_uint(n, fid(F::sack_le), {v.source, uint32_t(at + 2 + b * 8), 4}, le);
                        t.add_uint(n, fid(F::sack_re), {v.source, uint32_t(at + 6 + b * 8), 4}, re);
                    }
                    if (labels) label += " " + std::to_string(le) + "-" + std::to_string(re);
                    info_uint(info, "SLE", le);
                    info_uint(info, "SRE", re);
                    ++sack_i;
                }
                if (nodes) t.set_generated(t.add_uint(n, fid(F::sack_count), {v.source, at, 0}, blocks));
                break;
            }
            case 8: {
                uint32_t tsval = 0, tsecr = 0;
                c.be32(val, tsval);
                c.be32(val + 4, tsecr);
                if (nodes) {
                    t.add_uint(n, fid(F::ts_val), {v.source, at + 2, 4}, tsval);
                    t.add_uint(n, fid(F::ts_ecr), {v.source, at + 6, 4}, tsecr);
                }
                if (labels)
                    label = "TCP Option - Timestamps: TSval " + std::to_string(tsval) + ", TSecr " +
                            std::to_string(tsecr);
                info_uint(info, "TSval", tsval);
                info_uint(info, "TSecr", tsecr);
                break;
            }
            default:
                if (nodes && op.kind > 1 && op.len > 2)
                    t.add_bytes(n, fid(F::unknown_payload), {v.source, at + 2, uint32_t(op.len - 2)},
                                c.sub(val, op.len - 2u));
                break;
        }
        if (labels && !label.empty()) t.set_label(n, label);
    }
    if (labels) t.set_label(opts, top);
}

// The Info prefixes and expert items of the analysis flags, in tshark's order.
void add_analysis(FrameContext& ctx, NodeRef tcp, const TcpSegmentView& v, std::string& prefix, bool nodes) {
    ProtoTree& t = ctx.tree;
    const SeqResult& ta = *v.ta;
    const ByteRange none{v.source, v.offset, 0};
    NodeRef an = nodes ? t.add_none(tcp, fid(F::analysis), none) : tcp;
    t.set_generated(an);
    if (nodes && ta.frame_acked) {
        t.set_generated(t.add_uint(an, fid(F::acks_frame), none, ta.frame_acked));
        if (ta.ack_rtt) t.set_generated(t.add_time(an, fid(F::ack_rtt), none, ta.ack_rtt));
    }
    if (nodes && v.first_rtt) t.set_generated(t.add_time(an, fid(F::initial_rtt), none, v.first_rtt));
    if (nodes && ta.bytes_in_flight) {
        t.set_generated(t.add_uint(an, fid(F::bytes_in_flight), none, ta.bytes_in_flight));
        t.set_generated(t.add_uint(an, fid(F::push_bytes_sent), none, ta.push_bytes_sent));
    }
    if (!ta.flags) return;
    NodeRef fl = nodes ? t.add_none(an, fid(F::analysis_flags), none) : tcp;
    t.set_generated(fl);
    // Each prefix is put in front of the Info text, so the last one added ends first.
    const char* added[16];
    unsigned n_added = 0;
    std::string dup_prefix;
    auto flag = [&](uint32_t bit, E expert, const char* text) {
        if (!(ta.flags & bit)) return false;
        t.add_expert(fl, eid(expert), none);
        if (text) added[n_added++] = text;
        return true;
    };
    using namespace seq_flag;
    flag(kReusedPorts, E::reused_ports, "[TCP Port numbers reused] ");
    if (flag(kRetransmission, E::retransmission, "[TCP Retransmission] ") && ta.rto && nodes) {
        t.set_generated(t.add_time(fl, fid(F::rto), none, ta.rto));
        t.set_generated(t.add_uint(fl, fid(F::rto_frame), none, ta.rto_frame));
    }
    if (flag(kFastRetransmission, E::fast_retransmission, "[TCP Fast Retransmission] "))
        t.add_expert(fl, eid(E::retransmission), none);
    if (flag(kSpuriousRetransmission, E::spurious_retransmission, "[TCP Spurious Retransmission] "))
        t.add_expert(fl, eid(E::retransmission), none);
    flag(kOutOfOrder, E::out_of_order, "[TCP Out-Of-Order] ");
    flag(kLostPacket, E::lost_segment, "[TCP Previous segment not captured] ");
    flag(kAckLostPacket, E::ack_lost_segment, "[TCP ACKed unseen segment] ");
    flag(kWindowUpdate, E::window_update, "[TCP Window Update] ");
    flag(kWindowFull, E::window_full, "[TCP Window Full] ");
    flag(kKeepAlive, E::keep_alive, "[TCP Keep-Alive] ");
    flag(kKeepAliveAck, E::keep_alive_ack, "[TCP Keep-Alive ACK] ");
    if (ta.dupack_num) {
        if (ta.flags & kDuplicateAck) {
            // tshark shows this line as an item, not an expert; the expert
            // hangs under the frame number below.
            dup_prefix = "[TCP Dup ACK " + std::to_string(ta.dupack_frame) + "#" +
                         std::to_string(ta.dupack_num) + "] ";
            added[n_added++] = dup_prefix.c_str();
        }
        if (nodes) t.set_generated(t.add_uint(an, fid(F::duplicate_ack_num), none, ta.dupack_num));
        NodeRef df = nodes ? t.add_uint(an, fid(F::duplicate_ack_frame), none, ta.dupack_frame) : tcp;
        t.set_generated(df);
        t.add_expert(df, eid(E::duplicate_ack), none, "Duplicate ACK (#" + std::to_string(ta.dupack_num) + ")");
    }
    flag(kZeroWindowProbe, E::zero_window_probe, "[TCP ZeroWindowProbe] ");
    flag(kZeroWindow, E::zero_window, "[TCP ZeroWindow] ");
    flag(kZeroWindowProbeAck, E::zero_window_probe_ack, "[TCP ZeroWindowProbeAck] ");
    for (unsigned i = n_added; i-- > 0;) prefix += added[i];
}
}  // namespace

const char* completeness_text(uint8_t c) {
    switch (c) {
        case 1: return "Incomplete, SYN_SENT";
        case 3: return "Incomplete, CLIENT_ESTABLISHED";
        case 7: return "Incomplete, ESTABLISHED";
        case 15: return "Incomplete, DATA";
        default: break;
    }
    if ((c & 7) == 7 && (c & (16 | 32))) return (c & 8) ? "Complete, WITH_DATA" : "Complete, NO_DATA";
    return "Incomplete";
}

NodeRef add_tcp_tree(FrameContext& ctx, NodeRef parent, const TcpSegmentView& v) {
    ProtoTree& t = ctx.tree;
    const TcpHeader& h = *v.h;
    const bool labels = t.wants_labels();
    const SourceId src = v.source;
    const uint32_t off = v.offset;
    std::string& info = ctx.pinfo.info;

    ctx.pinfo.protocol = "TCP";
    // Nobody reads TCP's fields or the Info column: the analysis still ran,
    // only the presentation is skipped (the hot path of -T fields runs).
    static const FieldId tcp_proto = fid(F::proto);
    if (!ctx.want_columns && !ctx.want_experts && !t.wants_protocol(tcp_proto)) return NodeRef{parent.index, false};
    // Nobody reads TCP's fields, only its Info text and expert items (the
    // GUI's loading pass, -z expert): no field nodes (a quarter of the
    // GUI's loading time went into adding nodes the tree then dropped).
    const bool nodes = t.wants_protocol(tcp_proto);
    info.clear();
    append_num(info, h.sport);
    info += " \xE2\x86\x92 ";  // U+2192
    append_num(info, h.dport);

    // The header as captured: a short frame must not stretch the range past its end.
    const uint32_t hdr_present = uint32_t(std::min<std::size_t>(h.hlen, v.segment.size()));
    NodeRef tcp = nodes ? t.add_none(parent, fid(F::proto), {src, off, hdr_present}) : NodeRef{parent.index, false};
    if (nodes) {
        t.add_uint(tcp, fid(F::srcport), {src, off, 2}, h.sport);
        t.add_uint(tcp, fid(F::dstport), {src, off + 2, 2}, h.dport);
        t.set_hidden(t.add_uint(tcp, fid(F::port), {src, off, 2}, h.sport));
        t.set_hidden(t.add_uint(tcp, fid(F::port), {src, off + 2, 2}, h.dport));
        t.set_generated(t.add_uint(tcp, fid(F::stream), {src, off, 0}, v.stream));
        NodeRef comp = t.add_uint(tcp, fid(F::completeness), {src, off, 0}, v.completeness);
        t.set_generated(comp);
        if (labels)
            t.set_label(comp, std::string("Conversation completeness: ") + completeness_text(v.completeness) + " (" +
                                  std::to_string(v.completeness) + ")");
        if (v.have_seglen) t.set_generated(t.add_uint(tcp, fid(F::len), {src, off + 12, 1}, v.seglen));

        NodeRef seq = t.add_uint(tcp, fid(F::seq), {src, off + 4, 4}, v.rel_seq);
        if (labels)
            t.set_label(seq, "Sequence Number: " + std::to_string(v.rel_seq) + "    (relative sequence number)");
        t.add_uint(tcp, fid(F::seq_raw), {src, off + 4, 4}, h.seq);
    }
    if (h.hlen < 20) {
        info += ", bogus TCP header length (" + std::to_string(h.hlen) + ", must be at least 20)";
        NodeRef hl = t.add_uint(tcp, fid(F::hdr_len), {src, off + 12, 1}, h.hlen);
        t.add_expert(hl, eid(E::bogus_header_length), {src, off + 12, 1},
                     "Bogus TCP header length (" + std::to_string(h.hlen) + ", must be at least 20)");
        return tcp;
    }
    const bool ack_flag = h.flags & tcp_flag::kAck;
    if (nodes && v.have_seglen) {
        NodeRef nx = t.add_uint(tcp, fid(F::nxtseq), {src, off, 0}, v.nxtseq);
        t.set_generated(nx);
        if (labels)
            t.set_label(nx, "Next Sequence Number: " + std::to_string(v.nxtseq) + "    (relative sequence number)");
    }
    NodeRef ackn = nodes ? t.add_uint(tcp, fid(F::ack), {src, off + 8, 4}, v.rel_ack) : tcp;
    if (labels && ack_flag)
        t.set_label(ackn, "Acknowledgment Number: " + std::to_string(v.rel_ack) + "    (relative ack number)");
    if (nodes) t.add_uint(tcp, fid(F::ack_raw), {src, off + 8, 4}, h.ack);
    if (!ack_flag && h.ack != 0) t.add_expert(ackn, eid(E::ack_nonzero), {src, off + 8, 4});

    NodeRef hl = nodes ? t.add_uint(tcp, fid(F::hdr_len), {src, off + 12, 1}, h.hlen) : tcp;
    if (labels) {
        std::string l;
        for (int b = 3; b >= 0; --b) l += ((h.hlen / 4) >> b) & 1 ? '1' : '0';
        l += " .... = Header Length: " + std::to_string(h.hlen) + " bytes (" + std::to_string(h.hlen / 4) + ")";
        t.set_label(hl, l);
    }
    NodeRef fl = nodes ? t.add_uint(tcp, fid(F::flags), {src, off + 12, 2}, h.flags) : tcp;
    std::string names;
    append_flag_names(names, h.flags);
    if (labels) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%03x", h.flags);
        t.set_label(fl, std::string("Flags: ") + hex + " (" + names + ")");
    }
    struct Bit {
        F field;
        uint16_t mask;
        uint32_t byte;
    };
    static const Bit kBits[] = {{F::flags_res, 0xe00, 12}, {F::flags_ae, 0x100, 12}, {F::flags_cwr, 0x80, 13},
                                {F::flags_ece, 0x40, 13},  {F::flags_urg, 0x20, 13}, {F::flags_ack, 0x10, 13},
                                {F::flags_push, 0x8, 13},  {F::flags_reset, 0x4, 13}, {F::flags_syn, 0x2, 13},
                                {F::flags_fin, 0x1, 13}};
    for (const Bit& b : kBits) {
        unsigned shift = 0;
        while (!((b.mask >> shift) & 1)) ++shift;
        NodeRef bn = nodes ? t.add_uint(fl, fid(b.field), {src, off + b.byte, 1}, (h.flags & b.mask) >> shift) : tcp;
        if (b.field == F::flags_syn && (h.flags & tcp_flag::kSyn)) {
            if (ack_flag)
                t.add_expert(bn, eid(E::connection_synack), {src, off + 13, 1},
                             "Connection establish acknowledge (SYN+ACK): server port " + std::to_string(h.sport));
            else
                t.add_expert(bn, eid(E::connection_syn), {src, off + 13, 1},
                             "Connection establish request (SYN): server port " + std::to_string(h.dport));
        }
        if (b.field == F::flags_fin && (h.flags & tcp_flag::kFin))
            t.add_expert(bn, eid(E::connection_fin), {src, off + 13, 1});
        if (b.field == F::flags_reset && (h.flags & tcp_flag::kRst))
            t.add_expert(bn, eid(E::connection_rst), {src, off + 13, 1});
    }
    NodeRef fs = nodes ? t.add_string(fl, fid(F::flags_str), {src, off + 12, 2}, flag_letters(h.flags)) : tcp;
    t.set_generated(fs);
    if (h.flags & tcp_flag::kFin)
        t.add_expert(fs, eid(v.fin_active ? E::fin_active : E::fin_passive), {src, off + 12, 2});

    if (nodes) {
        t.add_uint(tcp, fid(F::window_size_value), {src, off + 14, 2}, h.window);
        t.set_generated(t.add_uint(tcp, fid(F::window_size), {src, off + 14, 2}, v.window));
    }
    if (nodes && !(h.flags & tcp_flag::kSyn)) {
        NodeRef sf = t.add_int(tcp, fid(F::window_size_scalefactor), {src, off + 14, 2}, v.scale_factor);
        t.set_generated(sf);
        if (labels) {
            std::string l = "Window size scaling factor: " + std::to_string(v.scale_factor);
            if (v.scale_factor == -1) l += " (unknown)";
            else if (v.scale_factor == -2) l += " (no window scaling used)";
            t.set_label(sf, l);
        }
    }
    if (nodes) {
        NodeRef ck = t.add_uint(tcp, fid(F::checksum), {src, off + 16, 2}, h.checksum);
        if (labels) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%04x", h.checksum);
            t.set_label(ck, std::string("Checksum: ") + hex + " [unverified]");
        }
        NodeRef cs = t.add_uint(tcp, fid(F::checksum_status), {src, off + 16, 0}, 2);
        t.set_generated(cs);
        if (labels) t.set_label(cs, "Checksum Status: Unverified");
    }
    NodeRef up = nodes ? t.add_uint(tcp, fid(F::urgent_pointer), {src, off + 18, 2}, h.urgent) : tcp;
    if (!(h.flags & tcp_flag::kUrg) && h.urgent) t.add_expert(up, eid(E::urgent_pointer_non_zero), {src, off + 18, 2});

    // Info: flags, numbers, then the options as they are read.
    info += " [";
    info += names;
    info += ']';
    info_uint(info, "Seq", v.rel_seq);
    if (ack_flag) info_uint(info, "Ack", v.rel_ack);
    info_uint(info, "Win", v.window);
    if (h.flags & tcp_flag::kUrg) info_uint(info, "Urg", h.urgent);
    if (v.have_seglen) info_uint(info, "Len", v.seglen);

    if (h.hlen > 20) add_options(ctx, tcp, v, info, nodes);

    if (nodes) {
        NodeRef ts = t.add_none(tcp, fid(F::timestamps), {src, off, 0});
        t.set_generated(ts);
        if (labels) t.set_label(ts, "Timestamps");
        t.set_generated(t.add_time(ts, fid(F::time_relative), {src, off, 0}, v.time_relative));
        t.set_generated(t.add_time(ts, fid(F::time_delta), {src, off, 0}, v.time_delta));
    }

    if (v.ta && v.ta->present) {
        std::string prefix;
        add_analysis(ctx, tcp, v, prefix, nodes);
        if (!prefix.empty()) info.insert(0, prefix);
    }

    if (labels) {
        std::string l = "Transmission Control Protocol, Src Port: " + std::to_string(h.sport) +
                        ", Dst Port: " + std::to_string(h.dport) + ", Seq: " + std::to_string(v.rel_seq);
        if (ack_flag) l += ", Ack: " + std::to_string(v.rel_ack);
        if (v.have_seglen) l += ", Len: " + std::to_string(v.seglen);
        t.set_label(tcp, l);
    }
    (void)append_int;
    return tcp;
}

}  // namespace ms
