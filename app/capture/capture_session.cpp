#include "app/capture/capture_session.hpp"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "app/capture/helper_messages.hpp"
#include "capture/live/capture_output.hpp"

namespace ms {

namespace {

volatile sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int sig) { g_stop_signal = sig; }

uint64_t monotonic_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return uint64_t(ts.tv_sec) * 1000 + uint64_t(ts.tv_nsec) / 1'000'000;
}

// Stop signals are blocked except while waiting in ppoll(), so one that
// arrives between two checks is never lost. Returns the mask for ppoll.
sigset_t install_stop_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigset_t stops;
    sigemptyset(&stops);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        sigaction(sig, &sa, nullptr);
        sigaddset(&stops, sig);
    }
    // A closed reader shows up as EPIPE from write(), handled there.
    signal(SIGPIPE, SIG_IGN);
    sigset_t old;
    sigprocmask(SIG_BLOCK, &stops, &old);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigdelset(&old, sig);
    return old;
}

class Session {
public:
    Session(const HelperOptions& o, std::vector<std::unique_ptr<PcapDevice>>& devices)
        : o_(o), devices_(devices), captured_(devices.size(), 0) {}

    int run();
    void on_packet(uint32_t index, const pcap_pkthdr* h, const u_char* bytes);

private:
    void stop(int exit_code = 0) {
        stopping_ = true;
        if (exit_code > exit_code_) exit_code_ = exit_code;
        for (auto& d : devices_) pcap_breakloop(d->handle());
    }
    // Ring buffer or -a files: move on to the next file, or stop.
    void next_file();
    void check_time_limits(uint64_t now);
    void report_start() const;
    void report_statistics(const std::vector<DeviceStats>& stats) const;

    const HelperOptions& o_;
    std::vector<std::unique_ptr<PcapDevice>>& devices_;
    CaptureOutput out_;
    std::vector<uint64_t> captured_;  // per interface
    uint64_t total_ = 0;
    uint64_t not_written_ = 0;
    uint64_t start_ms_ = 0;
    uint64_t file_start_ms_ = 0;
    bool stopping_ = false;
    int exit_code_ = 0;
};

struct Callback {
    Session* session;
    uint32_t index;
};

void packet_callback(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
    auto* cb = reinterpret_cast<Callback*>(user);
    cb->session->on_packet(cb->index, h, bytes);
}

void Session::on_packet(uint32_t index, const pcap_pkthdr* h, const u_char* bytes) {
    if (stopping_) {
        ++not_written_;
        return;
    }
    const LiveInterface& iface = devices_[index]->interface();
    LivePacket p;
    p.interface_index = index;
    p.ts_sec = h->ts.tv_sec;
    p.ts_frac = uint32_t(h->ts.tv_usec);  // nanoseconds when the interface says so
    p.caplen = h->caplen < iface.snaplen ? h->caplen : iface.snaplen;
    p.wirelen = h->len < p.caplen ? p.caplen : h->len;
    p.data = bytes;
    if (!out_.write(p)) {
        ++not_written_;
        if (out_.reader_gone()) stop(0);
        else {
            std::fprintf(stderr, "%s: %s\n", kHelperName, out_.error().c_str());
            stop(1);
        }
        return;
    }
    ++captured_[index];
    ++total_;
    if (o_.packet_limit && total_ >= o_.packet_limit) return stop();
    if (o_.filesize_limit_kb && out_.current_file_bytes() >= o_.filesize_limit_kb * 1000) return stop();
    const RingBufferOptions& r = o_.ring;
    if ((r.filesize_kb && out_.current_file_bytes() >= r.filesize_kb * 1000) ||
        (r.packets && out_.current_file_packets() >= r.packets))
        next_file();
}

void Session::next_file() {
    if (o_.files_limit && out_.files_started() >= o_.files_limit) return stop();
    if (!o_.ring.enabled()) return;
    if (!out_.rotate()) {
        std::fprintf(stderr, "%s: %s\n", kHelperName, out_.error().c_str());
        return stop(1);
    }
    file_start_ms_ = monotonic_ms();
}

void Session::check_time_limits(uint64_t now) {
    if (o_.duration_limit_ms && now - start_ms_ >= o_.duration_limit_ms) return stop();
    if (o_.ring.duration_ms && now - file_start_ms_ >= o_.ring.duration_ms) next_file();
}

void Session::report_start() const {
    if (o_.quiet) return;
    std::string names;
    for (std::size_t i = 0; i < devices_.size(); ++i) {
        if (i) names += i + 1 == devices_.size() ? " and " : ", ";
        names += "'" + devices_[i]->interface().name + "'";
    }
    std::fprintf(stderr, "Capturing on %s\n", names.c_str());
    if (!o_.writes_to_stdout()) std::fprintf(stderr, "File: %s\n", out_.current_name().c_str());
    std::fflush(stderr);
}

