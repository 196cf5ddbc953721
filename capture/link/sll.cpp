// Linux cooked captures: SLL (LINKTYPE_LINUX_SLL, 16-byte header) and SLL2
// (LINKTYPE_LINUX_SLL2, 20-byte header).
#include <algorithm>

#include "capture/link/link_dissectors.hpp"
#include "capture/link/link_fields.hpp"
#include "capture/net/dissect_util.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
FieldId S(sll_fields::Field f) { return sll_fields::id(f); }

// The link-layer address (8 bytes on the wire, `halen` of them used) and the
// unused tail.
void source_address(FrameContext& ctx, NodeRef sll, std::span<const uint8_t> frame, uint64_t off, unsigned halen) {
    auto& t = ctx.tree;
    const unsigned used = std::min(halen, 8u);
    const auto bytes = frame.subspan(off, 8);
    if (used == 6) {
        t.add_bytes(sll, S(sll_fields::src_eth), byte_range(off, 6), bytes.first(6));
        ctx.pinfo.dl_src = ether_address(bytes.data());
    } else if (used == 4) {
        t.add_uint(sll, S(sll_fields::src_ipv4), byte_range(off, 4), load_be32(bytes.data()));
    } else if (used > 0) {
        t.add_bytes(sll, S(sll_fields::src_other), byte_range(off, used), bytes.first(used));
    }
    if (used < 8) t.add_bytes(sll, S(sll_fields::unused), byte_range(off + used, 8 - used), bytes.subspan(used));
}

// The protocol field: an ethertype (dissected on), or a small Linux type.
void protocol(FrameContext& ctx, NetLayer& net, NodeRef sll, std::span<const uint8_t> frame, uint64_t proto_off,
              uint16_t proto, uint16_t hatype, uint64_t payload_off) {
    auto& t = ctx.tree;
    const uint64_t rest = frame.size() - payload_off;
    if (proto > 1500 && hatype != 778) {
        t.add_uint(sll, S(sll_fields::etype), byte_range(proto_off, 2), proto);
        dissect_ethertype(ctx, net, frame, payload_off, proto, 0);
        return;
    }
    t.add_uint(sll, S(sll_fields::ltype), byte_range(proto_off, 2), proto);
    t.add_expert(sll, sll_experts::id(sll_experts::undissected), byte_range(payload_off, rest));
    ctx.pinfo.protocol = "SLL";
    add_data_node(ctx, frame, payload_off, rest);
}
}  // namespace

void dissect_linux_sll(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame) {
    auto& t = ctx.tree;
    const ByteCursor c(frame);
    NodeRef sll = t.add_none(t.root(), S(sll_fields::proto), byte_range(0, std::min<uint64_t>(16, frame.size())));
    set_label_if(ctx, sll, "Linux cooked capture v1");
    ctx.pinfo.protocol = "SLL";
    if (!c.has(0, 16)) {
        t.add_expert(sll, sll_experts::id(sll_experts::truncated), byte_range(0, frame.size()));
        return;
    }
    const uint16_t pkttype = load_be16(c.ptr(0)), hatype = load_be16(c.ptr(2)), halen = load_be16(c.ptr(4));
    t.add_uint(sll, S(sll_fields::pkttype), byte_range(0, 2), pkttype);
    t.add_uint(sll, S(sll_fields::hatype), byte_range(2, 2), hatype);
    t.add_uint(sll, S(sll_fields::halen), byte_range(4, 2), halen);
    source_address(ctx, sll, frame, 6, halen);
    protocol(ctx, net, sll, frame, 14, load_be16(c.ptr(14)), hatype, 16);
}

void dissect_linux_sll2(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame) {
    auto& t = ctx.tree;
    const ByteCursor c(frame);
    NodeRef sll = t.add_none(t.root(), S(sll_fields::proto), byte_range(0, std::min<uint64_t>(20, frame.size())));
    set_label_if(ctx, sll, "Linux cooked capture v2");
    ctx.pinfo.protocol = "SLL";
    if (!c.has(0, 20)) {
        t.add_expert(sll, sll_experts::id(sll_experts::truncated), byte_range(0, frame.size()));
        return;
    }
    const uint16_t proto = load_be16(c.ptr(0)), hatype = load_be16(c.ptr(8));
    const uint32_t ifindex = load_be32(c.ptr(4));
    const uint8_t pkttype = frame[10], halen = frame[11];
    // SLL2 shows the protocol first; it is dissected after the address.
    const bool ether = proto > 1500 && hatype != 778;
    t.add_uint(sll, S(ether ? sll_fields::etype : sll_fields::ltype), byte_range(0, 2), proto);
    t.add_uint(sll, S(sll_fields::ifindex), byte_range(4, 4), ifindex);
    t.add_uint(sll, S(sll_fields::hatype), byte_range(8, 2), hatype);
    t.add_uint(sll, S(sll_fields::pkttype), byte_range(10, 1), pkttype);
    t.add_uint(sll, S(sll_fields::halen), byte_range(11, 1), halen);
    source_address(ctx, sll, frame, 12, halen);
    if (ether) {
        dissect_ethertype(ctx, net, frame, 20, proto, 0);
    } else {
        t.add_expert(sll, sll_experts::id(sll_experts::undissected), byte_range(20, frame.size() - 20));
        add_data_node(ctx, frame, 20, frame.size() - 20);
    }
}

}  // namespace ms
