#include "app/cli/live_capture.hpp"

#include <csignal>
#include <cstdio>

#include "capture/live/interface_list.hpp"
#include "capture/live/live_source.hpp"

namespace ms::cli {

int print_capture_interfaces() {
    std::string err;
    auto list = list_interfaces(err);
    if (!err.empty()) {
        std::fprintf(stderr, "mailscope-cli: %s\n", err.c_str());
        return kExitInvalidFile;
    }
    for (const auto& d : list) std::printf("%s\n", format_interface_line(d).c_str());
    return kExitOk;
}

std::unique_ptr<FrameSource> start_capture(const Options& opt, std::string& error) {
    LiveCaptureOptions lo;
    lo.interfaces = opt.interfaces;
    lo.capture_filter = opt.capture_filter;
    lo.snaplen = opt.snaplen;
    lo.promiscuous = !opt.no_promiscuous;
    lo.buffer_size_mib = opt.buffer_size_mib;
    lo.immediate = true;
    lo.packet_count = opt.count;
    lo.autostop = opt.autostop;
    lo.forward_helper_messages = true;  // "Capturing on 'lo'" and the counts, as tshark prints them
    // Ctrl-C reaches the helper too (same process group): it stops, flushes
    // every packet and closes the stream, and we dissect to the end of it
    // instead of dying mid-frame.
    std::signal(SIGINT, SIG_IGN);
    auto cap = start_live_capture(lo, error);
    return cap;
}

}  // namespace ms::cli
