// Lets several taps (follow, conv, ...) watch the one TcpLayer.
#pragma once

#include <vector>

#include "capture/tcp/tcp_layer.hpp"

namespace ms::cli {

class ObserverFanout : public TcpObserver {
public:
    void add(TcpObserver* o) { obs_.push_back(o); }
    bool empty() const { return obs_.empty(); }
    void on_segment(const PacketInfo& pi, uint64_t s, Dir d, uint32_t len) override {
        for (auto* o : obs_) o->on_segment(pi, s, d, len);
    }
    void on_payload(const PacketInfo& pi, uint64_t s, Dir d, uint64_t off, std::span<const uint8_t> b) override {
        for (auto* o : obs_) o->on_payload(pi, s, d, off, b);
    }
    void on_gap(uint64_t s, Dir d, uint64_t off, uint64_t len) override {
        for (auto* o : obs_) o->on_gap(s, d, off, len);
    }

private:
    std::vector<TcpObserver*> obs_;
};

}  // namespace ms::cli
