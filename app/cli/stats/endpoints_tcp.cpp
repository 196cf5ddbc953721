#include "app/cli/stats/endpoints_tcp.hpp"

#include <algorithm>
#include <cstdio>

namespace ms::cli {

EndpointsTcp::Row& EndpointsTcp::row(const Address& a, uint16_t port) {
    std::string addr = a.to_string();
    auto [it, added] = index_.try_emplace({addr, port}, rows_.size());
    if (added) {
        rows_.emplace_back();
        rows_.back().address = std::move(addr);
        rows_.back().port = port;
    }
    return rows_[it->second];
}

void EndpointsTcp::add_frame(const FrameContext& ctx) {
    const PacketInfo& pi = ctx.pinfo;
    if (pi.tcp_stream < 0) return;
    Row& src = row(pi.net_src, pi.srcport);
    src.tx_frames++;
    src.tx_bytes += pi.wirelen;
    Row& dst = row(pi.net_dst, pi.dstport);
    dst.rx_frames++;
    dst.rx_bytes += pi.wirelen;
}

void EndpointsTcp::print(std::string& out) const {
    out += "================================================================================\n";
    out += "TCP Endpoints\n";
    out += "Filter:<No Filter>\n";
    out += "                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n";
    std::vector<std::size_t> order(rows_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return rows_[x].tx_frames + rows_[x].rx_frames > rows_[y].tx_frames + rows_[y].rx_frames;
    });
    char buf[512];
    for (std::size_t i : order) {
        const Row& r = rows_[i];
        std::snprintf(buf, sizeof buf, "%-20s      %5u     %6llu     %9llu     %6llu       %9llu      %6llu       %9llu   \n",
                      r.address.c_str(), unsigned(r.port), (unsigned long long)(r.tx_frames + r.rx_frames),
                      (unsigned long long)(r.tx_bytes + r.rx_bytes), (unsigned long long)r.tx_frames,
                      (unsigned long long)r.tx_bytes, (unsigned long long)r.rx_frames, (unsigned long long)r.rx_bytes);
        out += buf;
    }
    out += "================================================================================\n";
}

}  // namespace ms::cli
