// IPv6: the fixed header and the extension-header chain (hop-by-hop,
// routing, fragment, destination options; AH skipped by its length), with
// fragments reassembled through the IpDefragmenter.
#include <algorithm>

#include "capture/net/dissect_util.hpp"
#include "capture/net/ip_fields.hpp"
#include "capture/net/net_layer.hpp"
#include "dissectors/core/byte_cursor.hpp"
#include "dissectors/core/value_format.hpp"

namespace ms {

namespace {
FieldId F(ipv6_fields::Field f) { return ipv6_fields::id(f); }
FieldId E(ipv6_experts::Expert e) { return ipv6_experts::id(e); }

std::string bits(uint64_t mask, uint64_t shifted, unsigned width) {
    std::string s;
    append_bit_pattern(s, mask, shifted, width);
    return s;
}

// Enough for any sane chain; a longer one is hostile and is cut with a warning.
constexpr int kMaxExtensionHeaders = 32;
}  // namespace

uint64_t NetLayer::dissect_ipv6(FrameContext& ctx, std::span<const uint8_t> buf, uint64_t off) {
    auto& t = ctx.tree;
    const ByteCursor c(buf);
    const uint64_t avail = c.remaining(off);
    ctx.pinfo.protocol = "IPv6";
    NodeRef ip = t.add_none(t.root(), F(ipv6_fields::proto), byte_range(off, std::min<uint64_t>(avail, 40)));
    uint32_t first = 0;
    uint8_t b0 = 0;
    if (!c.u8(off, b0)) {
        t.add_expert(ip, E(ipv6_experts::truncated), byte_range(off, 0));
        return avail;
    }
    const unsigned version = b0 >> 4;
    NodeRef n = t.add_uint(ip, F(ipv6_fields::version), byte_range(off, 1), version);
    set_label_if(ctx, n, bits(0xf0, version, 8) + strf("Version: %u", version));
    // Wireshark also files the version under ip.version (hidden), so
    // `ip.version == 6` selects IPv6 too.
    t.set_hidden(t.add_uint(ip, ip_fields::id(ip_fields::version), byte_range(off, 1), version));
    if (version != 6) {
        t.add_expert(n, E(ipv6_experts::bogus_version), byte_range(off, 1), strf("Bogus IP version (%u)", version));
        return 0;
    }
    if (!c.be32(off, first) || !c.has(off, 40)) {
        t.add_expert(ip, E(ipv6_experts::truncated), byte_range(off, avail));
        return avail;
    }
    const uint32_t tclass = (first >> 20) & 0xffu, flow = first & 0xfffffu;
    n = t.add_uint(ip, F(ipv6_fields::tclass), byte_range(off, 4), tclass);
    if (t.wants_labels()) {
        const char* dscp = value_name_in({kDscpShortNames, kDscpShortNameCount}, tclass >> 2);
        set_label_if(ctx, n, bits(0x0ff00000, tclass, 32) +
                                 strf("Traffic Class: 0x%02x (DSCP: %s, ECN: %s)", tclass,
                                      dscp ? dscp : strf("Unknown (%u)", tclass >> 2).c_str(),
                                      kEcnShortNames[tclass & 3].name));
    }
    t.add_uint(n, F(ipv6_fields::tclass_dscp), byte_range(off, 4), tclass >> 2);
    t.add_uint(n, F(ipv6_fields::tclass_ecn), byte_range(off, 4), tclass & 3u);
    n = t.add_uint(ip, F(ipv6_fields::flow), byte_range(off + 1, 3), flow);
    set_label_if(ctx, n, bits(0xfffff, flow, 24) + strf("Flow Label: 0x%05x", flow));

    uint16_t plen = 0;
    uint8_t nxt = 0, hlim = 0;
    c.be16(off + 4, plen);
    c.u8(off + 6, nxt);
    c.u8(off + 7, hlim);
    NodeRef plen_node = t.add_uint(ip, F(ipv6_fields::plen), byte_range(off + 4, 2), plen);
    t.add_uint(ip, F(ipv6_fields::nxt), byte_range(off + 6, 1), nxt);
    t.add_uint(ip, F(ipv6_fields::hlim), byte_range(off + 7, 1), hlim);

    const uint8_t* s = c.ptr(off + 8);
    const uint8_t* d = c.ptr(off + 24);
    const Address src = ipv6_address(s), dst = ipv6_address(d);
    const bool want_text = t.wants_labels() || t.wants(F(ipv6_fields::src_host)) ||
                           t.wants(F(ipv6_fields::dst_host)) || t.wants(F(ipv6_fields::host));
    const std::string src_text = want_text ? src.to_string() : std::string();
    const std::string dst_text = want_text ? dst.to_string() : std::string();
    const ByteRange rs = byte_range(off + 8, 16), rd = byte_range(off + 24, 16);
    const std::span<const uint8_t> sb(s, 16), db(d, 16);
    t.add_bytes(ip, F(ipv6_fields::src), rs, sb);
    t.set_hidden(t.add_bytes(ip, F(ipv6_fields::addr), rs, sb));
    if (want_text) {
        t.set_hidden(t.add_string(ip, F(ipv6_fields::src_host), rs, src_text));
        t.set_hidden(t.add_string(ip, F(ipv6_fields::host), rs, src_text));
    }
    t.add_bytes(ip, F(ipv6_fields::dst), rd, db);
    t.set_hidden(t.add_bytes(ip, F(ipv6_fields::addr), rd, db));
    if (want_text) {
        t.set_hidden(t.add_string(ip, F(ipv6_fields::dst_host), rd, dst_text));
        t.set_hidden(t.add_string(ip, F(ipv6_fields::host), rd, dst_text));
    }
    set_label_if(ctx, ip, "Internet Protocol Version 6, Src: " + src_text + ", Dst: " + dst_text);
    ctx.pinfo.net_src = src;
    ctx.pinfo.net_dst = dst;

    uint64_t claimed = 40 + uint64_t(plen);
    if (plen == 0) claimed = avail;  // jumbogram or segmentation offload: use what is there
    if (claimed > avail) {
        if (frame_is_cut(ctx))
            t.add_expert(plen_node, E(ipv6_experts::truncated), byte_range(off + 4, 2));
        else
            t.add_expert(plen_node, E(ipv6_experts::plen_exceeds_framing), byte_range(off + 4, 2),
                         strf("IPv6 payload length exceeds framing length (%llu bytes)",
                              static_cast<unsigned long long>(avail - 40)));
    }

    Payload p;
    p.endpoints.src = src;
    p.endpoints.dst = dst;
    p.endpoints.ip_version = 6;
    p.source = kFrameSource;
    p.buf = buf;
    p.offset = off + 40;
    p.reported = claimed - 40;
    p.captured = std::min<uint64_t>(p.reported, c.remaining(p.offset));
    p.ttl = hlim;
    ipv6_chain(ctx, ip, p, nxt, off + claimed, true);
    return std::min<uint64_t>(claimed, avail);
}

// Walks the extension headers of `p` (p.offset = first header after the
// fixed one, `end` = end of the packet per its length) and hands the upper
// layer to transport(). A completed fragment chain continues inside the
// reassembled data with allow_fragment = false.
void NetLayer::ipv6_chain(FrameContext& ctx, NodeRef ip, Payload p, uint8_t nxt, uint64_t end,
                          bool allow_fragment) {
    auto& t = ctx.tree;
    const ByteCursor c(p.buf);
    const uint64_t captured_end = p.offset + p.captured;
    uint64_t pos = p.offset;
    for (int count = 0;; ++count) {
        if (count == kMaxExtensionHeaders) {
            t.add_expert(ip, E(ipv6_experts::too_many_headers), byte_range(pos, 0, p.source));
            add_data_node(ctx, p.buf, pos, captured_end > pos ? captured_end - pos : 0, p.source);
            return;
        }
        const bool options_hdr = nxt == 0 || nxt == 60;
        if (!(options_hdr || nxt == 43 || nxt == 44 || nxt == 51)) break;
        uint8_t next = 0, len_byte = 0;
        if (!c.u8(pos, next) || !c.u8(pos + 1, len_byte) || pos + 2 > captured_end) {
            t.add_expert(ip, E(ipv6_experts::truncated), byte_range(pos, 0, p.source));
            return;
        }
        const uint64_t hlen = nxt == 44 ? 8 : nxt == 51 ? (uint64_t(len_byte) + 2) * 4 : (uint64_t(len_byte) + 1) * 8;
        // The range covers the header bytes captured, never past the frame.
        const ByteRange hr = byte_range(pos, std::min(hlen, captured_end - pos), p.source);
        if (pos + hlen > end) {
            t.add_expert(ip, E(ipv6_experts::invalid_header), hr, "Extension header runs past the payload length");
            return;
        }
        const bool whole = pos + hlen <= captured_end;
        if (options_hdr) {
            const bool hop = nxt == 0;
            NodeRef h = t.add_none(ip, hop ? F(ipv6_fields::hopopts) : F(ipv6_fields::dstopts), hr);
            t.add_uint(h, hop ? F(ipv6_fields::hopopts_nxt) : F(ipv6_fields::dstopts_nxt), byte_range(pos, 1, p.source), next);
            t.add_uint(h, hop ? F(ipv6_fields::hopopts_len) : F(ipv6_fields::dstopts_len), byte_range(pos + 1, 1, p.source), len_byte);
            NodeRef lo = t.add_uint(h, hop ? F(ipv6_fields::hopopts_len_oct) : F(ipv6_fields::dstopts_len_oct),
                                    byte_range(pos + 1, 1, p.source), hlen);
            t.set_generated(lo);
            set_label_if(ctx, lo, strf("Length: %llu bytes", static_cast<unsigned long long>(hlen)));
            ipv6_options(ctx, h, p.buf, pos + 2, std::min(hlen, captured_end - pos) - 2, p.source);
        } else if (nxt == 43) {
            NodeRef h = t.add_none(ip, F(ipv6_fields::routing), hr);
            t.add_uint(h, F(ipv6_fields::routing_nxt), byte_range(pos, 1, p.source), next);
            t.add_uint(h, F(ipv6_fields::routing_len), byte_range(pos + 1, 1, p.source), len_byte);
            NodeRef lo = t.add_uint(h, F(ipv6_fields::routing_len_oct), byte_range(pos + 1, 1, p.source), hlen);
            t.set_generated(lo);
            set_label_if(ctx, lo, strf("Length: %llu bytes", static_cast<unsigned long long>(hlen)));
            uint8_t type = 0, segleft = 0;
            if (c.u8(pos + 2, type) && pos + 3 < captured_end) {
                NodeRef ty = t.add_uint(h, F(ipv6_fields::routing_type), byte_range(pos + 2, 1, p.source), type);
                const char* tn = value_name_in({kIpv6RoutingTypeNames, kIpv6RoutingTypeNameCount}, type);
                set_label_if(ctx, h, strf("Routing Header for IPv6 (%s)", tn ? tn : "Unknown"));
                if (type == 0) t.add_expert(ty, E(ipv6_experts::routing_deprecated), byte_range(pos + 2, 1, p.source));
                c.u8(pos + 3, segleft);
                t.add_uint(h, F(ipv6_fields::routing_segleft), byte_range(pos + 3, 1, p.source), segleft);
                const uint64_t data_end = std::min(pos + hlen, captured_end);
                if (data_end > pos + 4)
                    t.add_bytes(h, F(type == 0 ? ipv6_fields::routing_src_reserved : ipv6_fields::routing_unknown_data), byte_range(pos + 4, data_end - pos - 4, p.source),
                                p.buf.subspan(pos + 4, data_end - pos - 4));
            }
        } else if (nxt == 51) {
            NodeRef h = t.add_none(ip, F(ipv6_fields::ah), hr);
            uint32_t spi = 0, seq = 0;
            if (c.be32(pos + 4, spi) && pos + 8 <= captured_end) t.add_uint(h, F(ipv6_fields::ah_spi), byte_range(pos + 4, 4, p.source), spi);
            if (c.be32(pos + 8, seq) && pos + 12 <= captured_end) t.add_uint(h, F(ipv6_fields::ah_sequence), byte_range(pos + 8, 4, p.source), seq);
        } else {  // 44: fragment header
            NodeRef h = t.add_none(ip, F(ipv6_fields::fraghdr), hr);
            uint16_t offm = 0;
            uint32_t ident = 0;
            if (!whole || !c.be16(pos + 2, offm) || !c.be32(pos + 4, ident)) {
                t.add_expert(h, E(ipv6_experts::truncated), hr);
                return;
            }
            const unsigned units = offm >> 3;
            const bool more = offm & 1;
            t.add_uint(h, F(ipv6_fields::fraghdr_nxt), byte_range(pos, 1, p.source), next);
            t.add_uint(h, F(ipv6_fields::fraghdr_reserved_octet), byte_range(pos + 1, 1, p.source), len_byte);
            NodeRef o = t.add_uint(h, F(ipv6_fields::fraghdr_offset), byte_range(pos + 2, 2, p.source), units);
            set_label_if(ctx, o, bits(0xfff8, units, 16) + strf("Offset: %u (%u bytes)", units, units * 8));
            t.add_uint(h, F(ipv6_fields::fraghdr_reserved_bits), byte_range(pos + 2, 2, p.source), (offm >> 1) & 3u);
            t.add_bool(h, F(ipv6_fields::fraghdr_more), byte_range(pos + 2, 2, p.source), more);
            t.add_uint(h, F(ipv6_fields::fraghdr_ident), byte_range(pos + 4, 4, p.source), ident);
            pos += 8;
            nxt = next;
            if (units == 0 && !more) continue;  // atomic fragment: the payload is whole
            if (!allow_fragment) {
                t.add_expert(h, E(ipv6_experts::invalid_header), hr, "Nested fragment header not reassembled");
                return;
            }
            const uint64_t reported = end > pos ? end - pos : 0;
            const uint64_t have = captured_end > pos ? std::min(captured_end - pos, reported) : 0;
            FragmentKey key;
            key.version = 6;
            key.proto = next;
            key.id = ident;
            std::copy_n(p.endpoints.src.bytes, 16, key.src.begin());
            std::copy_n(p.endpoints.dst.bytes, 16, key.dst.begin());
            DefragResult r;
            if (have < reported)
                r.status = DefragResult::Dropped;
            else
                r = v6_defrag_.add(key, units * 8u, more, p.buf.subspan(pos, have), ctx.pinfo.number);
            defrag_experts(ctx, ip, true, r, byte_range(pos, have, p.source));
            if (r.status == DefragResult::Complete) {
                const std::size_t size = r.data.size();
                SourceId sid = ctx.add_source(strf("Reassembled IPv6 (%zu bytes)", size), r.data);
                fragment_tree(ctx, ip, true, r, sid);
                Payload whole_p = p;
                whole_p.source = sid;
                whole_p.buf = ctx.sources[sid].bytes;
                whole_p.offset = 0;
                whole_p.captured = whole_p.reported = size;
                ipv6_chain(ctx, ip, whole_p, next, size, false);
            } else {
                ctx.pinfo.protocol = "IPv6";
                ctx.pinfo.info = strf("IPv6 fragment (off=%u more=%c ident=0x%08x nxt=%u)", units * 8,
                                      more ? 'y' : 'n', ident, next);
                add_data_node(ctx, p.buf, pos, have, p.source);
            }
            return;
        }
        pos += hlen;
        nxt = next;
    }

    Payload up = p;
    up.proto = nxt;
    up.offset = pos;
    up.reported = end > pos ? end - pos : 0;
    up.captured = captured_end > pos ? std::min(captured_end - pos, up.reported) : 0;
    if (nxt == 59) return;  // No Next Header
    transport(ctx, up);
}

void NetLayer::ipv6_options(FrameContext& ctx, NodeRef hdr, std::span<const uint8_t> buf, uint64_t off,
                            uint64_t length, SourceId source) {
    auto& t = ctx.tree;
    const ByteCursor c(buf.first(std::min<uint64_t>(buf.size(), off + length)));
    uint64_t pos = off;
    const uint64_t end = off + length;
    while (pos < end) {
        uint8_t type = 0, olen = 0;
        c.u8(pos, type);
        const char* name = value_name_in({kIpv6OptNames, kIpv6OptNameCount}, type);
        uint64_t total = 1;
        if (type != 0) {
            if (!c.u8(pos + 1, olen) || pos + 2 + olen > end) break;
            total = 2 + uint64_t(olen);
        }
        NodeRef o = t.add_none(hdr, F(ipv6_fields::opt), byte_range(pos, total, source));
        set_label_if(ctx, o, name ? name : strf("Unknown IPv6 Option (0x%02x)", type));
        NodeRef ty = t.add_uint(o, F(ipv6_fields::opt_type), byte_range(pos, 1, source), type);
        t.add_uint(ty, F(ipv6_fields::opt_type_action), byte_range(pos, 1, source), type >> 6);
        t.add_bool(ty, F(ipv6_fields::opt_type_change), byte_range(pos, 1, source), type & 0x20);
        t.add_uint(ty, F(ipv6_fields::opt_type_rest), byte_range(pos, 1, source), type & 0x1fu);
        if (type == 0) {
            t.add_none(o, F(ipv6_fields::opt_pad1), byte_range(pos, 1, source));
        } else {
            t.add_uint(o, F(ipv6_fields::opt_length), byte_range(pos + 1, 1, source), olen);
            const ByteRange vr = byte_range(pos + 2, olen, source);
            const auto value = buf.subspan(pos + 2, olen);
            if (type == 1) {
                t.add_bytes(o, F(ipv6_fields::opt_padn), vr, value);
            } else if (type == 5 && olen == 2) {
                t.add_uint(o, F(ipv6_fields::opt_router_alert), vr, load_be16(value.data()));
            } else if (olen) {
                t.add_bytes(o, F(ipv6_fields::opt_unknown), vr, value);
            }
        }
        pos += total;
    }
}

}  // namespace ms
