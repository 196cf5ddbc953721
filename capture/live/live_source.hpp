// Live capture for the analyzer (CLI and GUI): runs the privileged capture
// helper (mailscope-capture) and reads the pcapng it streams on a pipe with
// the ordinary pcapng reader. The analyzer itself needs no privileges.
//
//   std::string error;
//   LiveCaptureOptions o;
//   o.interfaces = {"lo"};
//   o.capture_filter = "tcp port 25";
//   auto live = start_live_capture(o, error);     // null + error on failure
//   RawFrame f;
//   while (live->next(f) == ReadStatus::Frame) { ... }   // blocks for packets
//   // from another thread or a signal-driven flag: live->stop();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/live/interface_list.hpp"
#include "capture/source/frame_source.hpp"

namespace ms {

struct LiveCaptureOptions {
    std::vector<std::string> interfaces;  // names or -D numbers; empty = the helper's default
    std::string capture_filter;           // BPF syntax; empty = everything
    uint32_t snaplen = 0;                 // 0 = the helper's default (262144)
    bool promiscuous = true;
    uint32_t buffer_size_mib = 0;         // 0 = libpcap's default
    bool immediate = true;                // hand over each packet at once (-l)
    uint64_t packet_count = 0;            // stop after this many (-c); 0 = no limit
    std::vector<std::string> autostop;    // "duration:S", "filesize:KB", "packets:N" (-a)
    std::string helper_path;              // empty = find_capture_helper()
    // Copy the helper's messages ("Capturing on 'lo'", the packet counts at
    // the end) to our standard error as they come. Errors that prevent the
    // start are returned in `error` either way, never printed here.
    bool forward_helper_messages = false;
};

class LiveCapture final : public FrameSource {
public:
    ~LiveCapture() override;

    // Blocks until the next packet arrives. End once the helper has stopped
    // (a stop condition, stop(), or a signal) and every packet it wrote has
    // been read; Error if it failed (error() has its message).
    ReadStatus next(RawFrame& out) override;
    const std::string& error() const override;
    std::string format_name() const override { return "pcapng"; }
    // Filled in as the helper's interface descriptions are read (by the
    // first next()).
    const std::vector<InterfaceInfo>& interfaces() const override;
    const std::vector<std::string>& comments() const override;

    // Asks the helper to stop (SIGTERM). Safe from any thread; keep calling
    // next() until End so every captured packet is processed.
    void stop();
    // The helper's process id, for a signal handler that forwards a stop
    // request with kill() (stop() takes a lock, so it is not for handlers).
    int helper_pid() const;
    // Everything the helper wrote to its standard error so far.
    std::string helper_messages() const;
    // The helper's exit status once next() has returned End or Error; -1 before.
    int exit_status() const { return exit_status_; }

private:
    struct Impl;
    explicit LiveCapture(std::unique_ptr<Impl> impl);
    friend std::unique_ptr<LiveCapture> start_live_capture(const LiveCaptureOptions&, std::string&);
    std::unique_ptr<Impl> impl_;
    int exit_status_ = -1;
};

// Starts the helper and waits until it has opened every interface and
// written its pcapng header. Null with `error` set to one clear message
// otherwise (the helper's own: no permission and what to do, a bad capture
// filter, an unknown interface, or that the helper was not found).
std::unique_ptr<LiveCapture> start_live_capture(const LiveCaptureOptions& opts, std::string& error);

// The interfaces the helper can capture on (its -D list).
std::vector<InterfaceDesc> list_interfaces(std::string& error, const std::string& helper_path = {});

// The helper's arguments for these options (for messages and tests).
std::vector<std::string> live_capture_arguments(const LiveCaptureOptions& opts);

}  // namespace ms
