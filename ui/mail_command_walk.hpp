// Statistics > Mail Commands' pass over a capture: one walk that feeds every
// frame to a stats::MailCommandCounter per mail protocol (the counter the
// CLI's -z smtp,stat / pop,stat / imap,stat prints). Qt-free.
#pragma once

#include <string>
#include <vector>

#include "dissectors/stats/mail_command_counter.hpp"
#include "ui/capture_walk.hpp"

namespace ms::ui {

struct MailCommandCounts {
    // One per protocol, in stats::kMailProtocols order.
    std::vector<stats::MailCommandCounter> counters;
    uint64_t frames = 0;
    const stats::MailCommandCounter* find(stats::MailProtocol p) const;
};

// Reads `path` and counts the commands and replies of all three protocols.
// false + error on a bad file, a read error, or when `control` cancelled
// the walk (error "cancelled", `out` partial).
bool count_mail_commands(const std::string& path, MailCommandCounts& out, std::string& error,
                         const WalkControl& control = {});

}  // namespace ms::ui
