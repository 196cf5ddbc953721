#include "app/cli/stats/conv_tcp.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace ms::cli {

std::string format_size(uint64_t b) {
    static const char* units[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (u < 5 && b >= 10000) {
        b /= 1000;
        ++u;
    }
    return std::to_string(b) + " " + units[u];
}

void ConvTcp::on_segment(const PacketInfo& pi, uint64_t stream, Dir dir, uint32_t) {
    if (!started_) {
        started_ = true;
        capture_start_ns_ = pi.ts_ns - pi.rel_ns;
    }
    if (stream >= rows_.size()) rows_.resize(stream + 1);
    Row& r = rows_[stream];
    if (!r.used) {
        r.used = true;
        auto ep = [](const Address& a, uint16_t p) {
            return (a.kind == Address::IPv6 ? a.to_string() : a.to_string()) + ":" + std::to_string(p);
        };
        std::string src = ep(pi.net_src, pi.srcport), dst = ep(pi.net_dst, pi.dstport);
        // A is the side that sent the stream's first segment.
        if (dir == Dir::ToServer) r.a = src, r.b = dst;
        else r.a = dst, r.b = src;
        r.first_ns = pi.ts_ns;
    }
    int side = dir == Dir::ToServer ? 0 : 1;
    r.frames[side]++;
    r.bytes[side] += pi.wirelen;
    r.last_ns = pi.ts_ns;
}

void ConvTcp::print(std::string& out) const {
    out += "================================================================================\n";
    out += "TCP Conversations\n";
    out += "Filter:<No Filter>\n";
    out += "                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n";
    out += "                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n";
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].used) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return rows_[x].frames[0] + rows_[x].frames[1] > rows_[y].frames[0] + rows_[y].frames[1];
    });
    char buf[512];
    for (std::size_t i : order) {
        const Row& r = rows_[i];
        std::string rx = format_size(r.bytes[1]), tx = format_size(r.bytes[0]),
                    tot = format_size(r.bytes[0] + r.bytes[1]);
        // Relative start printed from integer nanoseconds: a double loses
        // the last digits of starts far from the capture's first frame.
        int64_t rel = r.first_ns - capture_start_ns_;
        char relbuf[48];
        std::snprintf(relbuf, sizeof relbuf, "%s%lld.%09lld", rel < 0 ? "-" : "", (long long)(std::llabs(rel) / 1000000000),
                      (long long)(std::llabs(rel) % 1000000000));
        double dur = double(r.last_ns - r.first_ns) / 1e9;
        std::snprintf(buf, sizeof buf, "%-26s <-> %-26s  %6llu %-9s  %6llu %-9s  %6llu %-9s  %14s   %12.4f\n",
                      r.a.c_str(), r.b.c_str(), (unsigned long long)r.frames[1], rx.c_str(),
                      (unsigned long long)r.frames[0], tx.c_str(),
                      (unsigned long long)(r.frames[0] + r.frames[1]), tot.c_str(), relbuf, dur);
        out += buf;
    }
    out += "================================================================================\n";
}

}  // namespace ms::cli
