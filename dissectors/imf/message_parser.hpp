// The streaming message parser: RFC 5322 header blocks and MIME bodies
// (RFC 2045-2049) as a state machine over lines, fed in pieces of any size.
// Lines that might be boundaries are held (bounded); all other body bytes
// stream straight into the open leaf's decoder. The line end before a
// boundary belongs to the boundary, so it is held back until the next line
// shows what it was. Feeding one byte at a time gives the same result as
// one feed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/limits.hpp"
#include "leaf_body.hpp"
#include "message_interest.hpp"
#include "message_model.hpp"
#include "message_summary.hpp"

namespace ms::imf {

class MessageParser {
public:
    explicit MessageParser(const Limits& limits);
    void set_sink(MessageSink* sink) { sink_ = sink; }
    // What the consumer will read: detected file types, kept decoded bodies
    // (data sources), the text of text parts. Call before the first feed().
    void set_needs(bool detect_types, bool keep_bodies, bool text) {
        budgets_.detect_types = detect_types;
        if (!keep_bodies) budgets_.kept_left = 0;
        budgets_.text = text;
    }
    // Which headers to store (nullptr, the default: all). A header not
    // stored still counts against the header budgets as if it were, so the
    // stored ones keep the values and notes of a full parse. The interest
    // must outlive the parser. Call before the first feed().
    void set_interest(const MessageInterest* interest) { interest_ = interest; }
    void feed(std::span<const uint8_t> bytes);
    void finish(bool truncated);

    bool finished() const { return finished_; }
    uint64_t size() const { return pos_; }
    const std::vector<Entity>& entities() const { return entities_; }
    const MessageSummary& summary() const { return summary_; }

private:
    enum class Section : uint8_t { Headers, Body };
    enum class LineMode : uint8_t { Start, Buffer, Stream, Discard };
    struct Frame {
        uint32_t entity;
        std::string boundary;
        bool closed = false;  // after its close delimiter: the epilogue
    };

    uint32_t innermost() const { return open_.back(); }
    void begin_line();
    void switch_to_stream();
    void complete_line(bool discarded);
    void handle_line(std::string_view content, std::string_view eol, bool truncated);
    bool match_boundary(std::string_view content, std::size_t& level, bool& close) const;
    void on_boundary(std::size_t level, bool close, std::string_view content, std::string_view eol);
    void header_line(std::string_view content, std::string_view eol, bool truncated);
    void header_continuation(Entity& e, uint32_t idx, std::string_view content, bool truncated);
    void end_headers(uint64_t body_start);
    void read_structure(Entity& e);
    void begin_leaf(uint32_t idx);
    // Listed in MessageSummary::attachments (a filename, disposition
    // attachment, or a type that is not text).
    static bool is_attachment(const Entity& e);
    bool new_entity(uint32_t parent, bool is_message, uint32_t& out);
    void end_entity(uint32_t idx, uint64_t end);
    void close_down_to(uint32_t idx, uint64_t end);
    void body_content(std::span<const uint8_t> bytes);
    void body_line_end(std::string_view eol, uint64_t eol_offset);
    void body_eol(std::string_view eol);
    void flush_pending_eol();
    void fill_summary(const Entity& root);
    AttachmentInfo part_info(const Entity& e) const;
    void note(uint32_t idx, imf_experts::Expert x, uint64_t off, uint64_t len, std::string text = {});
    void update_boundary_cap();

    Limits limits_;
    MessageSink* sink_ = nullptr;
    std::vector<Entity> entities_;
    std::vector<uint32_t> open_;  // root .. innermost open entity
    std::vector<Frame> stack_;    // open multiparts, outermost first
    Section section_ = Section::Headers;
    bool raw_rest_ = false;       // mime.max_parts reached: nothing more is parsed
    bool finished_ = false;
    uint64_t pos_ = 0;

    LineMode mode_ = LineMode::Start;
    std::string line_;
    uint64_t line_start_ = 0;
    std::size_t header_line_cap_ = 0;
    std::size_t boundary_line_cap_ = 0;
    bool pending_cr_ = false;    // a CR at the end of streamed content
    std::string pending_eol_;    // a body line's end, maybe a boundary's
    uint64_t pending_eol_offset_ = 0;
    uint32_t current_header_ = kNoEntity;  // index in the innermost entity's headers
    bool current_header_stored_ = false;
    // The field being read when it is not stored (see set_interest): only
    // its sizes, for the budgets of its folded lines.
    static constexpr uint32_t kSkippedHeader = kNoEntity - 1;
    struct SkippedHeader {
        uint64_t name_size = 0, value_size = 0, offset = 0, length = 0;
        bool truncated = false, summary = false, structural_name = false;
    } skipped_;
    const MessageInterest* interest_ = nullptr;

    uint64_t header_store_left_ = 0;  // over the whole message
    uint64_t marks_left_ = 0;
    MessageBudgets budgets_;
    LeafBody leaf_;
    uint32_t leaf_entity_ = kNoEntity;
    AttachmentInfo leaf_info_;
    MessageSummary summary_;
};

}  // namespace ms::imf
