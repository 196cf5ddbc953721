// mailscope-capture: the small privileged capture helper (mailscope's
// dumpcap). It opens interfaces with libpcap and writes pcapng; the analyzer
// runs it and reads the stream, so only this program needs capture rights.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/capture/capture_session.hpp"
#include "app/capture/helper_messages.hpp"
#include "app/capture/pcap_device.hpp"
#include "capture/live/capture_options.hpp"
#include "capture/live/interface_list.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitPermission = 2;

int fail(const std::string& message, int code = kExitError) {
    std::fprintf(stderr, "%s: %s\n", ms::kHelperName, message.c_str());
    return code;
}

int list_interfaces(bool machine_readable) {
    std::string error;
    std::vector<ms::InterfaceDesc> list = ms::pcap_interfaces(error);
    if (!error.empty()) return fail(error);
    if (list.empty()) return fail("There are no interfaces on which a capture can be done.");
    for (const ms::InterfaceDesc& d : list) {
        std::string line = machine_readable ? ms::format_interface_machine_line(d) : ms::format_interface_line(d);
        std::printf("%s\n", line.c_str());
    }
    return std::fflush(stdout) == 0 ? kExitOk : kExitError;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    ms::HelperOptions opts;
    std::string error;
    if (!ms::parse_helper_args(args, opts, error)) {
        fail(error);
        std::fprintf(stderr, "Use -h for help.\n");
        return kExitError;
    }
    if (opts.help) {
        std::fputs(ms::helper_usage(ms::kHelperName).c_str(), stdout);
        return kExitOk;
    }
    if (opts.version) {
        std::printf("%s (mailscope) 0.1.0\n", ms::kHelperName);
        return kExitOk;
    }
    if (opts.list_interfaces) return list_interfaces(opts.machine_readable);

    // The device list turns numbers into names and supplies descriptions;
    // a name works even when the list cannot be had.
    std::string list_error;
    std::vector<ms::InterfaceDesc> known = ms::pcap_interfaces(list_error);
    std::vector<ms::InterfaceRequest> requests = opts.interfaces;
    if (requests.empty()) {
        if (known.empty()) return fail("There are no interfaces on which a capture can be done.");
        requests.push_back(opts.defaults);
        requests.back().name = known.front().name;
    }

    std::vector<std::unique_ptr<ms::PcapDevice>> devices;
    for (const ms::InterfaceRequest& req : requests) {
        std::string name = req.name;
        std::string description;
        if (const ms::InterfaceDesc* d = ms::find_interface(known, req.name)) {
            name = d->name;
            description = d->description;
        }
        ms::OpenFailure failure;
        std::string message, warning;
        auto dev = ms::PcapDevice::open(name, description, req, opts.immediate, failure, message, warning);
        if (!dev) {
            // Exactly one message: what is wrong and what to do about it.
            if (failure == ms::OpenFailure::Permission) {
                std::fprintf(stderr, "%s\n", ms::permission_message(name).c_str());
                return kExitPermission;
            }
            return fail(message);
        }
        if (!warning.empty()) fail(warning);
        devices.push_back(std::move(dev));
    }
    if (opts.format == ms::LiveFileFormat::Pcap && devices.size() > 1)
        return fail("pcap files hold one interface: capturing on several needs pcapng (-F pcapng).");
    return ms::run_capture(opts, devices);
}
