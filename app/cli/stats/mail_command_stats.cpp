#include "app/cli/stats/mail_command_stats.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ms::cli {

namespace {
constexpr std::size_t kMaxPending = 100'000;
constexpr std::size_t kMaxKeys = 10'000;  // distinct command/reply names kept
const char* const kNames[] = {"SMTP", "POP", "IMAP"};
}  // namespace

MailCommandStats::MailCommandStats(Protocol p) : proto_(p) {
    static const char* const fields[3][4] = {
        {"smtp.req.command", "smtp.response.code", "smtp.response_to", "smtp.time"},
        {"pop.request.command", "pop.response.indicator", "pop.response_to", "pop.time"},
        {"imap.request.command", "imap.response.status", "imap.response_to", "imap.time"},
    };
    command_ = field_id(fields[p][0]);
    reply_ = field_id(fields[p][1]);
    response_to_ = field_id(fields[p][2]);
    time_ = field_id(fields[p][3]);
}

void MailCommandStats::wanted_fields(std::vector<FieldId>& out) const {
    for (FieldId f : {command_, reply_, response_to_, time_})
        if (f != kNoField) out.push_back(f);
}

void MailCommandStats::add_frame(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    uint64_t request_frame = 0;
    for (uint32_t i = 1; i < t.size(); ++i) {
        const Node& n = t.node(i);
        if (n.field == kNoField) continue;
        if (n.field == command_) {
            std::string cmd = t.value_text(i);
            for (char& c : cmd) c = char(std::toupper(static_cast<unsigned char>(c)));
            if (commands_.size() >= kMaxKeys && !commands_.count(cmd)) cmd = "(other)";
            commands_[cmd].count++;
            if (pending_count_ >= kMaxPending && !pending_.empty()) {
                pending_count_ -= pending_.begin()->second.size();
                pending_.erase(pending_.begin());
            }
            pending_[ctx.pinfo.number].push_back(cmd);
            ++pending_count_;
        } else if (n.field == reply_) {
            std::string r = t.value_text(i);
            if (replies_.size() >= kMaxKeys && !replies_.count(r)) r = "(other)";
            replies_[r]++;
        } else if (n.field == response_to_) {
            request_frame = n.value.u;
        } else if (n.field == time_ && request_frame) {
            auto it = pending_.find(request_frame);
            if (it == pending_.end() || it->second.empty()) continue;
            CommandRow& row = commands_[it->second.front()];
            it->second.pop_front();
            --pending_count_;
            if (it->second.empty()) pending_.erase(it);
            int64_t ns = n.value.i;
            if (row.timed == 0) row.min_ns = row.max_ns = ns;
            row.min_ns = std::min(row.min_ns, ns);
            row.max_ns = std::max(row.max_ns, ns);
            row.sum_ns += ns;
            row.timed++;
            request_frame = 0;
        }
    }
}

void MailCommandStats::print(std::string& out) const {
    const std::string rule(67, '='), thin(67, '-');
    char buf[256];
    out += rule + "\n" + kNames[proto_] + " Statistics\n" + thin + "\n";
    out += "Command               Count   Min RT (s)   Avg RT (s)   Max RT (s)\n";
    auto secs = [](int64_t ns) { return double(ns) / 1e9; };
    for (const auto& [name, r] : commands_) {
        if (r.timed)
            std::snprintf(buf, sizeof buf, "%-18.40s %8llu %12.6f %12.6f %12.6f\n", name.c_str(), (unsigned long long)r.count,
                          secs(r.min_ns), secs(r.sum_ns) / double(r.timed), secs(r.max_ns));
        else
            std::snprintf(buf, sizeof buf, "%-18.40s %8llu\n", name.c_str(), (unsigned long long)r.count);
        out += buf;
    }
    out += thin + "\n";
    out += proto_ == Smtp ? "Reply code            Count\n" : proto_ == Pop ? "Indicator             Count\n" : "Status                Count\n";
    for (const auto& [name, c] : replies_) {
        std::snprintf(buf, sizeof buf, "%-18.40s %8llu\n", name.c_str(), (unsigned long long)c);
        out += buf;
    }
    out += rule + "\n";
}

}  // namespace ms::cli
