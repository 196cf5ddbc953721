#include "capture/link/link_layer.hpp"

#include "capture/link/link_dissectors.hpp"
#include "capture/link/link_fields.hpp"
#include "capture/net/dissect_util.hpp"
#include "capture/net/net_layer.hpp"

namespace ms {

struct LinkLayer::Impl {
    Impl(const Limits& limits, TcpLayer& tcp) : net(limits, tcp) {}
    NetLayer net;
};

LinkLayer::LinkLayer(const Limits& limits, TcpLayer& tcp) : impl_(std::make_unique<Impl>(limits, tcp)) {}
LinkLayer::~LinkLayer() = default;

void LinkLayer::dissect(FrameContext& ctx, uint32_t linktype, std::span<const uint8_t> frame) {
    NetLayer& net = impl_->net;
    auto& t = ctx.tree;
    switch (linktype) {
        case 1: dissect_ethernet(ctx, net, frame); return;
        case 0: dissect_null(ctx, net, frame, false); return;
        case 108: dissect_null(ctx, net, frame, true); return;
        case 113: dissect_linux_sll(ctx, net, frame); return;
        case 276: dissect_linux_sll2(ctx, net, frame); return;
        case 101:  // LINKTYPE_RAW
        case 12:   // DLT_RAW on most systems
        case 14:   // DLT_RAW on OpenBSD
            t.add_none(t.root(), raw_fields::id(raw_fields::proto), byte_range(0, 0));
            net.dissect_ip(ctx, frame, 0);
            return;
        case 228: net.dissect_ipv4(ctx, frame, 0); return;
        case 229: net.dissect_ipv6(ctx, frame, 0); return;
        default: break;
    }
    NodeRef root = t.root();
    t.add_expert(root, link_experts::id(link_experts::unsupported), byte_range(0, 0),
                 strf("Link type %u not supported", linktype));
    ctx.pinfo.protocol = "UNKNOWN";
    ctx.pinfo.info = strf("Unsupported link type %u", linktype);
    add_data_node(ctx, frame, 0, frame.size());
}

}  // namespace ms
