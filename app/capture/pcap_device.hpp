// One capture interface opened with libpcap, and libpcap's device list.
// This is the only code in mailscope that needs capture privileges.
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/live/capture_options.hpp"
#include "capture/live/interface_list.hpp"

namespace ms {

// libpcap's devices, numbered from 1 in its order (as -D prints them).
std::vector<InterfaceDesc> pcap_interfaces(std::string& error);

enum class OpenFailure { None, Permission, NoSuchDevice, BadFilter, Other };

struct DeviceStats {
    bool valid = false;
    uint64_t received = 0;  // ps_recv
    uint64_t dropped = 0;   // ps_drop (buffer overflow)
    uint64_t if_dropped = 0;  // ps_ifdrop
};

class PcapDevice {
public:
    // Creates, configures and activates `name`, then applies the filter.
    // Null on failure: `failure` says which kind, `message` says it in one
    // line (libpcap's own words included). `warning` is set for a
    // non-fatal activation warning.
    static std::unique_ptr<PcapDevice> open(const std::string& name, const std::string& description,
                                            const InterfaceRequest& req, bool immediate,
                                            OpenFailure& failure, std::string& message,
                                            std::string& warning);
    ~PcapDevice();
    PcapDevice(const PcapDevice&) = delete;
    PcapDevice& operator=(const PcapDevice&) = delete;

    pcap_t* handle() const { return pcap_; }
    // The descriptor to poll; -1 when the platform has none.
    int selectable_fd() const { return fd_; }
    const LiveInterface& interface() const { return iface_; }
    DeviceStats stats() const;

private:
    PcapDevice(pcap_t* p, LiveInterface iface);
    pcap_t* pcap_;
    int fd_ = -1;
    LiveInterface iface_;
};

}  // namespace ms
