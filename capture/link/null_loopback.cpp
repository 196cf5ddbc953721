// BSD null/loopback (DLT_NULL: a 4-byte address family in the capturing
// host's byte order) and OpenBSD loopback (LINKTYPE_LOOP: network order).
#include "capture/link/link_dissectors.hpp"
#include "capture/link/link_fields.hpp"
#include "capture/net/dissect_util.hpp"
#include "dissectors/core/byte_cursor.hpp"

namespace ms {

namespace {
bool is_ipv6_family(uint32_t af) { return af == 24 || af == 28 || af == 30; }  // NetBSD/OpenBSD, FreeBSD, Darwin
}  // namespace

void dissect_null(FrameContext& ctx, NetLayer& net, std::span<const uint8_t> frame, bool network_order) {
    auto& t = ctx.tree;
    const ByteCursor c(frame);
    NodeRef n = t.add_none(t.root(), null_fields::id(null_fields::proto), byte_range(0, std::min<std::size_t>(4, frame.size())));
    ctx.pinfo.protocol = "NULL";
    uint32_t be = 0, le = 0;
    if (!c.be32(0, be) || !c.le32(0, le)) {
        t.add_expert(n, null_experts::id(null_experts::truncated), byte_range(0, frame.size()));
        return;
    }
    // The writer's byte order is unknown for DLT_NULL: families are small
    // numbers, so the order that gives a value below 2^16 is the right one.
    const uint32_t family = network_order ? be : ((le & 0xffff0000u) == 0 ? le : be);
    t.add_uint(n, null_fields::id(null_fields::family), byte_range(0, 4), family);
    if (family == 2) {
        net.dissect_ipv4(ctx, frame, 4);
    } else if (is_ipv6_family(family)) {
        net.dissect_ipv6(ctx, frame, 4);
    } else {
        t.add_expert(n, null_experts::id(null_experts::unknown_family), byte_range(0, 4),
                     strf("Address family %u not dissected", family));
        add_data_node(ctx, frame, 4, frame.size() - 4);
    }
}

}  // namespace ms
