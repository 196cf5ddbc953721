#include "capture/pipeline/pipeline.hpp"

namespace ms {

Pipeline::Pipeline(const Limits& limits) : limits_(limits), tcp_(limits_), link_(limits_, tcp_) {}

void Pipeline::dissect(const RawFrame& frame, FrameContext& ctx) {
    ctx.limits = &limits_;
    ctx.begin_frame(frame.data);
    if (first_) {
        first_ts_ = prev_ts_ = frame.ts_ns;
        first_ = false;
    }
    PacketInfo& pi = ctx.pinfo;
    pi.number = frame.number;
    pi.ts_ns = frame.ts_ns;
    pi.rel_ns = frame.ts_ns - first_ts_;
    pi.delta_ns = frame.ts_ns - prev_ts_;
    prev_ts_ = frame.ts_ns;
    pi.caplen = frame.caplen;
    pi.wirelen = frame.wirelen;
    pi.linktype = frame.linktype;
    pi.interface_id = frame.interface_id;

    const InterfaceInfo* iface = nullptr;
    if (source_) {
        ifaces_ = &source_->interfaces();
        if (pcapng_ < 0) pcapng_ = source_->format_name().find("pcapng") != std::string::npos ? 1 : 0;
    }
    if (ifaces_ && pcapng_ == 1 && frame.interface_id < ifaces_->size()) iface = &(*ifaces_)[frame.interface_id];
    NodeRef top = frame_.begin(ctx, frame, iface);
    link_.dissect(ctx, frame.linktype, frame.data);
    frame_.end(ctx, top);
}

void Pipeline::finish(FrameContext& ctx) {
    ctx.limits = &limits_;
    tcp_.finish(ctx);
}

}  // namespace ms