void Session::report_statistics(const std::vector<DeviceStats>& stats) const {
    if (o_.quiet) return;
    std::fprintf(stderr, "Packets captured: %llu\n", static_cast<unsigned long long>(total_));
    for (std::size_t i = 0; i < devices_.size(); ++i) {
        const DeviceStats& s = stats[i];
        // Our own losses are counted on the first interface (they are rare:
        // packets that arrived after a stop condition or a write failure).
        uint64_t ours = i == 0 ? not_written_ : 0;
        uint64_t dropped = s.dropped + s.if_dropped + ours;
        uint64_t received = captured_[i];
        double pct = received + dropped ? 100.0 * double(received) / double(received + dropped) : 100.0;
        std::fprintf(stderr,
                     "Packets received/dropped on interface '%s': %llu/%llu "
                     "(pcap:%llu/dropped:%llu/ps_ifdrop:%llu) (%.1f%%)\n",
                     devices_[i]->interface().name.c_str(), static_cast<unsigned long long>(received),
                     static_cast<unsigned long long>(dropped), static_cast<unsigned long long>(s.dropped),
                     static_cast<unsigned long long>(ours), static_cast<unsigned long long>(s.if_dropped), pct);
    }
    std::fflush(stderr);
}

int Session::run() {
    sigset_t wait_mask = install_stop_signals();

    OutputPlan plan;
    plan.path = o_.output_path;
    plan.format = o_.format;
    for (auto& d : devices_) plan.interfaces.push_back(d->interface());
    plan.application = std::string(kHelperName) + " (mailscope)";
    plan.ring = o_.ring.enabled();
    plan.ring_max_files = o_.ring.files;
    std::string error;
    if (!out_.open(plan, error)) {
        if (out_.reader_gone()) return 0;
        std::fprintf(stderr, "%s: %s\n", kHelperName, error.c_str());
        return 1;
    }
    report_start();
    start_ms_ = file_start_ms_ = monotonic_ms();

    std::vector<pollfd> fds;
    bool some_unpollable = false;
    for (auto& d : devices_) {
        if (d->selectable_fd() >= 0) fds.push_back(pollfd{d->selectable_fd(), POLLIN, 0});
        else some_unpollable = true;
    }
    std::vector<Callback> callbacks;
    for (uint32_t i = 0; i < devices_.size(); ++i) callbacks.push_back(Callback{this, i});

    while (!stopping_) {
        if (g_stop_signal) break;
        // Wake for the next time limit; without immediate mode libpcap may
        // hold packets in a kernel block, so look at least every 250 ms.
        uint64_t wait_ms = some_unpollable ? 10 : 250;
        uint64_t now = monotonic_ms();
        if (o_.duration_limit_ms) {
            uint64_t end = start_ms_ + o_.duration_limit_ms;
            wait_ms = std::min<uint64_t>(wait_ms, end > now ? end - now : 0);
        }
        if (o_.ring.duration_ms) {
            uint64_t end = file_start_ms_ + o_.ring.duration_ms;
            wait_ms = std::min<uint64_t>(wait_ms, end > now ? end - now : 0);
        }
        timespec timeout{time_t(wait_ms / 1000), long(wait_ms % 1000) * 1'000'000};
        int rc = ppoll(fds.data(), fds.size(), &timeout, &wait_mask);
        if (rc < 0 && errno != EINTR) {
            std::fprintf(stderr, "%s: poll failed: %s\n", kHelperName, std::strerror(errno));
            stop(1);
            break;
        }
        if (g_stop_signal) break;
        // Read every interface: with some kernels' buffering a packet can be
        // there before its descriptor reports ready.
        for (uint32_t i = 0; i < devices_.size() && !stopping_; ++i) {
            uint64_t left = o_.packet_limit ? o_.packet_limit - total_ : 0;
            int budget = left == 0 ? -1 : int(left > INT_MAX ? INT_MAX : left);
            int n = pcap_dispatch(devices_[i]->handle(), budget, packet_callback,
                                  reinterpret_cast<u_char*>(&callbacks[i]));
            if (n == PCAP_ERROR) {
                std::fprintf(stderr, "%s: Error while capturing packets on interface \"%s\": %s\n", kHelperName,
                             devices_[i]->interface().name.c_str(), pcap_geterr(devices_[i]->handle()));
                stop(1);
            }
        }
        if (!stopping_) check_time_limits(monotonic_ms());
    }

    // A stop signal: take what the kernel already holds for us, so packets
    // that arrived before the signal are not lost.
    if (!stopping_ && g_stop_signal) {
        for (uint32_t i = 0; i < devices_.size() && !stopping_; ++i) {
            uint64_t left = o_.packet_limit ? o_.packet_limit - total_ : 0;
            int budget = left == 0 ? -1 : int(left > INT_MAX ? INT_MAX : left);
            pcap_dispatch(devices_[i]->handle(), budget, packet_callback, reinterpret_cast<u_char*>(&callbacks[i]));
        }
    }

    std::vector<DeviceStats> stats;
    std::vector<InterfaceCounters> counters;
    for (auto& d : devices_) {
        stats.push_back(d->stats());
        counters.push_back(InterfaceCounters{stats.back().received, stats.back().dropped + stats.back().if_dropped});
    }
    if (!out_.close(counters) && !out_.reader_gone()) {
        std::fprintf(stderr, "%s: %s\n", kHelperName, out_.error().c_str());
        exit_code_ = 1;
    }
    report_statistics(stats);
    return exit_code_;
}

}  // namespace

int run_capture(const HelperOptions& options, std::vector<std::unique_ptr<PcapDevice>>& devices) {
    Session s(options, devices);
    return s.run();
}

}  // namespace ms
