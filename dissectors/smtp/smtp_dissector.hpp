// The SMTP stream dissector: feeds the pure parser and turns its events into
// tree nodes, columns and expert items in the frame where each PDU completes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dissectors/core/stream_dissector.hpp"
#include "message_sink.hpp"
#include "session_names.hpp"
#include "smtp_parser.hpp"

namespace ms::smtp {

class SmtpDissector final : public StreamDissector, private SmtpEvents {
public:
    explicit SmtpDissector(std::unique_ptr<MessageSink> sink = nullptr);

    void on_data(FrameContext& ctx, const StreamData& data) override;
    void on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) override;
    void on_end(FrameContext& ctx, Dir dir, EndReason why) override;

    const SmtpParser* parser() const { return parser_ ? &*parser_ : nullptr; }

private:
    // SmtpEvents
    void on_command(const CommandEvent&) override;
    void on_auth_line(const AuthLineEvent&) override;
    void on_reply_line(const ReplyLineEvent&) override;
    void on_message_raw(uint64_t offset, uint64_t length) override;
    void on_message_begin(MessageKind kind, uint64_t offset) override;
    void on_message_data(std::span<const uint8_t> bytes) override;
    void on_message_end(MessageEndReason why, uint64_t eom_offset, uint64_t eom_length,
                        uint64_t message_bytes) override;
    void on_tls_data(Dir dir, uint64_t offset, uint64_t length) override;
    void on_expert(Dir dir, uint64_t offset, uint64_t length, smtp_experts::Expert e,
                   std::string text) override;

    // Tree helpers
    void start(FrameContext& ctx, Dir dir, uint64_t offset, std::span<const uint8_t> bytes,
               int64_t frame_offset);
    NodeRef top();
    // One PDU's pieces of the Info column; nothing is built when no column is shown.
    template <class... Pieces>
    void add_info(const Pieces&... pieces) {
        if (ctx_->want_columns) append_info_piece(ctx_->pinfo, info_started_, pieces...);
    }
    // Where a stream range shows: in the frame when it lies in this delivery,
    // else (for lines) in a "Reassembled SMTP" source built from the text.
    std::optional<ByteRange> frame_range(uint64_t offset, uint64_t length) const;
    ByteRange line_range(const LineView& line);
    ByteRange point(uint64_t offset) const;
    void add_auth_values(NodeRef parent, ByteRange r, AuthStep step, std::string_view b64);
    void add_command_details(NodeRef cl, ByteRange lr, const CommandEvent& c);
    void add_message_lines(NodeRef parent, uint64_t offset, uint64_t length);

    std::unique_ptr<MessageSink> sink_;
    SessionNames names_;  // for the message layer's Received checks
    std::optional<SmtpParser> parser_;

    // The delivery being dissected.
    FrameContext* ctx_ = nullptr;
    uint64_t cur_offset_ = 0;
    std::span<const uint8_t> cur_bytes_;
    int64_t cur_frame_offset_ = -1;

    // Per frame: the smtp node, Info state, the open response node.
    uint64_t node_frame_ = 0;
    NodeRef top_;
    bool have_top_ = false;
    bool info_started_ = false;
    NodeRef reply_node_;
    bool reply_open_ = false;
    bool tls_only_ = true;

    // The message in progress: bounded copy for the "Message" source and
    // the fragment list (Wireshark's DATA fragments).
    struct Fragment {
        uint64_t frame;
        uint64_t payload_offset;
        uint64_t length;
    };
    bool message_open_ = false;
    bool message_chunked_ = false;
    std::vector<uint8_t> message_;
    bool message_overflow_ = false;
    bool message_kept_ = false;
    uint64_t message_size_ = 0;  // unstuffed bytes so far, kept or not
    std::vector<Fragment> fragments_;
    uint64_t fragments_dropped_ = 0;
    uint64_t raw_total_ = 0;
    uint64_t message_cap_ = 0;
};

}  // namespace ms::smtp
