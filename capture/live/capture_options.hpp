// The capture helper's command line, dumpcap-style. Options that describe
// how to open an interface (-f -s -p -B) given before the first -i are the
// defaults for every interface; given after an -i they apply to that one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "capture/live/live_file_writer.hpp"

namespace ms {

inline constexpr uint32_t kDefaultSnaplen = 262144;

struct InterfaceRequest {
    std::string name;  // a name or a -D number; empty = the first device
    std::string filter;
    uint32_t snaplen = kDefaultSnaplen;
    bool promiscuous = true;
    uint32_t buffer_mib = 0;  // 0 = libpcap's default
};

struct RingBufferOptions {
    uint64_t filesize_kb = 0;  // switch after this many kB (1000 bytes)
    uint64_t duration_ms = 0;  // switch after this long
    uint64_t packets = 0;      // switch after this many packets
    uint64_t files = 0;        // keep at most this many files (0 = all)
    bool enabled() const { return filesize_kb || duration_ms || packets || files; }
};

struct HelperOptions {
    bool help = false;
    bool version = false;
    bool list_interfaces = false;  // -D
    bool machine_readable = false; // -M
    bool quiet = false;            // -q: no "Capturing on" / statistics
    bool immediate = false;        // -l
    InterfaceRequest defaults;
    std::vector<InterfaceRequest> interfaces;  // empty: one with the defaults
    std::string output_path;                   // -w; empty or "-" = standard output
    LiveFileFormat format = LiveFileFormat::Pcapng;
    // Stop conditions (0 = none).
    uint64_t packet_limit = 0;     // -c N, -a packets:N
    uint64_t duration_limit_ms = 0;
    uint64_t filesize_limit_kb = 0;
    uint64_t files_limit = 0;
    RingBufferOptions ring;

    bool writes_to_stdout() const { return output_path.empty() || output_path == "-"; }
};

// False with `error` set to a one-line message for a bad command line
// (unknown option, missing or malformed value, inconsistent choices).
bool parse_helper_args(const std::vector<std::string>& args, HelperOptions& out, std::string& error);

// Usage text for -h.
std::string helper_usage(const std::string& program);

}  // namespace ms
