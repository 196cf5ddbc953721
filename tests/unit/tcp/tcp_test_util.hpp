// Helpers for the TCP tests: crafted segments, a recording application
// dissector registered under a test port, and a driver that feeds segments
// through a TcpLayer one frame at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "capture/tcp/tcp_fields.hpp"
#include "capture/tcp/tcp_layer.hpp"
#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"

namespace ms::tcptest {

inline constexpr uint16_t kTestPort = 47999;  // served by the recording dissector

struct Event {
    enum Kind { Data, Gap, End } kind = Data;
    Dir dir = Dir::ToServer;
    uint64_t offset = 0, length = 0;
    std::string bytes;
    int64_t frame_offset = 0;
    uint64_t frame = 0;
    EndReason why = EndReason::CaptureEnd;
};

// Everything the recording dissectors saw, by tcp.stream.
inline std::map<uint64_t, std::vector<Event>>& events() {
    static std::map<uint64_t, std::vector<Event>> e;
    return e;
}

class RecordingDissector : public StreamDissector {
public:
    explicit RecordingDissector(uint64_t stream) : stream_(stream) {}
    void on_data(FrameContext&, const StreamData& d) override {
        Event e;
        e.kind = Event::Data;
        e.dir = d.dir;
        e.offset = d.offset;
        e.length = d.bytes.size();
        e.bytes.assign(d.bytes.begin(), d.bytes.end());
        e.frame_offset = d.frame_offset;
        e.frame = d.frame_number;
        events()[stream_].push_back(std::move(e));
    }
    void on_gap(FrameContext&, Dir dir, uint64_t offset, uint64_t length) override {
        Event e;
        e.kind = Event::Gap;
        e.dir = dir;
        e.offset = offset;
        e.length = length;
        events()[stream_].push_back(std::move(e));
    }
    void on_end(FrameContext&, Dir dir, EndReason why) override {
        Event e;
        e.kind = Event::End;
        e.dir = dir;
        e.why = why;
        events()[stream_].push_back(std::move(e));
    }

private:
    uint64_t stream_;
};

inline void register_once() {
    static bool done = [] {
        register_tcp_fields(FieldRegistry::mutable_global());
        AppProtocol p;
        p.name = "tcptest";
        p.ports = {kTestPort};
        p.create = [](const ConnectionInfo& ci) -> std::unique_ptr<StreamDissector> {
            return std::make_unique<RecordingDissector>(ci.stream_index);
        };
        DissectorTable::global().add(std::move(p));
        return true;
    }();
    (void)done;
}

// Builds a TCP header (with optional raw option bytes) plus payload.
inline std::vector<uint8_t> make_segment(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint16_t flags,
                                         const std::string& payload, uint16_t window = 65535,
                                         const std::vector<uint8_t>& options = {}) {
    std::size_t optlen = (options.size() + 3) / 4 * 4;
    std::vector<uint8_t> s(20 + optlen, 0);
    s[0] = uint8_t(sport >> 8), s[1] = uint8_t(sport);
    s[2] = uint8_t(dport >> 8), s[3] = uint8_t(dport);
    for (int i = 0; i < 4; ++i) s[4 + i] = uint8_t(seq >> (24 - 8 * i)), s[8 + i] = uint8_t(ack >> (24 - 8 * i));
    s[12] = uint8_t(((20 + optlen) / 4) << 4 | ((flags >> 8) & 0x0f));
    s[13] = uint8_t(flags);
    s[14] = uint8_t(window >> 8), s[15] = uint8_t(window);
    std::copy(options.begin(), options.end(), s.begin() + 20);
    s.insert(s.end(), payload.begin(), payload.end());
    return s;
}

inline Address v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    Address x;
    x.kind = Address::IPv4;
    x.bytes[0] = a, x.bytes[1] = b, x.bytes[2] = c, x.bytes[3] = d;
    return x;
}

// Feeds frames to one TcpLayer. The segment sits at offset 34 of a fake
// frame (as after Ethernet + IPv4), so frame_offset values are checkable.
class Driver {
public:
    explicit Driver(Limits limits = {}) : limits_(limits), tcp_(limits_) {
        register_once();
        events().clear();
        ctx_.limits = &limits_;
    }
    TcpLayer& tcp() { return tcp_; }
    FrameContext& ctx() { return ctx_; }

    // client = 10.0.0.1:cport, server = 10.0.0.2:sport
    void send(bool from_client, uint32_t seq, uint32_t ack, uint16_t flags, const std::string& payload,
              uint16_t cport = 40000, uint16_t sport = kTestPort, int64_t ts_ns = -1) {
        auto seg = from_client ? make_segment(cport, sport, seq, ack, flags, payload)
                               : make_segment(sport, cport, seq, ack, flags, payload);
        IpEndpoints ip;
        ip.src = from_client ? v4(10, 0, 0, 1) : v4(10, 0, 0, 2);
        ip.dst = from_client ? v4(10, 0, 0, 2) : v4(10, 0, 0, 1);
        feed(ip, seg, ts_ns);
    }
    void feed(const IpEndpoints& ip, const std::vector<uint8_t>& seg, int64_t ts_ns = -1) {
        frame_.assign(34, 0);
        frame_.insert(frame_.end(), seg.begin(), seg.end());
        ctx_.begin_frame(frame_);
        ctx_.pinfo.number = ++number_;
        ctx_.pinfo.ts_ns = ts_ns >= 0 ? ts_ns : int64_t(number_) * 1'000'000'000;
        tcp_.dissect(ctx_, ctx_.tree.root(), ip, std::span<const uint8_t>(frame_).subspan(34), kFrameSource, 34,
                     uint32_t(seg.size()));
    }
    void finish() {
        ctx_.begin_frame({});
        tcp_.finish(ctx_);
    }
    uint64_t frames() const { return number_; }

private:
    Limits limits_;
    TcpLayer tcp_;
    FrameContext ctx_;
    std::vector<uint8_t> frame_;
    uint64_t number_ = 0;
};

// The delivered bytes of one direction with gaps shown as "[gap N]".
inline std::string stream_text(uint64_t stream, Dir dir) {
    std::string s;
    for (const auto& e : events()[stream]) {
        if (e.dir != dir) continue;
        if (e.kind == Event::Data) s += e.bytes;
        if (e.kind == Event::Gap) s += "[gap " + std::to_string(e.length) + "]";
    }
    return s;
}

// Whether the current frame's tree holds the field/expert with this abbrev.
inline bool has_field(const FrameContext& ctx, const char* abbrev) {
    FieldId f = FieldRegistry::global().find(abbrev);
    bool found = false;
    ctx.tree.for_each(f, [&](uint32_t) { found = true; });
    return found;
}

inline std::string field_text(const FrameContext& ctx, const char* abbrev) {
    FieldId f = FieldRegistry::global().find(abbrev);
    std::string out;
    ctx.tree.for_each(f, [&](uint32_t i) {
        if (!out.empty()) out += ',';
        ctx.tree.append_value_text(i, out);
    });
    return out;
}

}  // namespace ms::tcptest
