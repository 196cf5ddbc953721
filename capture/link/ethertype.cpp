// Dispatch by ethertype, and 802.1Q / 802.1ad VLAN tags (stacked tags recurse
// through here, up to a fixed depth).
#include <algorithm>

#include "capture/link/link_dissectors.hpp"
#include "capture/link/link_fields.hpp"
#include "capture/net/dissect_util.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
FieldId V(vlan_fields::Field f) { return vlan_fields::id(f); }

// Deeper stacks than this are hostile (real Q-in-Q uses two or three).
constexpr unsigned kMaxVlanTags = 8;

uint64_t vlan_tag(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame, uint64_t off, uint16_t tpid,
                  unsigned depth) {
    auto& t = ctx.tree;
    const ByteCursor c(frame);
    const bool qinq = tpid == 0x88a8;
    NodeRef v = t.add_none(t.root(), V(qinq ? vlan_fields::qinq_proto : vlan_fields::proto),
                           byte_range(off, std::min<uint64_t>(4, c.remaining(off))));
    if (depth >= kMaxVlanTags) {
        t.add_expert(v, vlan_experts::id(vlan_experts::too_many_tags), byte_range(off, 4));
        add_data_node(ctx, frame, off, c.remaining(off));
        return c.remaining(off);
    }
    uint16_t tci = 0, type = 0;
    if (!c.be16(off, tci) || !c.be16(off + 2, type)) {
        t.add_expert(v, vlan_experts::id(vlan_experts::truncated), byte_range(off, c.remaining(off)));
        return c.remaining(off);
    }
    const unsigned pri = tci >> 13, dei = (tci >> 12) & 1u, id = tci & 0x0fffu;
    const ByteRange r = byte_range(off, 2);
    if (qinq) {
        set_label_if(ctx, v, strf("IEEE 802.1ad, ID: %u", id));
        t.add_uint(v, V(vlan_fields::qinq_priority), r, pri);
        t.add_uint(v, V(vlan_fields::qinq_dei), r, dei);
        t.add_uint(v, V(vlan_fields::qinq_id), r, id);
    } else {
        set_label_if(ctx, v, strf("802.1Q Virtual LAN, PRI: %u, DEI: %u, ID: %u", pri, dei, id));
        t.add_uint(v, V(vlan_fields::priority), r, pri);
        t.add_bool(v, V(vlan_fields::dei), r, dei);
        t.add_uint(v, V(vlan_fields::vid), r, id);
    }
    if (type <= 1500) {
        t.add_uint(v, V(vlan_fields::len), byte_range(off + 2, 2), type);
        t.add_expert(v, eth_experts::id(eth_experts::ieee8023), byte_range(off + 4, c.remaining(off + 4)));
        ctx.pinfo.protocol = "LLC";
        add_data_node(ctx, frame, off + 4, c.remaining(off + 4));
        return c.remaining(off);
    }
    t.add_uint(v, V(qinq ? vlan_fields::qinq_etype : vlan_fields::etype), byte_range(off + 2, 2), type);
    return 4 + dissect_ethertype(ctx, net, frame, off + 4, type, depth + 1);
}
}  // namespace

uint64_t dissect_ethertype(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame, uint64_t offset,
                           uint16_t type, unsigned vlan_depth) {
    const uint64_t rest = offset < frame.size() ? frame.size() - offset : 0;
    switch (type) {
        case 0x0800: return net.dissect_ipv4(ctx, frame, offset);
        case 0x86dd: return net.dissect_ipv6(ctx, frame, offset);
        case 0x8100:
        case 0x88a8:
        case 0x9100: return vlan_tag(ctx, net, frame, offset, type, vlan_depth);
        default: break;
    }
    const char* name = ethertype_name(type);
    if (type == 0x0806) {
        ctx.pinfo.protocol = "ARP";
        ctx.pinfo.info = "ARP";
    } else {
        ctx.pinfo.protocol = strf("0x%04x", type);
        ctx.pinfo.info = name ? std::string(name) : strf("Ethernet II (type 0x%04x)", type);
    }
    add_data_node(ctx, frame, offset, rest);
    return rest;
}

}  // namespace ms
