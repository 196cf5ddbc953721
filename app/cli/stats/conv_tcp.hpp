// -z conv,tcp: one row per TCP conversation, tshark's layout and order.
#pragma once

#include <string>
#include <vector>

#include "capture/tcp/tcp_layer.hpp"

namespace ms::cli {

class ConvTcp : public TcpObserver {
public:
    void on_segment(const PacketInfo& pinfo, uint64_t stream, Dir dir, uint32_t payload_len) override;
    void print(std::string& out) const;

private:
    struct Row {
        std::string a, b;  // "addr:port" of the first sender and its peer
        uint64_t frames[2] = {0, 0};  // [0] A->B, [1] B->A
        uint64_t bytes[2] = {0, 0};
        int64_t first_ns = 0, last_ns = 0;
        bool used = false;
    };
    std::vector<Row> rows_;  // indexed by tcp.stream
    int64_t capture_start_ns_ = 0;
    bool started_ = false;
};

// Wireshark's format_size: "1980 bytes", "22 kB", "3 MB".
std::string format_size(uint64_t bytes);

}  // namespace ms::cli
