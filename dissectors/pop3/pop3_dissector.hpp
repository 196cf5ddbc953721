// The POP3 stream dissector: feeds the pure parser and turns its events into
// tree nodes, columns and expert items in the frame where each line completes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dissectors/core/message_sink.hpp"
#include "dissectors/core/stream_dissector.hpp"
#include "pop3_parser.hpp"

namespace ms::pop3 {

class Pop3Dissector final : public StreamDissector, private Pop3Events {
public:
    explicit Pop3Dissector(std::unique_ptr<CarriedMessageSink> sink = nullptr);

    void on_data(FrameContext& ctx, const StreamData& data) override;
    void on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) override;
    void on_end(FrameContext& ctx, Dir dir, EndReason why) override;

    const Pop3Parser* parser() const { return parser_ ? &*parser_ : nullptr; }

private:
    // Pop3Events
    void on_request(const RequestEvent&) override;
    void on_sasl_line(const SaslLineEvent&) override;
    void on_challenge(const ChallengeEvent&) override;
    void on_response(const ResponseEvent&) override;
    void on_listing_line(const ListingLineEvent&) override;
    void on_message_begin(Command request, uint64_t msg, uint64_t offset) override;
    void on_message_raw(uint64_t offset, uint64_t length) override;
    void on_message_data(std::span<const uint8_t> bytes) override;
    void on_message_end(const MessageEnd&) override;
    void on_raw(Dir dir, uint64_t offset, uint64_t length, RawKind kind) override;
    void on_expert(Dir dir, uint64_t offset, uint64_t length, pop3_experts::Expert e, std::string text) override;

    // Tree helpers
    void start(FrameContext& ctx, uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset);
    NodeRef top();
    // One PDU's pieces of the Info column; nothing is built when no column is shown.
    template <class... Pieces>
    void add_info(const Pieces&... pieces) {
        if (ctx_->want_columns) append_info_piece(ctx_->pinfo, info_started_, pieces...);
    }
    // Where a stream range shows: in the frame when it lies in this delivery,
    // else (for lines) in a "Reassembled POP" source built from the text.
    std::optional<ByteRange> frame_range(uint64_t offset, uint64_t length) const;
    ByteRange line_range(const LineView& line);
    ByteRange point(uint64_t offset) const;
    NodeRef add_line_node(NodeRef parent, FieldId f, const LineView& line, ByteRange lr);
    void add_sasl_values(NodeRef parent, ByteRange r, AuthStep step, std::string_view b64);

    std::unique_ptr<CarriedMessageSink> sink_;
    std::optional<Pop3Parser> parser_;

    // The delivery being dissected.
    FrameContext* ctx_ = nullptr;
    uint64_t cur_offset_ = 0;
    std::span<const uint8_t> cur_bytes_;
    int64_t cur_frame_offset_ = -1;

    // Per frame: the pop node, Info state, the raw-data node.
    uint64_t node_frame_ = 0;
    NodeRef top_;
    bool have_top_ = false;
    bool info_started_ = false;
    NodeRef raw_node_;
    bool have_raw_node_ = false;
    RawKind raw_kind_ = RawKind::Tls;
    uint64_t raw_bytes_ = 0;

    // The RETR/TOP content in progress: a bounded copy for the "Message"
    // source and the frames that carried it.
    struct Fragment {
        uint64_t frame;
        uint64_t payload_offset;
        uint64_t length;
    };
    bool message_open_ = false;
    std::vector<uint8_t> message_;
    bool message_overflow_ = false;
    std::vector<Fragment> fragments_;
    uint64_t fragments_dropped_ = 0;
    uint64_t raw_total_ = 0;
    uint64_t message_cap_ = 0;
};

}  // namespace ms::pop3
