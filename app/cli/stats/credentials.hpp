// -z credentials: user names and passwords seen in SMTP AUTH, POP3 USER/PASS
// and IMAP LOGIN, in tshark's layout. A row is printed for the frame that
// carries the password, naming the frame that carried the user name.
//
// Unlike tshark 4.0, which shows SMTP AUTH user names as the base64 the
// client sent, mailscope shows them decoded (smtp.auth.username is decoded).
#pragma once

#include <map>
#include <utility>

#include "app/cli/stats/frame_report.hpp"

namespace ms::cli {

class Credentials : public FrameReport {
public:
    Credentials();
    void wanted_fields(std::vector<FieldId>& out) const override;
    void add_frame(const FrameContext& ctx) override;
    void print(std::string& out) const override;

private:
    struct Proto {
        const char* name;  // column text: "SMTP", "POP3", "IMAP"
        FieldId user, password;
    };
    struct Row {
        uint64_t frame, user_frame;
        std::string protocol, user;
    };
    Proto protos_[3];
    // Last user name per (protocol, tcp.stream): grows with streams only.
    std::map<std::pair<int, int64_t>, std::pair<std::string, uint64_t>> users_;
    std::vector<Row> rows_;
};

}  // namespace ms::cli
