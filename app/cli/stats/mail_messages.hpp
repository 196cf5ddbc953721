// -z mail,messages: one line per carried message: the TCP stream and the
// transport, the SMTP envelope of that stream (its last MAIL FROM and the
// RCPT TOs that followed, where the capture has them), the From, To,
// decoded Subject and Date headers, the size, attachment and Received-hop
// counts, and the frame of an earlier message with the same Message-ID.
// The layout follows tshark's -z reports ("=" rules, a title line).
#pragma once

#include <map>
#include <unordered_map>

#include "app/cli/stats/frame_report.hpp"
#include "dissectors/message_layer_sink.hpp"

namespace ms::cli {

class MailMessages : public FrameReport, public MessageObserver {
public:
    MailMessages();
    void wanted_fields(std::vector<FieldId>& out) const override;
    void add_frame(const FrameContext& ctx) override;
    void print(std::string& out) const override;

    // Messages of different streams interleave: rows are kept by message key.
    void on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) override;
    void on_message_end(uint64_t key, const FrameContext& ctx, const imf::MessageDissector& msg,
                        bool complete) override;

private:
    struct Envelope {
        std::string from;
        std::vector<std::string> to;
    };
    struct Row {
        uint64_t frame = 0;
        int64_t stream = -1;
        std::string transport, env_from, env_to, from, to, subject, date;
        uint64_t size = 0;
        std::size_t attachments = 0, hops = 0;
        uint64_t duplicate_of = 0;  // frame of an earlier message with the same Message-ID
        bool complete = true;
    };
    void read_envelope(const FrameContext& ctx);

    FieldId reverse_path_, forward_path_;
    std::map<int64_t, Envelope> envelopes_;  // by tcp.stream
    std::unordered_map<uint64_t, Row> open_;  // messages begun, not yet ended
    std::vector<Row> rows_;
};

}  // namespace ms::cli
