// -z endpoints,tcp: frames and bytes sent and received per TCP endpoint
// (address and port), in tshark's layout and order (most frames first).
#pragma once

#include <map>
#include <utility>

#include "app/cli/stats/frame_report.hpp"

namespace ms::cli {

class EndpointsTcp : public FrameReport {
public:
    void add_frame(const FrameContext& ctx) override;
    void print(std::string& out) const override;

private:
    struct Row {
        std::string address;
        uint16_t port = 0;
        uint64_t tx_frames = 0, tx_bytes = 0, rx_frames = 0, rx_bytes = 0;
    };
    Row& row(const Address& a, uint16_t port);
    std::map<std::pair<std::string, uint16_t>, std::size_t> index_;
    std::vector<Row> rows_;  // in order of first appearance (ties keep it)
};

}  // namespace ms::cli
