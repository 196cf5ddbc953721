#include "app/capture/pcap_device.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace ms {

namespace {

std::string numeric_address(const sockaddr* sa) {
    if (!sa) return {};
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    } else if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    }
    return buf;
}

// pcap_datalink() gives a DLT_ value; files carry LINKTYPE_ values. They
// are equal except for a few, of which only DLT_RAW is seen on Linux.
uint32_t linktype_of(int dlt) {
    if (dlt == DLT_RAW) return 101;  // LINKTYPE_RAW
    return dlt < 0 ? 0 : uint32_t(dlt);
}

}  // namespace

std::vector<InterfaceDesc> pcap_interfaces(std::string& error) {
    std::vector<InterfaceDesc> list;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* devs = nullptr;
    if (pcap_findalldevs(&devs, errbuf) != 0) {
        error = std::string("Can't get the list of interfaces: ") + errbuf;
        return list;
    }
    uint32_t number = 0;
    for (pcap_if_t* d = devs; d; d = d->next) {
        InterfaceDesc desc;
        desc.number = ++number;
        desc.name = d->name ? d->name : "";
        desc.loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
        desc.up = (d->flags & PCAP_IF_UP) != 0;
        if (d->description && *d->description) desc.description = d->description;
        else if (desc.loopback) desc.description = "Loopback";
        for (pcap_addr_t* a = d->addresses; a; a = a->next) {
            std::string text = numeric_address(a->addr);
            if (!text.empty()) desc.addresses.push_back(text);
        }
        list.push_back(std::move(desc));
    }
    pcap_freealldevs(devs);
    return list;
}

PcapDevice::PcapDevice(pcap_t* p, LiveInterface iface) : pcap_(p), iface_(std::move(iface)) {
    fd_ = pcap_get_selectable_fd(pcap_);
}

PcapDevice::~PcapDevice() { pcap_close(pcap_); }

std::unique_ptr<PcapDevice> PcapDevice::open(const std::string& name, const std::string& description,
                                             const InterfaceRequest& req, bool immediate,
                                             OpenFailure& failure, std::string& message, std::string& warning) {
    failure = OpenFailure::Other;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(name.c_str(), errbuf);
    if (!p) {
        message = "The capture session could not be initiated on interface \"" + name + "\" (" + errbuf + ").";
        return nullptr;
    }
    pcap_set_snaplen(p, int(req.snaplen));
    pcap_set_promisc(p, req.promiscuous ? 1 : 0);
    if (req.buffer_mib) pcap_set_buffer_size(p, int(req.buffer_mib) * 1024 * 1024);
    if (immediate) pcap_set_immediate_mode(p, 1);
    // Without immediate mode the kernel hands packets over in batches; this
    // bounds how long one can wait (dumpcap uses the same).
    pcap_set_timeout(p, 250);
    // Nanosecond timestamps where the platform has them.
    bool nano = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;

    int rc = pcap_activate(p);
    if (rc < 0) {
        std::string why = pcap_geterr(p);
        if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
            failure = OpenFailure::Permission;
        } else if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
            failure = OpenFailure::NoSuchDevice;
            message = "There is no interface named \"" + name + "\"" + (why.empty() ? "" : " (" + why + ")") +
                      ". Use -D to list the interfaces.";
        } else {
            message = "The capture session could not be initiated on interface \"" + name + "\" (" +
                      (why.empty() ? std::string(pcap_statustostr(rc)) : why) + ").";
        }
        pcap_close(p);
        return nullptr;
    }
    if (rc > 0) warning = std::string("Warning on interface \"") + name + "\": " + pcap_statustostr(rc);
    nano = nano && pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;

    if (!req.filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(p, &prog, req.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
            failure = OpenFailure::BadFilter;
            message = "Invalid capture filter \"" + req.filter + "\" for interface \"" + name + "\": " +
                      pcap_geterr(p) + ".";
            pcap_close(p);
            return nullptr;
        }
        int set = pcap_setfilter(p, &prog);
        pcap_freecode(&prog);
        if (set != 0) {
            message = "Could not apply the capture filter \"" + req.filter + "\" to interface \"" + name +
                      "\": " + pcap_geterr(p) + ".";
            pcap_close(p);
            return nullptr;
        }
    }
    if (pcap_setnonblock(p, 1, errbuf) != 0) {
        message = std::string("Could not read interface \"") + name + "\" without blocking: " + errbuf + ".";
        pcap_close(p);
        return nullptr;
    }

    LiveInterface iface;
    iface.name = name;
    iface.description = description;
    iface.linktype = linktype_of(pcap_datalink(p));
    int snap = pcap_snapshot(p);
    iface.snaplen = snap > 0 ? uint32_t(snap) : req.snaplen;
    iface.nanoseconds = nano;
    failure = OpenFailure::None;
    return std::unique_ptr<PcapDevice>(new PcapDevice(p, std::move(iface)));
}

DeviceStats PcapDevice::stats() const {
    DeviceStats s;
    pcap_stat ps{};
    if (pcap_stats(pcap_, &ps) == 0) {
        s.valid = true;
        s.received = ps.ps_recv;
        s.dropped = ps.ps_drop;
        s.if_dropped = ps.ps_ifdrop;
    }
    return s;
}

}  // namespace ms
