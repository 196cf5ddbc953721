// The message layer's entry point: SMTP (DATA/BDAT), POP3 (RETR/TOP) and
// IMAP (FETCH/APPEND) hand a message's bytes here as they arrive; the
// dissector parses them as a stream (nothing needs the whole message in
// memory), then adds the "Internet Message Format" subtree.
//
//   ms::imf::MessageDissector msg(limits);
//   msg.set_sink(&exporter);          // optional: decoded parts as they stream
//   msg.feed(bytes) ...               // in order, dot-stuffing already removed
//   msg.finish(/*truncated=*/false);
//   msg.add_tree(ctx, parent, src);   // src holds the message bytes at offset 0
#pragma once

#include <cstdint>
#include <span>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/limits.hpp"
#include "message_parser.hpp"
#include "message_summary.hpp"
#include "wire_context.hpp"

namespace ms::imf {

// imf.*, mime_multipart.* fields and their expert items (idempotent).
void register_fields(FieldRegistry& reg);

class MessageDissector {
public:
    explicit MessageDissector(const Limits& limits);

    void set_sink(MessageSink* sink);
    // Skips work nobody will read (default: everything on). detect_types runs
    // libmagic on each leaf part; keep_bodies keeps decoded bodies for data
    // sources; text converts text parts to UTF-8 for the tree (without it,
    // a text part that is not an attachment is not decoded at all unless a
    // sink or the interest reads it). Call before the first feed().
    void set_needs(bool detect_types, bool keep_bodies, bool text = true);
    // What anybody will read of the message (nullptr, the default:
    // everything): headers nobody reads are not stored and structured
    // parses nobody reads are skipped. Must outlive the dissector; call
    // before the first feed().
    void set_interest(const MessageInterest* interest);
    // Message bytes in order, split anywhere: one byte at a time gives the
    // same result as one call.
    void feed(std::span<const uint8_t> bytes);
    // End of the message; truncated = it was cut (gap, connection closed).
    // Feeding after finish() is ignored.
    void finish(bool truncated = false);
    bool finished() const { return parser_.finished(); }

    // Adds the "imf" subtree under parent, its byte ranges at message
    // offsets in data source src (clamped to that source's size). Adds
    // nothing before finish(). May be called again (re-dissection).
    void add_tree(FrameContext& ctx, NodeRef parent, SourceId src) const;
    const MessageSummary& summary() const;
    // What the capture knows about the message (its SMTP session, capture
    // time, an earlier copy): the tree then checks the Received headers
    // against it and notes a duplicate Message-ID. Set before add_tree().
    void set_wire(WireContext wire) { wire_ = std::move(wire); }
    const WireContext& wire() const { return wire_; }
    // The parsed entities (message, parts, encapsulated messages), for tests
    // and exporters that want more than the summary.
    const std::vector<Entity>& entities() const { return parser_.entities(); }

private:
    MessageParser parser_;
    WireContext wire_;
    const MessageInterest* interest_ = nullptr;
};

}  // namespace ms::imf
