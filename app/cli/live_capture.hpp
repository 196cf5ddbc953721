// mailscope-cli's side of live capture: -D lists interfaces and -i starts
// the privileged helper (mailscope-capture), whose pcapng stream is then
// read like any capture file.
#pragma once

#include <memory>
#include <string>

#include "app/cli/options.hpp"
#include "capture/source/frame_source.hpp"

namespace ms::cli {

// -D: prints the interfaces as tshark numbers them; returns the exit status.
int print_capture_interfaces();
// -i ...: starts the capture helper. Null with `error` set when it cannot
// start (no permission: the message says which setcap command to run).
std::unique_ptr<FrameSource> start_capture(const Options& opt, std::string& error);

}  // namespace ms::cli
