// The capture loop: polls every open interface, writes each packet as it
// arrives, applies the stop and ring-buffer conditions, and stops cleanly
// on SIGINT, SIGTERM, SIGHUP or a reader that went away (SIGPIPE/EPIPE).
#pragma once

#include <memory>
#include <vector>

#include "app/capture/pcap_device.hpp"
#include "capture/live/capture_options.hpp"

namespace ms {

// Captures until a stop condition; returns the process exit status.
int run_capture(const HelperOptions& options, std::vector<std::unique_ptr<PcapDevice>>& devices);

}  // namespace ms
