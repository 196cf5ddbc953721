#include "app/cli/stats/mail_command_stats.hpp"

#include <cstdio>

namespace ms::cli {

void MailCommandStats::print(std::string& out) const {
    const std::string rule(67, '='), thin(67, '-');
    char buf[256];
    out += rule + "\n" + stats::mail_protocol_name(counter_.protocol()) + " Statistics\n" + thin + "\n";
    out += "Command               Count   Min RT (s)   Avg RT (s)   Max RT (s)\n";
    auto secs = [](int64_t ns) { return double(ns) / 1e9; };
    for (const auto& [name, r] : counter_.commands()) {
        if (r.timed)
            std::snprintf(buf, sizeof buf, "%-18.40s %8llu %12.6f %12.6f %12.6f\n", name.c_str(), (unsigned long long)r.count,
                          secs(r.min_ns), r.avg_seconds(), secs(r.max_ns));
        else
            std::snprintf(buf, sizeof buf, "%-18.40s %8llu\n", name.c_str(), (unsigned long long)r.count);
        out += buf;
    }
    out += thin + "\n";
    std::snprintf(buf, sizeof buf, "%-18s    Count\n", stats::mail_reply_heading(counter_.protocol()));
    out += buf;
    for (const auto& [name, c] : counter_.replies()) {
        std::snprintf(buf, sizeof buf, "%-18.40s %8llu\n", name.c_str(), (unsigned long long)c);
        out += buf;
    }
    out += rule + "\n";
}

}  // namespace ms::cli
