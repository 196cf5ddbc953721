// One frame in, one dissected frame out: frame layer, link, network, TCP and
// the mail dissectors, in file order. The caller owns the FrameContext and
// decides what the tree keeps (everything for -V, a few fields for -e/-Y).
#pragma once

#include <memory>

#include "capture/link/link_layer.hpp"
#include "capture/pipeline/frame_layer.hpp"
#include "capture/source/frame_source.hpp"
#include "capture/tcp/tcp_layer.hpp"

namespace ms {

class Pipeline {
public:
    explicit Pipeline(const Limits& limits = {});

    void set_tcp_observer(TcpObserver* obs) { tcp_.set_observer(obs); }
    // Interfaces of the source (for frame.interface_*); may change as pcapng
    // sections add interfaces, so the pointer is read per frame.
    void set_source(const FrameSource* src) { source_ = src; }
    // For a pipeline that is handed frames rather than a source (a shard of
    // ShardedRun): the interfaces to read, until the next call.
    void set_interfaces(const std::vector<InterfaceInfo>* ifaces, bool pcapng) {
        ifaces_ = ifaces;
        pcapng_ = pcapng ? 1 : 0;
    }
    const std::vector<InterfaceInfo>* interfaces() const { return ifaces_; }
    // Times relative to the whole capture when this pipeline sees only some
    // of its frames: the capture's first timestamp and that of the frame
    // before the next one dissected.
    void set_clock(int64_t first_ts, int64_t prev_ts) {
        first_ = false;
        first_ts_ = first_ts;
        prev_ts_ = prev_ts;
    }

    void dissect(const RawFrame& frame, FrameContext& ctx);
    // The summary columns of the frame just dissected, when they were
    // deferred (FrameContext::defer_transport_info): call before printing it.
    void complete_columns(FrameContext& ctx) { tcp_.complete_columns(ctx); }
    // End of capture: flushes TCP streams; anything it adds goes to ctx.
    void finish(FrameContext& ctx);

    uint64_t tcp_stream_count() const { return tcp_.stream_count(); }

private:
    Limits limits_;
    TcpLayer tcp_;
    LinkLayer link_;
    FrameLayer frame_;
    const FrameSource* source_ = nullptr;
    const std::vector<InterfaceInfo>* ifaces_ = nullptr;
    int pcapng_ = -1;  // -1: not known yet (read from the source's format at its first frame)
    bool first_ = true;
    int64_t first_ts_ = 0, prev_ts_ = 0;
};

}  // namespace ms
