// The transports above IP: TCP goes to the TcpLayer; UDP and ICMP get a
// minimal header view so non-mail traffic shows something sensible; any
// other protocol becomes a Data node.
#include <algorithm>

#include "capture/net/dissect_util.hpp"
#include "capture/net/ip_fields.hpp"
#include "capture/net/net_layer.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
FieldId U(udp_fields::Field f) { return udp_fields::id(f); }
FieldId I(icmp_fields::Field f) { return icmp_fields::id(f); }

// RFC 1071 ones'-complement sum of the whole message.
uint16_t internet_checksum(std::span<const uint8_t> b) {
    uint64_t sum = 0;
    std::size_t i = 0;
    for (; i + 1 < b.size(); i += 2) sum += load_be16(b.data() + i);
    if (i < b.size()) sum += uint32_t(b[i]) << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<uint16_t>(~sum & 0xffff);
}
}  // namespace

void NetLayer::transport(FrameContext& ctx, const Payload& p) {
    switch (p.proto) {
        case 6: {
            const auto seg = p.buf.subspan(p.offset, p.captured);
            tcp_.dissect(ctx, ctx.tree.root(), p.endpoints, seg, p.source, static_cast<uint32_t>(p.offset),
                         static_cast<uint32_t>(std::min<uint64_t>(p.reported, 0xFFFFFFFFu)));
            return;
        }
        case 17: udp(ctx, p); return;
        case 1: icmp(ctx, p); return;
        case 58: icmpv6(ctx, p); return;
        default: break;
    }
    const char* name = ip_proto_name(p.proto);
    ctx.pinfo.info = name ? strf("%s (%u)", name, p.proto) : strf("Unknown IP protocol (%u)", p.proto);
    add_data_node(ctx, p.buf, p.offset, p.captured, p.source);
}

void NetLayer::udp(FrameContext& ctx, const Payload& p) {
    auto& t = ctx.tree;
    const ByteCursor c(p.buf.first(p.offset + p.captured));
    const SourceId s = p.source;
    const uint64_t o = p.offset;
    ctx.pinfo.protocol = "UDP";
    NodeRef u = t.add_none(t.root(), U(udp_fields::proto), byte_range(o, std::min<uint64_t>(8, p.captured), s));
    uint16_t sport = 0, dport = 0, len = 0, cksum = 0;
    if (!c.be16(o, sport) || !c.be16(o + 2, dport) || !c.be16(o + 4, len) || !c.be16(o + 6, cksum)) {
        t.add_expert(u, udp_experts::id(udp_experts::truncated), byte_range(o, p.captured, s));
        ctx.pinfo.info = "UDP (truncated)";
        return;
    }
    set_label_if(ctx, u, strf("User Datagram Protocol, Src Port: %u, Dst Port: %u", sport, dport));
    t.add_uint(u, U(udp_fields::srcport), byte_range(o, 2, s), sport);
    t.add_uint(u, U(udp_fields::dstport), byte_range(o + 2, 2, s), dport);
    t.set_hidden(t.add_uint(u, U(udp_fields::port), byte_range(o, 2, s), sport));
    t.set_hidden(t.add_uint(u, U(udp_fields::port), byte_range(o + 2, 2, s), dport));
    NodeRef ln = t.add_uint(u, U(udp_fields::length), byte_range(o + 4, 2, s), len);
    if (len < 8 || len > p.reported)
        t.add_expert(ln, udp_experts::id(udp_experts::length_bad), byte_range(o + 4, 2, s),
                     strf("Bad length value %u %s IP payload length", len, len < 8 ? "<" : ">"));
    NodeRef ck = t.add_uint(u, U(udp_fields::checksum), byte_range(o + 6, 2, s), cksum);
    set_label_if(ctx, ck, cksum == 0 ? strf("Checksum: 0x%04x [zero-value ignored]", cksum)
                                     : strf("Checksum: 0x%04x [unverified]", cksum));
    // tshark puts the status under the checksum when the checksum is absent.
    NodeRef st = t.add_uint(cksum == 0 ? ck : u, U(udp_fields::checksum_status), byte_range(o + 6, 2, s),
                            cksum == 0 ? 3 : 2);
    t.set_generated(st);
    set_label_if(ctx, st, cksum == 0 ? "Checksum Status: Not present" : "Checksum Status: Unverified");
    ctx.pinfo.srcport = sport;
    ctx.pinfo.dstport = dport;
    const uint64_t payload_len = len >= 8 ? std::min<uint64_t>(len - 8u, p.captured - 8) : p.captured - 8;
    ctx.pinfo.info = strf("%u \xE2\x86\x92 %u Len=%u", sport, dport, len >= 8 ? len - 8u : 0u);
    if (payload_len) {
        NodeRef pl = t.add_bytes(u, U(udp_fields::payload), byte_range(o + 8, payload_len, s),
                                 p.buf.subspan(o + 8, payload_len));
        set_label_if(ctx, pl, strf("UDP payload (%llu bytes)", static_cast<unsigned long long>(payload_len)));
    }
}

