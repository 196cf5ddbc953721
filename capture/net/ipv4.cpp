// IPv4: the fixed header, options, fragments (reassembled through the
// IpDefragmenter) and the hand-off to the transport.
#include <algorithm>

#include "capture/net/dissect_util.hpp"
#include "capture/net/ip_fields.hpp"
#include "capture/net/net_layer.hpp"
#include "dissectors/core/byte_cursor.hpp"
#include "dissectors/core/value_format.hpp"

namespace ms {

namespace {
FieldId F(ip_fields::Field f) { return ip_fields::id(f); }
FieldId E(ip_experts::Expert e) { return ip_experts::id(e); }

std::string bits(uint64_t mask, uint64_t shifted, unsigned width) {
    std::string s;
    append_bit_pattern(s, mask, shifted, width);
    return s;
}

std::string dotted(const uint8_t* p) { return strf("%u.%u.%u.%u", p[0], p[1], p[2], p[3]); }
}  // namespace

NetLayer::NetLayer(const Limits& limits, TcpLayer& tcp)
    : limits_(limits),
      tcp_(tcp),
      v4_defrag_(limits.ip_max_pending_datagrams, limits.ip_max_pending_bytes),
      v6_defrag_(limits.ip_max_pending_datagrams, limits.ip_max_pending_bytes) {}

uint64_t NetLayer::dissect_ipv4(FrameContext& ctx, std::span<const uint8_t> frame, uint64_t offset) {
    return ipv4(ctx, ctx.tree.root(), frame, offset, false);
}

uint64_t NetLayer::dissect_ip(FrameContext& ctx, std::span<const uint8_t> frame, uint64_t offset) {
    uint8_t b = 0;
    if (!ByteCursor(frame).u8(offset, b)) {
        ctx.pinfo.protocol = "Raw";
        return 0;
    }
    if ((b >> 4) == 6) return dissect_ipv6(ctx, frame, offset);
    return dissect_ipv4(ctx, frame, offset);  // reports a bogus version itself
}

// `quoted`: the header inside an ICMP error. It is shown, but it sets no
// addresses or columns, is not defragmented and carries nothing to TCP.
uint64_t NetLayer::ipv4(FrameContext& ctx, NodeRef parent, std::span<const uint8_t> buf, uint64_t off,
                        bool quoted) {
    auto& t = ctx.tree;
    const ByteCursor c(buf);
    const uint64_t avail = c.remaining(off);
    if (!quoted) ctx.pinfo.protocol = "IPv4";
    NodeRef ip = t.add_none(parent, F(ip_fields::proto), byte_range(off, std::min<uint64_t>(avail, 20)));
    auto truncated = [&](uint64_t at) {
        t.add_expert(ip, E(ip_experts::truncated), byte_range(at, 0));
        return avail;
    };
    uint8_t vhl = 0;
    if (!c.u8(off, vhl)) return truncated(off);
    const unsigned version = vhl >> 4, ihl = (vhl & 15u) * 4u;
    NodeRef n = t.add_uint(ip, F(ip_fields::version), byte_range(off, 1), version);
    set_label_if(ctx, n, bits(0xf0, version, 8) + strf("Version: %u", version));
    if (version != 4) {
        t.add_expert(n, E(ip_experts::bogus_version), byte_range(off, 1),
                     strf("Bogus IP version (%u)", version));
        return 0;
    }
    n = t.add_uint(ip, F(ip_fields::hdr_len), byte_range(off, 1), ihl);
    set_label_if(ctx, n, bits(0x0f, ihl / 4, 8) + strf("Header Length: %u bytes (%u)", ihl, ihl / 4));
    if (ihl < 20) {
        t.add_expert(n, E(ip_experts::bogus_header_length), byte_range(off, 1),
                     strf("Bogus IP header length (%u, must be at least 20)", ihl));
        return 0;
    }
    t.set_length(ip, static_cast<uint32_t>(std::min<uint64_t>(avail, ihl)));

    // Nobody reads an ip field (-T fields or -Y on mail fields): the items
    // are skipped as blocks; checks, experts and the hand-off still run.
    const bool tree = t.wants_protocol(F(ip_fields::proto));
    uint8_t tos = 0;
    if (!c.u8(off + 1, tos)) return truncated(off + 1);
    n = t.add_uint(ip, F(ip_fields::dsfield), byte_range(off + 1, 1), tos);
    if (t.wants_labels()) {
        const char* dscp = value_name_in({kDscpShortNames, kDscpShortNameCount}, tos >> 2);
        set_label_if(ctx, n, strf("Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", tos,
                                  dscp ? dscp : strf("Unknown (%u)", tos >> 2).c_str(),
                                  kEcnShortNames[tos & 3].name));
    }
    if (tree) {
        t.add_uint(n, F(ip_fields::dsfield_dscp), byte_range(off + 1, 1), tos >> 2);
        t.add_uint(n, F(ip_fields::dsfield_ecn), byte_range(off + 1, 1), tos & 3u);
    }

    uint16_t total = 0;
    if (!c.be16(off + 2, total)) return truncated(off + 2);
    NodeRef len_node = t.add_uint(ip, F(ip_fields::len), byte_range(off + 2, 2), total);
    uint64_t claimed = total;
    if (total == 0 && !quoted) {
        claimed = avail;  // TCP segmentation offload: the length is left for the NIC to fill
    } else if (total < ihl) {
        t.add_expert(len_node, E(ip_experts::bogus_length), byte_range(off + 2, 2),
                     strf("Bogus IP length (%u, less than header length %u)", total, ihl));
        return 0;
    } else if (total > avail && !quoted) {
        if (frame_is_cut(ctx))
            t.add_expert(len_node, E(ip_experts::truncated), byte_range(off + 2, 2));
        else
            t.add_expert(len_node, E(ip_experts::bogus_length), byte_range(off + 2, 2),
                         strf("IPv4 total length exceeds packet length (%llu bytes)",
                              static_cast<unsigned long long>(avail)));
    }

    uint16_t ident = 0, frag = 0;
    if (!c.be16(off + 4, ident)) return truncated(off + 4);
    t.add_uint(ip, F(ip_fields::ident), byte_range(off + 4, 2), ident);
    if (!c.be16(off + 6, frag)) return truncated(off + 6);
    const unsigned flags = frag >> 13, frag_off = frag & 0x1fffu;
    const bool mf = flags & 1, df = flags & 2, rb = flags & 4;
    n = t.add_uint(ip, F(ip_fields::flags), byte_range(off + 6, 1), flags);
    if (t.wants_labels()) {
        std::string l = bits(0xe0, flags, 8) + strf("Flags: 0x%x", flags);
        if (rb) l += ", Reserved bit";
        if (df) l += ", Don't fragment";
        if (mf) l += ", More fragments";
        set_label_if(ctx, n, l);
    }
    if (tree) {
        t.add_bool(n, F(ip_fields::flags_rb), byte_range(off + 6, 1), rb);
        t.add_bool(n, F(ip_fields::flags_df), byte_range(off + 6, 1), df);
        t.add_bool(n, F(ip_fields::flags_mf), byte_range(off + 6, 1), mf);
        n = t.add_uint(ip, F(ip_fields::frag_offset), byte_range(off + 6, 2), frag_off);
        set_label_if(ctx, n, bits(0x1fff, frag_off, 16) + strf("Fragment Offset: %u", frag_off * 8));
    }

    uint8_t ttl = 0, proto = 0;
    if (!c.u8(off + 8, ttl)) return truncated(off + 8);
    if (!c.u8(off + 9, proto)) return truncated(off + 9);
    uint16_t cksum = 0;
    if (!c.be16(off + 10, cksum)) return truncated(off + 10);
    if (tree) {
        t.add_uint(ip, F(ip_fields::ttl), byte_range(off + 8, 1), ttl);
        t.add_uint(ip, F(ip_fields::ip_proto), byte_range(off + 9, 1), proto);
        n = t.add_uint(ip, F(ip_fields::checksum), byte_range(off + 10, 2), cksum);
        set_label_if(ctx, n, strf("Header Checksum: 0x%04x [validation disabled]", cksum));
        // Wireshark does not validate IPv4 header checksums by default: 2 = Unverified.
        n = t.add_uint(ip, F(ip_fields::checksum_status), byte_range(off + 10, 2), 2);
        t.set_generated(n);
        set_label_if(ctx, n, "Header checksum status: Unverified");
    }

    if (!c.has(off + 12, 8)) {
        if (c.has(off + 12, 4)) {
            const uint8_t* s = c.ptr(off + 12);
            t.add_uint(ip, F(ip_fields::src), byte_range(off + 12, 4), load_be32(s));
        }
        return truncated(off + 12);
    }
    const uint8_t* s = c.ptr(off + 12);
    const uint8_t* d = c.ptr(off + 16);
    const uint32_t src = load_be32(s), dst = load_be32(d);
    // The host-name fields hold the address as text (mailscope never
    // resolves names); only format it when somebody reads it.
    if (tree) {
        const bool want_text = t.wants_labels() || t.wants(F(ip_fields::src_host)) ||
                               t.wants(F(ip_fields::dst_host)) || t.wants(F(ip_fields::host));
        const std::string src_text = want_text ? dotted(s) : std::string();
        const std::string dst_text = want_text ? dotted(d) : std::string();
        const ByteRange rs = byte_range(off + 12, 4), rd = byte_range(off + 16, 4);
        t.add_uint(ip, F(ip_fields::src), rs, src);
        t.set_hidden(t.add_uint(ip, F(ip_fields::addr), rs, src));
        if (want_text) {
            t.set_hidden(t.add_string(ip, F(ip_fields::src_host), rs, src_text));
            t.set_hidden(t.add_string(ip, F(ip_fields::host), rs, src_text));
        }
        t.add_uint(ip, F(ip_fields::dst), rd, dst);
        t.set_hidden(t.add_uint(ip, F(ip_fields::addr), rd, dst));
        if (want_text) {
            t.set_hidden(t.add_string(ip, F(ip_fields::dst_host), rd, dst_text));
            t.set_hidden(t.add_string(ip, F(ip_fields::host), rd, dst_text));
        }
        set_label_if(ctx, ip, "Internet Protocol Version 4, Src: " + src_text + ", Dst: " + dst_text);
    }

    if (ihl > 20) {
        if (!c.has(off, ihl)) {
            ipv4_options(ctx, ip, buf, off + 20, c.remaining(off + 20));
            return truncated(off + 20);
        }
        ipv4_options(ctx, ip, buf, off + 20, ihl - 20);
    }
    if (quoted) return std::min<uint64_t>(claimed, avail);

    ctx.pinfo.net_src = ipv4_address(s);
    ctx.pinfo.net_dst = ipv4_address(d);

    Payload p;
    p.proto = proto;
    p.endpoints.src = ctx.pinfo.net_src;
    p.endpoints.dst = ctx.pinfo.net_dst;
    p.endpoints.ip_version = 4;
    p.source = kFrameSource;
    p.buf = buf;
    p.offset = off + ihl;
    p.reported = claimed > ihl ? claimed - ihl : 0;
    p.captured = std::min<uint64_t>(p.reported, c.remaining(p.offset));
    p.ttl = ttl;

    if (mf || frag_off != 0) {
        FragmentKey key;
        key.version = 4;
        key.proto = proto;
        key.id = ident;
        std::copy_n(s, 4, key.src.begin());
        std::copy_n(d, 4, key.dst.begin());
        const ByteRange where = byte_range(p.offset, p.captured);
        DefragResult r;
        if (p.captured < p.reported) {
            r.status = DefragResult::Dropped;  // a cut fragment cannot rebuild the datagram
        } else {
            r = v4_defrag_.add(key, frag_off * 8u, mf, buf.subspan(p.offset, p.captured), ctx.pinfo.number);
        }
        defrag_experts(ctx, ip, false, r, where);
        if (r.status == DefragResult::Complete) {
            const std::size_t size = r.data.size();
            SourceId sid = ctx.add_source(strf("Reassembled IPv4 (%zu bytes)", size), r.data);
            fragment_tree(ctx, ip, false, r, sid);
            Payload whole = p;
            whole.source = sid;
            whole.buf = ctx.sources[sid].bytes;
            whole.offset = 0;
            whole.captured = whole.reported = size;
            transport(ctx, whole);
        } else {
            const char* pname = ip_proto_name(proto);
            ctx.pinfo.protocol = "IPv4";
            ctx.pinfo.info = strf("Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)",
                                  pname ? pname : "Unknown", proto, frag_off * 8u, ident);
            add_data_node(ctx, buf, p.offset, p.captured);
        }
    } else {
        transport(ctx, p);
    }
    return std::min<uint64_t>(claimed, avail);
}

void NetLayer::ipv4_options(FrameContext& ctx, NodeRef ip, std::span<const uint8_t> buf, uint64_t off,
                            uint64_t length) {
    auto& t = ctx.tree;
    const ByteCursor c(buf.first(std::min<uint64_t>(buf.size(), off + length)));
    NodeRef opts = t.add_none(ip, F(ip_fields::options), byte_range(off, length));
    std::string names;
    uint64_t pos = off;
    const uint64_t end = off + length;
    while (pos < end) {
        uint8_t type = 0;
        if (!c.u8(pos, type)) break;
        uint64_t olen = 1;
        if (type > 1) {
            uint8_t l = 0;
            if (!c.u8(pos + 1, l) || l < 2 || pos + l > end) {
                t.add_expert(opts, E(ip_experts::opt_len_invalid), byte_range(pos, end - pos));
                break;
            }
            olen = l;
        }
        FieldId field;
        const char* name = nullptr;
        switch (type) {
            case 0: field = F(ip_fields::opt_eol); break;
            case 1: field = F(ip_fields::opt_nop); break;
            case 7: field = F(ip_fields::opt_record_route), name = "Record Route"; break;
            case 68: field = F(ip_fields::opt_timestamp), name = "Time Stamp"; break;
            case 130: field = F(ip_fields::opt_security), name = "Security"; break;
            case 131: field = F(ip_fields::opt_lsrr), name = "Loose Source Route"; break;
            case 137: field = F(ip_fields::opt_ssrr), name = "Strict Source Route"; break;
            case 148: field = F(ip_fields::opt_router_alert), name = "Router Alert"; break;
            default: field = F(ip_fields::opt_type), name = "Unknown"; break;
        }
        ByteRange r = byte_range(pos, olen);
        NodeRef o = field == F(ip_fields::opt_type) ? t.add_uint(opts, field, r, type) : t.add_none(opts, field, r);
        if (t.wants_labels()) {
            if (name) {
                if (!names.empty()) names += ", ";
                names += name;
            }
            if (type > 1) {
                const FieldDef& def = FieldRegistry::global().def(field);
                std::string base = field == F(ip_fields::opt_type) ? strf("IP Option - Unknown (0x%02x)", type)
                                                                   : std::string(def.name);
                set_label_if(ctx, o, base + strf(" (%llu bytes)", static_cast<unsigned long long>(olen)));
            }
        }
        NodeRef ty = t.add_uint(o, F(ip_fields::opt_type), byte_range(pos, 1), type);
        t.add_bool(ty, F(ip_fields::opt_type_copy), byte_range(pos, 1), type & 0x80);
        t.add_uint(ty, F(ip_fields::opt_type_class), byte_range(pos, 1), (type >> 5) & 3u);
        t.add_uint(ty, F(ip_fields::opt_type_number), byte_range(pos, 1), type & 0x1fu);
        if (type == 0) break;  // End of Options List: the rest is padding
        if (type > 1) {
            t.add_uint(o, F(ip_fields::opt_len), byte_range(pos + 1, 1), olen);
            if ((type == 7 || type == 131 || type == 137) && olen >= 3) {
                uint8_t ptr = 0;
                c.u8(pos + 2, ptr);
                t.add_uint(o, F(ip_fields::opt_ptr), byte_range(pos + 2, 1), ptr);
                for (uint64_t a = 3; a + 4 <= olen; a += 4) {
                    const uint8_t* p = c.ptr(pos + a);
                    const bool next = a + 1 == ptr;
                    FieldId f = type == 7 ? (a + 1 < ptr ? F(ip_fields::rec_rt) : F(ip_fields::empty_rt))
                                          : F(ip_fields::src_rt);
                    NodeRef an = t.add_uint(o, f, byte_range(pos + a, 4), load_be32(p));
                    if (next && t.wants_labels())
                        set_label_if(ctx, an, std::string(FieldRegistry::global().def(f).name) + ": " +
                                                  dotted(p) + " <- (next)");
                }
            } else if (type == 148 && olen == 4) {
                uint16_t ra = 0;
                c.be16(pos + 2, ra);
                t.add_uint(o, F(ip_fields::opt_ra), byte_range(pos + 2, 2), ra);
            }
        }
        pos += olen;
    }
    set_label_if(ctx, opts,
                 strf("Options: (%llu bytes)", static_cast<unsigned long long>(length)) +
                     (names.empty() ? std::string() : ", " + names));
}

}  // namespace ms
