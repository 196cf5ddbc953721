#include "ui/mail_command_walk.hpp"

namespace ms::ui {

const stats::MailCommandCounter* MailCommandCounts::find(stats::MailProtocol p) const {
    for (const auto& c : counters)
        if (c.protocol() == p) return &c;
    return nullptr;
}

bool count_mail_commands(const std::string& path, MailCommandCounts& out, std::string& error,
                         const WalkControl& control) {
    CaptureWalk walk;
    if (!walk.open(path, error)) return false;
    out = {};
    for (stats::MailProtocol p : stats::kMailProtocols) out.counters.emplace_back(p);
    std::vector<FieldId> keep;
    for (const auto& c : out.counters) c.wanted_fields(keep);
    // Dissect as `mailscope-cli -q -z smtp,stat` does, so the counts match
    // it exactly: only the counted fields kept, no summary columns, expert
    // analysis on (it runs for the CLI's -z reports, and TCP's SEQ/ACK
    // analysis is part of it).
    walk.ctx().tree.keep_only(keep);
    walk.ctx().want_columns = false;
    walk.ctx().want_experts = true;
    bool cancelled = false;
    while (walk.next()) {
        for (auto& c : out.counters) c.add_frame(walk.ctx());
        if (control.should_stop(walk)) {
            cancelled = true;
            break;
        }
    }
    // Like the CLI, the counters see frames only: what the end-of-capture
    // flush dissects belongs to no frame and is not counted.
    if (!cancelled) walk.finish();
    out.frames = walk.frames_read();
    error = cancelled ? std::string("cancelled") : walk.error();
    return error.empty();
}

}  // namespace ms::ui
