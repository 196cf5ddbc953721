// The IMAP stream dissector: feeds the pure parser and turns its events into
// tree nodes, columns and expert items in the frame where each line
// completes; hands carried messages to the message layer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dissectors/core/message_sink.hpp"
#include "dissectors/core/stream_dissector.hpp"
#include "imap_parser.hpp"
#include "imap_protocol.hpp"

namespace ms::imap {

class ImapDissector final : public StreamDissector, private ImapEvents {
public:
    explicit ImapDissector(SinkFactory factory = nullptr);

    void on_data(FrameContext& ctx, const StreamData& data) override;
    void on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) override;
    void on_end(FrameContext& ctx, Dir dir, EndReason why) override;

    const ImapParser* parser() const { return parser_ ? &*parser_ : nullptr; }

private:
    // ImapEvents
    void on_input(Dir dir, uint64_t offset, std::span<const uint8_t> bytes, bool inflated) override;
    void on_compressed(Dir dir, uint64_t offset, uint64_t length, uint64_t inflated) override;
    void on_segment(const SegmentEvent&) override;
    void on_sasl(const SaslEvent&) override;
    void on_idle_done(const LineInfo&) override;
    void on_other_line(const LineInfo&) override;
    void on_literal_begin(Dir dir, uint64_t offset, uint64_t size, bool message) override;
    void on_literal_data(Dir dir, const RawRun& run, bool message) override;
    void on_literal_end(Dir dir, uint64_t size, uint64_t received, bool complete, bool message) override;
    void on_opaque(Dir dir, OpaqueKind kind, uint64_t offset, uint64_t length, std::size_t input_pos) override;
    void on_expert(Dir dir, uint64_t offset, uint64_t length, imap_experts::Expert e, std::string text) override;

    void start(FrameContext& ctx, uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset);
    NodeRef top(Dir dir);
    // The line's node; `lr` gets its range (even when the tree skips the node).
    NodeRef add_line(Dir dir, const LineInfo& li, ByteRange& lr);
    void set_info(Dir dir, std::string_view text, bool tagged);
    ByteRange line_range(const LineInfo& li);
    // A range in the bytes being framed now, if it lies there.
    std::optional<ByteRange> input_range(uint64_t offset, uint64_t length) const;
    // A range in the captured (plain) bytes of this delivery.
    std::optional<ByteRange> plain_range(uint64_t offset, uint64_t length) const;
    ByteRange point() const;
    CarriedMessageSink* sink(Dir dir);

    SinkFactory factory_;
    std::unique_ptr<CarriedMessageSink> sinks_[2];
    bool sink_open_[2] = {false, false};
    std::optional<ImapParser> parser_;

    FrameContext* ctx_ = nullptr;
    // The delivery being dissected (plain stream bytes).
    uint64_t plain_offset_ = 0;
    std::span<const uint8_t> plain_bytes_;
    int64_t frame_offset_ = -1;
    // The bytes the parser frames now: the delivery, or its inflated form.
    SourceId in_source_ = kFrameSource;
    int64_t in_base_ = -1;  // position of the input's first byte in in_source_, -1 unknown
    uint64_t in_offset_ = 0;
    std::size_t in_length_ = 0;

    // Per frame
    uint64_t node_frame_ = 0;
    NodeRef top_;
    bool have_top_ = false;
    NodeRef line_;
    bool have_line_ = false;
    bool info_set_ = false;
    bool info_tagged_ = false;
    bool opaque_only_ = true;
};

}  // namespace ms::imap
