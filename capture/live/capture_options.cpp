#include "capture/live/capture_options.hpp"

#include <charconv>
#include <string_view>

namespace ms {

namespace {

constexpr uint64_t kMaxCount = uint64_t(1) << 50;

bool parse_count(std::string_view s, uint64_t& out) {
    if (s.empty()) return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && out <= kMaxCount;
}

// Seconds, possibly with a fraction ("2", "0.5"), as milliseconds.
bool parse_seconds(std::string_view s, uint64_t& ms) {
    std::size_t dot = s.find('.');
    uint64_t whole = 0;
    if (!parse_count(s.substr(0, dot), whole) || whole > kMaxCount / 1000) return false;
    uint64_t frac = 0;
    if (dot != std::string_view::npos) {
        std::string_view f = s.substr(dot + 1);
        if (f.empty() || f.size() > 9) return false;
        for (char c : f)
            if (c < '0' || c > '9') return false;
        std::string digits(f);
        digits.resize(3, '0');
        parse_count(digits, frac);
    }
    ms = whole * 1000 + frac;
    return ms > 0;
}

// "key:value" as used by -a and -b.
bool split_condition(std::string_view arg, std::string_view& key, std::string_view& value) {
    std::size_t colon = arg.find(':');
    if (colon == std::string_view::npos) return false;
    key = arg.substr(0, colon);
    value = arg.substr(colon + 1);
    return true;
}

bool parse_autostop(std::string_view arg, HelperOptions& o, std::string& error) {
    std::string_view key, value;
    bool ok = split_condition(arg, key, value);
    if (ok && key == "duration") ok = parse_seconds(value, o.duration_limit_ms);
    else if (ok && key == "filesize") ok = parse_count(value, o.filesize_limit_kb) && o.filesize_limit_kb > 0;
    else if (ok && key == "packets") ok = parse_count(value, o.packet_limit) && o.packet_limit > 0;
    else if (ok && key == "files") ok = parse_count(value, o.files_limit) && o.files_limit > 0;
    else ok = false;
    if (!ok) error = "Invalid or unknown -a flag \"" + std::string(arg) + "\"";
    return ok;
}

bool parse_ring(std::string_view arg, HelperOptions& o, std::string& error) {
    std::string_view key, value;
    bool ok = split_condition(arg, key, value);
    RingBufferOptions& r = o.ring;
    if (ok && key == "filesize") ok = parse_count(value, r.filesize_kb) && r.filesize_kb > 0;
    else if (ok && key == "duration") ok = parse_seconds(value, r.duration_ms);
    else if (ok && key == "packets") ok = parse_count(value, r.packets) && r.packets > 0;
    else if (ok && key == "files") ok = parse_count(value, r.files) && r.files > 0;
    else ok = false;
    if (!ok) error = "Invalid or unknown -b flag \"" + std::string(arg) + "\"";
    return ok;
}

}  // namespace

bool parse_helper_args(const std::vector<std::string>& args, HelperOptions& o, std::string& error) {
    o = HelperOptions{};
    auto current = [&]() -> InterfaceRequest& { return o.interfaces.empty() ? o.defaults : o.interfaces.back(); };
    const std::string takes_value = "iswcabfFB";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "--version") {
            (a == "--help" ? o.help : o.version) = true;
            continue;
        }
        if (a.size() < 2 || a[0] != '-' || a[1] == '-') {
            error = "Invalid argument: \"" + a + "\"";
            return false;
        }
        // Flags may be grouped ("-pl"); a flag that takes a value ends the group.
        for (std::size_t k = 1; k < a.size(); ++k) {
            char f = a[k];
            std::string value;
            if (takes_value.find(f) != std::string::npos) {
                if (k + 1 < a.size()) {
                    value = a.substr(k + 1);
                } else if (i + 1 < args.size()) {
                    value = args[++i];
                } else {
                    error = std::string("option requires an argument -- '") + f + "'";
                    return false;
                }
                k = a.size();
            }
            uint64_t n = 0;
            switch (f) {
                case 'h': o.help = true; break;
                case 'v': o.version = true; break;
                case 'D': o.list_interfaces = true; break;
                case 'M': o.machine_readable = true; break;
                case 'q': o.quiet = true; break;
                case 'l': o.immediate = true; break;
                case 'p': current().promiscuous = false; break;
                case 'i': {
                    InterfaceRequest r = o.defaults;
                    r.name = value;
                    o.interfaces.push_back(std::move(r));
                    break;
                }
                case 'f': current().filter = value; break;
                case 's':
                    if (!parse_count(value, n)) {
                        error = "Invalid snapshot length \"" + value + "\"";
                        return false;
                    }
                    // 0 means "the largest", as in tcpdump.
                    current().snaplen = (n == 0 || n > kDefaultSnaplen) ? kDefaultSnaplen : uint32_t(n);
                    break;
                case 'B':
                    if (!parse_count(value, n) || n == 0 || n > 4096) {
                        error = "Invalid buffer size \"" + value + "\" (MiB, 1 to 4096)";
                        return false;
                    }
                    current().buffer_mib = uint32_t(n);
                    break;
                case 'c':
                    if (!parse_count(value, o.packet_limit) || o.packet_limit == 0) {
                        error = "Invalid packet count \"" + value + "\"";
                        return false;
                    }
                    break;
                case 'a':
                    if (!parse_autostop(value, o, error)) return false;
                    break;
                case 'b':
                    if (!parse_ring(value, o, error)) return false;
                    break;
                case 'w': o.output_path = value; break;
                case 'F':
                    if (value == "pcapng") o.format = LiveFileFormat::Pcapng;
                    else if (value == "pcap" || value == "libpcap") o.format = LiveFileFormat::Pcap;
                    else {
                        error = "Unsupported output file format \"" + value + "\" (use pcapng or pcap)";
                        return false;
                    }
                    break;
                default:
                    error = std::string("invalid option -- '") + f + "'";
                    return false;
            }
        }
    }
    if (o.ring.enabled() && o.writes_to_stdout()) {
        error = "Ring buffer requested, but capture isn't being saved to a permanent file (use -w FILE).";
        return false;
    }
    if (o.ring.enabled() && !o.ring.filesize_kb && !o.ring.duration_ms && !o.ring.packets) {
        error = "Ring buffer requested, but no condition to switch files was given "
                "(-b filesize:KB, -b duration:S or -b packets:N).";
        return false;
    }
    if (o.format == LiveFileFormat::Pcap && o.interfaces.size() > 1) {
        error = "pcap files hold one interface: capturing on several needs pcapng (-F pcapng).";
        return false;
    }
    return true;
}