void NetLayer::icmp(FrameContext& ctx, const Payload& p) {
    auto& t = ctx.tree;
    const ByteCursor c(p.buf.first(p.offset + p.captured));
    const SourceId s = p.source;
    const uint64_t o = p.offset;
    ctx.pinfo.protocol = "ICMP";
    NodeRef ic = t.add_none(t.root(), I(icmp_fields::proto), byte_range(o, p.captured, s));
    uint8_t type = 0, code = 0;
    uint16_t cksum = 0;
    if (!c.u8(o, type) || !c.u8(o + 1, code) || !c.be16(o + 2, cksum)) {
        t.add_expert(ic, icmp_experts::id(icmp_experts::truncated), byte_range(o, p.captured, s));
        ctx.pinfo.info = "ICMP (truncated)";
        return;
    }
    const char* type_name = value_name_in({kIcmpTypeNames, kIcmpTypeNameCount}, type);
    const char* code_name = type == 3 ? icmp_unreachable_code_name(code) : nullptr;
    NodeRef n = t.add_uint(ic, I(icmp_fields::type), byte_range(o, 1, s), type);
    set_label_if(ctx, n, strf("Type: %u (%s)", type, type_name ? type_name : "Unknown"));
    n = t.add_uint(ic, I(icmp_fields::code), byte_range(o + 1, 1, s), code);
    set_label_if(ctx, n, code_name ? strf("Code: %u (%s)", code, code_name) : strf("Code: %u", code));
    n = t.add_uint(ic, I(icmp_fields::checksum), byte_range(o + 2, 2, s), cksum);
    unsigned status = 2;
    if (p.captured == p.reported) {
        // ICMP checksums are checked (tshark does so by default for ICMP).
        const uint16_t calc = internet_checksum(p.buf.subspan(o, p.captured));
        status = calc == 0 ? 1 : 0;
        set_label_if(ctx, n, status ? strf("Checksum: 0x%04x [correct]", cksum)
                                    : strf("Checksum: 0x%04x [incorrect]", cksum));
    } else {
        set_label_if(ctx, n, strf("Checksum: 0x%04x [unverified]", cksum));
    }
    n = t.add_uint(ic, I(icmp_fields::checksum_status), byte_range(o + 2, 2, s), status);
    t.set_generated(n);
    set_label_if(ctx, n, status == 1 ? "Checksum Status: Good" : status == 0 ? "Checksum Status: Bad" : "Checksum Status: Unverified");

    std::string info = type_name ? type_name : strf("Unknown ICMP (type %u)", type);
    if (code_name) info += strf(" (%s)", code_name);
    if ((type == 0 || type == 8) && c.has(o + 4, 4)) {
        const uint16_t ident = load_be16(c.ptr(o + 4)), seq = load_be16(c.ptr(o + 6));
        t.add_uint(ic, I(icmp_fields::ident), byte_range(o + 4, 2, s), ident);
        t.add_uint(ic, I(icmp_fields::seq), byte_range(o + 6, 2, s), seq);
        info += strf("  id=0x%04x, seq=%u/%u, ttl=%u", ident, seq, uint16_t(seq >> 8 | seq << 8), p.ttl);
        if (p.captured > 8) add_data_node(ctx, p.buf, o + 8, p.captured - 8, s);
    } else if ((type == 3 || type == 11 || type == 12 || type == 4 || type == 5) && c.has(o + 4, 4)) {
        if (type == 3 && code == 4) {
            t.add_bytes(ic, I(icmp_fields::unused), byte_range(o + 4, 2, s), p.buf.subspan(o + 4, 2));
            t.add_uint(ic, I(icmp_fields::mtu), byte_range(o + 6, 2, s), load_be16(c.ptr(o + 6)));
        } else if (type != 5) {
            t.add_bytes(ic, I(icmp_fields::unused), byte_range(o + 4, 4, s), p.buf.subspan(o + 4, 4));
        }
        // The quoted header of the datagram that caused the error.
        if (p.captured > 8 && s == kFrameSource) ipv4(ctx, ic, p.buf.first(o + p.captured), o + 8, true);
    } else if (p.captured > 4) {
        add_data_node(ctx, p.buf, o + 4, p.captured - 4, s);
    }
    ctx.pinfo.info = info;
}

void NetLayer::icmpv6(FrameContext& ctx, const Payload& p) {
    auto& t = ctx.tree;
    const ByteCursor c(p.buf.first(p.offset + p.captured));
    const SourceId s = p.source;
    const uint64_t o = p.offset;
    ctx.pinfo.protocol = "ICMPv6";
    NodeRef ic = t.add_none(t.root(), I(icmp_fields::v6_proto), byte_range(o, p.captured, s));
    uint8_t type = 0, code = 0;
    uint16_t cksum = 0;
    if (!c.u8(o, type) || !c.u8(o + 1, code) || !c.be16(o + 2, cksum)) {
        t.add_expert(ic, icmp_experts::id(icmp_experts::truncated), byte_range(o, p.captured, s));
        return;
    }
    t.add_uint(ic, I(icmp_fields::v6_type), byte_range(o, 1, s), type);
    t.add_uint(ic, I(icmp_fields::v6_code), byte_range(o + 1, 1, s), code);
    NodeRef n = t.add_uint(ic, I(icmp_fields::v6_checksum), byte_range(o + 2, 2, s), cksum);
    set_label_if(ctx, n, strf("Checksum: 0x%04x [unverified]", cksum));
    ctx.pinfo.info = strf("ICMPv6 type %u, code %u", type, code);
}

}  // namespace ms
