// Small helpers shared by the link and network dissectors: clamped byte
// ranges, printf-style label text, addresses from wire bytes, the generic
// "Data" node.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

#include "dissectors/core/frame_context.hpp"

namespace ms {

inline ByteRange byte_range(uint64_t offset, uint64_t length, SourceId source = kFrameSource) {
    constexpr uint64_t kMax = 0xFFFFFFFFu;
    return ByteRange{source, static_cast<uint32_t>(offset < kMax ? offset : kMax),
                     static_cast<uint32_t>(length < kMax ? length : kMax)};
}

// printf into a std::string (labels are short; longer text is cut at 512 bytes).
[[gnu::format(printf, 1, 2)]] inline std::string strf(const char* fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return {};
    return std::string(buf, static_cast<std::size_t>(n) < sizeof buf ? static_cast<std::size_t>(n) : sizeof buf - 1);
}

inline Address ipv4_address(const uint8_t* p) {
    Address a;
    a.kind = Address::IPv4;
    for (int i = 0; i < 4; ++i) a.bytes[i] = p[i];
    return a;
}
inline Address ipv6_address(const uint8_t* p) {
    Address a;
    a.kind = Address::IPv6;
    for (int i = 0; i < 16; ++i) a.bytes[i] = p[i];
    return a;
}
inline Address ether_address(const uint8_t* p) {
    Address a;
    a.kind = Address::Ether;
    for (int i = 0; i < 6; ++i) a.bytes[i] = p[i];
    return a;
}

// Sets a custom label only when somebody will read it (full trees).
// Sets a label only when labels are wanted. A macro, so the label text
// (often several formatted pieces) is not even built otherwise: this runs
// for every frame of every capture.
#define set_label_if(ctx, n, ...)                                                    \
    do {                                                                             \
        if ((n).stored && (ctx).tree.wants_labels()) (ctx).tree.set_label((n), (__VA_ARGS__)); \
    } while (0)

// Whether the capture cut this frame short (snaplen): then a length field
// pointing past the captured bytes is truncation, not a bogus length.
inline bool frame_is_cut(const FrameContext& ctx) { return ctx.pinfo.wirelen > ctx.pinfo.caplen; }

// The generic "Data (N bytes)" node under the root for undissected bytes.
void add_data_node(FrameContext& ctx, std::span<const uint8_t> buf, uint64_t offset, uint64_t length,
                   SourceId source = kFrameSource);

}  // namespace ms
