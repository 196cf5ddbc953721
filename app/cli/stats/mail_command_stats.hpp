// -z smtp,stat, -z pop,stat, -z imap,stat: the commands and replies counted
// by stats::MailCommandCounter (shared with the GUI's Statistics > Mail
// Commands), printed as a table. tshark 4.0 has no such reports; the table
// follows its -z style:
//
//   ===================================================================
//   SMTP Statistics
//   -------------------------------------------------------------------
//   Command               Count   Min RT (s)   Avg RT (s)   Max RT (s)
//   EHLO                      2     0.000210     0.000355     0.000500
//   -------------------------------------------------------------------
//   Reply code            Count
//   250                      12
//   ===================================================================
#pragma once

#include "app/cli/stats/frame_report.hpp"
#include "dissectors/stats/mail_command_counter.hpp"

namespace ms::cli {

class MailCommandStats : public FrameReport {
public:
    explicit MailCommandStats(stats::MailProtocol p) : counter_(p) {}

    void wanted_fields(std::vector<FieldId>& out) const override { counter_.wanted_fields(out); }
    void add_frame(const FrameContext& ctx) override { counter_.add_frame(ctx); }
    void print(std::string& out) const override;

private:
    stats::MailCommandCounter counter_;
};

}  // namespace ms::cli
