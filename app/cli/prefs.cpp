#include "app/cli/prefs.hpp"

#include <cerrno>
#include <cstdlib>
#include <limits>

namespace ms::cli {

namespace {

struct Pref {
    const char* name;
    const char* description;
    uint64_t Limits::*u64;
    uint32_t Limits::*u32;
};

const Pref kPrefs[] = {
    {"tcp.max_ooo_bytes_per_flow", "Out-of-order bytes buffered per TCP flow", &Limits::tcp_max_ooo_bytes_per_flow, nullptr},
    {"tcp.max_ooo_bytes_total", "Out-of-order bytes buffered over all TCP flows", &Limits::tcp_max_ooo_bytes_total, nullptr},
    {"tcp.max_ooo_segments_per_flow", "Out-of-order segments buffered per TCP flow", nullptr,
     &Limits::tcp_max_ooo_segments_per_flow},
    {"tcp.max_flows", "TCP flows tracked at once", &Limits::tcp_max_flows, nullptr},
    {"tcp.closed_linger", "Seconds a closed TCP connection is remembered after its last segment (0 = always)",
     &Limits::tcp_closed_linger_s, nullptr},
    {"ip.max_pending_datagrams", "IP datagrams waiting for fragments", nullptr, &Limits::ip_max_pending_datagrams},
    {"ip.max_pending_bytes", "Bytes of IP fragments waiting for reassembly", &Limits::ip_max_pending_bytes, nullptr},
    {"mail.max_line_length", "Longest SMTP/POP3/IMAP line parsed whole", nullptr, &Limits::max_line_length},
    {"mail.max_pipelined_commands", "Commands waiting for responses per connection", nullptr,
     &Limits::max_pipelined_commands},
    {"mime.max_depth", "Deepest MIME nesting parsed", nullptr, &Limits::mime_max_depth},
    {"mime.max_parts", "MIME parts parsed per message", nullptr, &Limits::mime_max_parts},
    {"imf.max_header_bytes", "Bytes of one message's header parsed", &Limits::imf_max_header_bytes, nullptr},
    {"mime.max_decoded_bytes", "Decoded bytes kept per MIME part", &Limits::max_decoded_bytes, nullptr},
};

}  // namespace

bool apply_pref(Limits& limits, const std::string& name, const std::string& value, std::string& error) {
    for (const Pref& p : kPrefs) {
        if (name != p.name) continue;
        char* end = nullptr;
        errno = 0;
        unsigned long long v = std::strtoull(value.c_str(), &end, 0);
        uint64_t max = p.u64 ? std::numeric_limits<uint64_t>::max() : std::numeric_limits<uint32_t>::max();
        if (value.empty() || value[0] == '-' || *end || errno == ERANGE || v > max) {
            error = "\"" + value + "\" isn't a valid value for " + name + " (a non-negative integer)";
            return false;
        }
        if (p.u64) limits.*p.u64 = v;
        else limits.*p.u32 = static_cast<uint32_t>(v);
        return true;
    }
    error = "\"" + name + "\" isn't a known preference (see -G defaultprefs)";
    return false;
}

void append_default_prefs(std::string& out) {
    const Limits d;
    out += "# mailscope preferences: the limits on hostile input (-o name:value).\n";
    for (const Pref& p : kPrefs) {
        uint64_t v = p.u64 ? d.*p.u64 : d.*p.u32;
        out += "\n# ";
        out += p.description;
        out += "\n# A decimal number\n#";
        out += p.name;
        out += ": " + std::to_string(v) + "\n";
    }
}

}  // namespace ms::cli
