// Test-only capture reading for the TCP comparison against tshark: tshark
// itself rewrites any input (pcapng, gzip) as classic pcap on a pipe, and a
// minimal link/IP decoder finds the TCP segment of each frame. The real link
// and IP layers live in capture/link and capture/net; this stays small on
// purpose so test_tcp depends on ms_tcp alone.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "capture/tcp/tcp_layer.hpp"

namespace ms::tcptest {

struct CapturedFrame {
    uint64_t number = 0;
    int64_t ts_ns = 0;
    uint32_t linktype = 0;
    std::vector<uint8_t> bytes;
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline bool tshark_available() { return std::system("tshark -v > /dev/null 2>&1") == 0; }

inline std::string run_command(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[65536];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        pclose(p);
    }
    return out;
}

// Every frame of the file, via `tshark -w - -F pcap`.
inline std::vector<CapturedFrame> read_frames(const std::string& path) {
    std::string raw = run_command("tshark -r " + shell_quote(path) + " -w - -F pcap 2>/dev/null");
    std::vector<CapturedFrame> frames;
    if (raw.size() < 24) return frames;
    const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
    uint32_t magic;
    std::memcpy(&magic, p, 4);
    const bool swap = magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u;
    const bool nano = magic == 0xa1b23c4du || magic == 0x4d3cb2a1u;
    auto rd32 = [&](std::size_t at) {
        uint32_t v;
        std::memcpy(&v, p + at, 4);
        return swap ? __builtin_bswap32(v) : v;
    };
    const uint32_t linktype = rd32(20) & 0xffff;
    std::size_t at = 24;
    uint64_t n = 0;
    while (at + 16 <= raw.size()) {
        uint32_t sec = rd32(at), frac = rd32(at + 4), incl = rd32(at + 8);
        at += 16;
        if (incl > raw.size() - at) break;
        CapturedFrame f;
        f.number = ++n;
        f.ts_ns = int64_t(sec) * 1'000'000'000 + int64_t(frac) * (nano ? 1 : 1000);
        f.linktype = linktype;
        f.bytes.assign(p + at, p + at + incl);
        frames.push_back(std::move(f));
        at += incl;
    }
    return frames;
}

// Finds the TCP segment in a frame (Ethernet/VLAN, BSD null, Linux SLL, raw
// IP; IPv4 without fragments, IPv6 with plain extension headers).
struct TcpInFrame {
    IpEndpoints ip;
    uint32_t offset = 0;
    uint32_t reported_len = 0;
};

inline bool find_tcp(const CapturedFrame& f, TcpInFrame& out) {
    const auto& b = f.bytes;
    std::size_t at = 0;
    unsigned version = 0;
    auto be16 = [&](std::size_t i) { return uint16_t(b[i] << 8 | b[i + 1]); };
    switch (f.linktype) {
        case 1: {
            if (b.size() < 14) return false;
            uint16_t et = be16(12);
            at = 14;
            while ((et == 0x8100 || et == 0x88a8) && b.size() >= at + 4) et = be16(at + 2), at += 4;
            version = et == 0x0800 ? 4 : et == 0x86dd ? 6 : 0;
            break;
        }
        case 0: {
            if (b.size() < 4) return false;
            uint32_t fam = b[0] | b[1] << 8 | b[2] << 16 | uint32_t(b[3]) << 24;
            if (fam > 0xffff) fam = __builtin_bswap32(fam);
            at = 4;
            version = fam == 2 ? 4 : (fam == 24 || fam == 28 || fam == 30) ? 6 : 0;
            break;
        }
        case 113:
            if (b.size() < 16) return false;
            at = 16;
            version = be16(14) == 0x0800 ? 4 : be16(14) == 0x86dd ? 6 : 0;
            break;
        case 101: case 228: case 229:
            if (b.empty()) return false;
            version = b[0] >> 4;
            break;
        default: return false;
    }
    if (version == 4) {
        if (b.size() < at + 20) return false;
        unsigned ihl = (b[at] & 15u) * 4;
        uint16_t total = be16(at + 2);
        if (b[at + 9] != 6 || (be16(at + 6) & 0x3fff) != 0 || total < ihl || b.size() < at + ihl) return false;
        out.ip.ip_version = 4;
        out.ip.src.kind = out.ip.dst.kind = Address::IPv4;
        std::memcpy(out.ip.src.bytes, &b[at + 12], 4);
        std::memcpy(out.ip.dst.bytes, &b[at + 16], 4);
        out.offset = uint32_t(at + ihl);
        out.reported_len = total - ihl;
        return true;
    }
    if (version == 6) {
        if (b.size() < at + 40) return false;
        uint8_t next = b[at + 6];
        uint32_t remaining = be16(at + 4);
        out.ip.ip_version = 6;
        out.ip.src.kind = out.ip.dst.kind = Address::IPv6;
        std::memcpy(out.ip.src.bytes, &b[at + 8], 16);
        std::memcpy(out.ip.dst.bytes, &b[at + 24], 16);
        at += 40;
        while (next == 0 || next == 43 || next == 60) {
            if (b.size() < at + 2) return false;
            uint32_t len = (b[at + 1] + 1u) * 8;
            if (len > remaining) return false;
            next = b[at];
            at += len;
            remaining -= len;
        }
        if (next != 6) return false;
        out.offset = uint32_t(at);
        out.reported_len = remaining;
        return true;
    }
    return false;
}

}  // namespace ms::tcptest
