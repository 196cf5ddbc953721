// What a reassembled IPv4/IPv6 datagram shows: Wireshark's fragment list
// ("[3 IPv4 Fragments (20 bytes): #2(8), #3(8), #1(4)]") and the expert
// items the defragmenter raised for the current fragment.
#include "capture/net/dissect_util.hpp"
#include "capture/net/ip_fields.hpp"
#include "capture/net/net_layer.hpp"

namespace ms {

void NetLayer::fragment_tree(FrameContext& ctx, NodeRef ip, bool v6, const DefragResult& r, SourceId source) {
    auto& t = ctx.tree;
    const uint64_t size = r.data.size();
    const auto f = [v6](ip_fields::Field v4f, ipv6_fields::Field v6f) {
        return v6 ? ipv6_fields::id(v6f) : ip_fields::id(v4f);
    };
    const ByteRange whole = byte_range(0, size, source);
    NodeRef list = v6 ? t.add_none(ip, f(ip_fields::fragments, ipv6_fields::fragments), whole)
                      : t.add_bytes(ip, f(ip_fields::fragments, ipv6_fields::fragments), whole, r.data);
    t.set_generated(list);
    if (t.wants_labels()) {
        std::string l = strf("%zu IPv%c Fragments (%llu bytes): ", r.fragments.size(), v6 ? '6' : '4',
                             static_cast<unsigned long long>(size));
        for (std::size_t i = 0; i < r.fragments.size(); ++i) {
            if (i) l += ", ";
            l += strf("#%llu(%u)", static_cast<unsigned long long>(r.fragments[i].frame), r.fragments[i].length);
        }
        set_label_if(ctx, list, l);
    }
    for (const auto& fr : r.fragments) {
        const uint64_t len = fr.offset < size ? std::min<uint64_t>(fr.length, size - fr.offset) : 0;
        NodeRef n = t.add_uint(list, f(ip_fields::fragment, ipv6_fields::fragment),
                               byte_range(fr.offset, len, source), fr.frame);
        t.set_generated(n);
        if (t.wants_labels()) {
            std::string l = strf("Frame: %llu, payload: %u-%llu (%u bytes)", static_cast<unsigned long long>(fr.frame),
                                 fr.offset, static_cast<unsigned long long>(fr.offset + (fr.length ? fr.length - 1 : 0)),
                                 fr.length);
            set_label_if(ctx, n, l);
        }
    }
    t.set_generated(t.add_uint(list, f(ip_fields::fragment_count, ipv6_fields::fragment_count), byte_range(0, 0, source),
                               r.fragments.size()));
    t.set_generated(t.add_uint(list, f(ip_fields::reassembled_length, ipv6_fields::reassembled_length),
                               byte_range(0, 0, source), size));
    t.set_generated(t.add_bytes(list, f(ip_fields::reassembled_data, ipv6_fields::reassembled_data), whole, r.data));
}

void NetLayer::defrag_experts(FrameContext& ctx, NodeRef ip, bool v6, const DefragResult& r, ByteRange where) {
    auto& t = ctx.tree;
    const auto e = [v6](ip_experts::Expert v4e, ipv6_experts::Expert v6e) {
        return v6 ? ipv6_experts::id(v6e) : ip_experts::id(v4e);
    };
    const auto flag = [&](ip_fields::Field v4f, ipv6_fields::Field v6f) {
        t.set_generated(t.add_bool(ip, v6 ? ipv6_fields::id(v6f) : ip_fields::id(v4f), where, true));
    };
    if (r.overlap) flag(ip_fields::fragment_overlap, ipv6_fields::fragment_overlap);
    if (r.conflict) {
        flag(ip_fields::fragment_overlap_conflict, ipv6_fields::fragment_overlap_conflict);
        t.add_expert(ip, e(ip_experts::defrag_conflict, ipv6_experts::defrag_conflict), where);
    }
    if (r.multiple_tails) {
        flag(ip_fields::fragment_multipletails, ipv6_fields::fragment_multipletails);
        t.add_expert(ip, e(ip_experts::defrag_multiple_tails, ipv6_experts::defrag_multiple_tails), where);
    }
    if (r.too_long) {
        flag(ip_fields::fragment_toolong, ipv6_fields::fragment_toolong);
        t.add_expert(ip, e(ip_experts::defrag_too_long, ipv6_experts::defrag_too_long), where);
    }
    if (r.evicted)
        t.add_expert(ip, e(ip_experts::defrag_evicted, ipv6_experts::defrag_evicted), where,
                     strf("Pending fragments dropped: reassembly limit reached (%u datagram%s evicted; "
                          "ip.max_pending_datagrams=%u, ip.max_pending_bytes=%llu)",
                          r.evicted, r.evicted == 1 ? "" : "s", limits_.ip_max_pending_datagrams,
                          static_cast<unsigned long long>(limits_.ip_max_pending_bytes)));
    if (r.status == DefragResult::Dropped)
        t.add_expert(ip, e(ip_experts::defrag_not_stored, ipv6_experts::defrag_not_stored), where,
                     "Fragment not used for reassembly (truncated, or over the reassembly limits)");
}

}  // namespace ms