std::string helper_usage(const std::string& program) {
    return "Usage: " + program + " [options]\n"
           "Captures packets with libpcap and writes them as pcapng (or pcap) to standard\n"
           "output or a file. It parses no protocol; mailscope reads what it writes.\n"
           "\n"
           "Capture interface:\n"
           "  -i <interface>   name or number (from -D) of an interface; repeat for several\n"
           "  -f <filter>      capture filter (BPF syntax)\n"
           "  -s <snaplen>     packet snapshot length (default 262144)\n"
           "  -p               don't capture in promiscuous mode\n"
           "  -B <MiB>         kernel buffer size\n"
           "  -l               immediate mode: hand over each packet as it arrives\n"
           "  -D               list the interfaces and exit (-M: machine-readable)\n"
           "Stop conditions:\n"
           "  -c <count>       stop after this many packets\n"
           "  -a duration:S | filesize:KB | packets:N | files:N\n"
           "Output:\n"
           "  -w <file>        write to this file instead of standard output\n"
           "  -b filesize:KB | duration:S | packets:N | files:N   ring buffer (needs -w)\n"
           "  -F pcapng|pcap   output format (default pcapng)\n"
           "  -q               don't report the interfaces and the packet counts\n"
           "  -h, -v           help, version\n";
}

}  // namespace ms
