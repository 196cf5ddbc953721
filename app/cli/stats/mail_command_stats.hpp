// -z smtp,stat, -z pop,stat, -z imap,stat: commands counted with their
// response times (from smtp.time/pop.time/imap.time on the response, matched
// to the command through *.response_to), and replies counted by code or
// status. tshark 4.0 has no such reports; the table follows its -z style:
//
//   ===================================================================
//   SMTP Statistics
//   -------------------------------------------------------------------
//   Command               Count   Min RT (s)   Avg RT (s)   Max RT (s)
//   EHLO                      2     0.000210     0.000355     0.000500
//   -------------------------------------------------------------------
//   Reply                 Count
//   250                      12
//   ===================================================================
#pragma once

#include <deque>
#include <map>

#include "app/cli/stats/frame_report.hpp"

namespace ms::cli {

class MailCommandStats : public FrameReport {
public:
    enum Protocol { Smtp, Pop, Imap };
    explicit MailCommandStats(Protocol p);

    void wanted_fields(std::vector<FieldId>& out) const override;
    void add_frame(const FrameContext& ctx) override;
    void print(std::string& out) const override;

private:
    struct CommandRow {
        uint64_t count = 0, timed = 0;
        int64_t min_ns = 0, max_ns = 0, sum_ns = 0;
    };
    Protocol proto_;
    FieldId command_, reply_, response_to_, time_;
    std::map<std::string, CommandRow> commands_;
    std::map<std::string, uint64_t> replies_;
    // Commands still waiting for their response, by the frame that sent
    // them; bounded (see kMaxPending) so unanswered commands cannot pile up.
    std::map<uint64_t, std::deque<std::string>> pending_;
    std::size_t pending_count_ = 0;
};

}  // namespace ms::cli
