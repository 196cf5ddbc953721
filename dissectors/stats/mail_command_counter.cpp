#include "dissectors/stats/mail_command_counter.hpp"

#include <algorithm>
#include <cctype>

#include "dissectors/core/field_registry.hpp"

namespace ms::stats {

const char* mail_protocol_name(MailProtocol p) {
    switch (p) {
        case MailProtocol::Smtp: return "SMTP";
        case MailProtocol::Pop: return "POP";
        case MailProtocol::Imap: return "IMAP";
    }
    return "";
}

const char* mail_reply_heading(MailProtocol p) {
    switch (p) {
        case MailProtocol::Smtp: return "Reply code";
        case MailProtocol::Pop: return "Indicator";
        case MailProtocol::Imap: return "Status";
    }
    return "";
}

MailCommandCounter::MailCommandCounter(MailProtocol p) : proto_(p) {
    // command, reply, the response's link to its command, response time
    static const char* const fields[3][4] = {
        {"smtp.req.command", "smtp.response.code", "smtp.response_to", "smtp.time"},
        {"pop.request.command", "pop.response.indicator", "pop.response_to", "pop.time"},
        {"imap.request.command", "imap.response.status", "imap.response_to", "imap.time"},
    };
    const auto& f = fields[static_cast<int>(p)];
    const FieldRegistry& reg = FieldRegistry::global();
    command_ = reg.find(f[0]);
    reply_ = reg.find(f[1]);
    response_to_ = reg.find(f[2]);
    time_ = reg.find(f[3]);
}

void MailCommandCounter::wanted_fields(std::vector<FieldId>& out) const {
    for (FieldId f : {command_, reply_, response_to_, time_})
        if (f != kNoField) out.push_back(f);
}

void MailCommandCounter::add_frame(const FrameContext& ctx) {
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
            // The response's time belongs to the oldest command its request
            // frame sent that is still unanswered (pipelined commands).
            auto it = pending_.find(request_frame);
            if (it == pending_.end() || it->second.empty()) continue;
            MailCommandRow& row = commands_[it->second.front()];
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

}  // namespace ms::stats
