// Shared by the link/network tests: frame builders for crafted packets and a
// fixture that runs LinkLayer over them and reads fields back by name.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "capture/link/link_layer.hpp"
#include "capture/link/link_registration.hpp"
#include "capture/tcp/tcp_fields.hpp"
#include "capture/tcp/tcp_layer.hpp"
#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms::test {

using Bytes = std::vector<uint8_t>;

inline void put16(Bytes& b, uint16_t v) {
    b.push_back(uint8_t(v >> 8));
    b.push_back(uint8_t(v));
}
inline void put32(Bytes& b, uint32_t v) {
    put16(b, uint16_t(v >> 16));
    put16(b, uint16_t(v));
}
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline const Bytes kMacA = {0x00, 0x1f, 0x33, 0xd9, 0x81, 0x60};
inline const Bytes kMacB = {0x02, 0xe0, 0x1c, 0x3c, 0x17, 0xc2};  // locally administered

inline Bytes ether(uint16_t type, const Bytes& dst = kMacA, const Bytes& src = kMacB) {
    Bytes b = dst;
    b.insert(b.end(), src.begin(), src.end());
    put16(b, type);
    return b;
}
inline Bytes vlan(uint8_t pri, bool dei, uint16_t id, uint16_t type) {
    Bytes b;
    put16(b, uint16_t(pri << 13 | (dei ? 0x1000 : 0) | (id & 0xfff)));
    put16(b, type);
    return b;
}

struct Ipv4Spec {
    uint32_t src = 0x0a000001, dst = 0x0a000002;  // 10.0.0.1 -> 10.0.0.2
    uint8_t proto = 17;
    uint16_t id = 0x1234;
    bool df = false, mf = false;
    uint16_t frag_units = 0;  // offset in 8-byte units
    uint8_t ttl = 64;
    uint8_t tos = 0;
    Bytes options;           // padded by the caller to a multiple of 4
    int total_override = -1;  // ip.len to write instead of the real one
};

inline Bytes ipv4(const Ipv4Spec& s, const Bytes& payload) {
    Bytes b;
    const unsigned hl = 20 + unsigned(s.options.size());
    b.push_back(uint8_t(0x40 | hl / 4));
    b.push_back(s.tos);
    put16(b, s.total_override >= 0 ? uint16_t(s.total_override) : uint16_t(hl + payload.size()));
    put16(b, s.id);
    put16(b, uint16_t((s.df ? 0x4000 : 0) | (s.mf ? 0x2000 : 0) | (s.frag_units & 0x1fff)));
    b.push_back(s.ttl);
    b.push_back(s.proto);
    put16(b, 0xbeef);
    put32(b, s.src);
    put32(b, s.dst);
    b.insert(b.end(), s.options.begin(), s.options.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

inline Bytes udp(uint16_t sport, uint16_t dport, const Bytes& payload) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    put16(b, uint16_t(8 + payload.size()));
    put16(b, 0x1111);
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

// A TCP header (20 bytes, no options) with flags and payload.
inline Bytes tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags, const Bytes& payload) {
    Bytes b;
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, ack);
    b.push_back(0x50);
    b.push_back(flags);
    put16(b, 65535);
    put16(b, 0);
    put16(b, 0);
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

inline const Bytes kV6Src = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
inline const Bytes kV6Dst = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02};

inline Bytes ipv6(uint8_t nxt, const Bytes& payload, uint8_t tclass = 0, uint32_t flow = 0, int plen_override = -1) {
    Bytes b;
    put32(b, 0x60000000u | uint32_t(tclass) << 20 | (flow & 0xfffff));
    put16(b, plen_override >= 0 ? uint16_t(plen_override) : uint16_t(payload.size()));
    b.push_back(nxt);
    b.push_back(64);
    b.insert(b.end(), kV6Src.begin(), kV6Src.end());
    b.insert(b.end(), kV6Dst.begin(), kV6Dst.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

inline Bytes v6_fragment_header(uint8_t nxt, uint16_t units, bool more, uint32_t ident) {
    Bytes b = {nxt, 0};
    put16(b, uint16_t(units << 3 | (more ? 1 : 0)));
    put32(b, ident);
    return b;
}

inline Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

// Runs LinkLayer over crafted frames, one FrameContext per frame, and reads
// fields back by their filter names.
class LinkFixture : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        FieldRegistry& reg = FieldRegistry::mutable_global();
        register_link_ip_fields(reg);
        register_tcp_fields(reg);
    }

    void SetUp() override { make_layers(); }

    void make_layers() {
        link_.reset();
        tcp_ = std::make_unique<TcpLayer>(limits_);
        link_ = std::make_unique<LinkLayer>(limits_, *tcp_);
        frame_no_ = 0;
    }

    // Dissects one frame; `wirelen` > size marks a snaplen-cut frame.
    FrameContext& run(uint32_t linktype, const Bytes& frame, uint32_t wirelen = 0) {
        frame_bytes_ = frame;
        ctx_.limits = &limits_;
        ctx_.tree.keep_all();
        ctx_.begin_frame(frame_bytes_);
        ctx_.pinfo.number = ++frame_no_;
        ctx_.pinfo.caplen = uint32_t(frame_bytes_.size());
        ctx_.pinfo.wirelen = wirelen ? wirelen : uint32_t(frame_bytes_.size());
        ctx_.pinfo.linktype = linktype;
        link_->dissect(ctx_, linktype, frame_bytes_);
        return ctx_;
    }

    static FieldId field(std::string_view name) {
        FieldId f = FieldRegistry::global().find(name);
        EXPECT_NE(f, kNoField) << "unknown field " << name;
        return f;
    }
    // Every value of the field in tree order, as -T fields prints them.
    std::vector<std::string> values(std::string_view name) const {
        std::vector<std::string> out;
        FieldId f = FieldRegistry::global().find(name);
        if (f == kNoField) return out;
        ctx_.tree.for_each(f, [&](uint32_t i) { out.push_back(ctx_.tree.value_text(i)); });
        return out;
    }
    std::string value(std::string_view name) const {
        auto v = values(name);
        return v.empty() ? std::string("<absent>") : v.front();
    }
    std::vector<std::string> labels(std::string_view name) const {
        std::vector<std::string> out;
        FieldId f = FieldRegistry::global().find(name);
        if (f == kNoField) return out;
        ctx_.tree.for_each(f, [&](uint32_t i) { out.push_back(ctx_.tree.label(i)); });
        return out;
    }
    std::string label(std::string_view name) const {
        auto v = labels(name);
        return v.empty() ? std::string("<absent>") : v.front();
    }
    bool has(std::string_view name) const { return !values(name).empty(); }
    bool hidden(std::string_view name) const {
        FieldId f = FieldRegistry::global().find(name);
        bool all_hidden = true, any = false;
        ctx_.tree.for_each(f, [&](uint32_t i) {
            any = true;
            all_hidden = all_hidden && (ctx_.tree.node(i).flags & kHidden);
        });
        return any && all_hidden;
    }

    Limits limits_;
    std::unique_ptr<TcpLayer> tcp_;
    std::unique_ptr<LinkLayer> link_;
    FrameContext ctx_;
    Bytes frame_bytes_;
    uint64_t frame_no_ = 0;
};

}  // namespace ms::test
