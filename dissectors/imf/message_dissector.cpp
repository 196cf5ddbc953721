#include "message_dissector.hpp"

#include "imf_fields.hpp"
#include "message_tree.hpp"

namespace ms::imf {

void register_fields(FieldRegistry& reg) { register_message_fields(reg); }

MessageDissector::MessageDissector(const Limits& limits) : parser_(limits) {}

void MessageDissector::set_sink(MessageSink* sink) { parser_.set_sink(sink); }

void MessageDissector::set_needs(bool detect_types, bool keep_bodies, bool text) {
    parser_.set_needs(detect_types, keep_bodies, text);
}

void MessageDissector::set_interest(const MessageInterest* interest) {
    interest_ = interest;
    parser_.set_interest(interest);
}

void MessageDissector::feed(std::span<const uint8_t> bytes) { parser_.feed(bytes); }

void MessageDissector::finish(bool truncated) { parser_.finish(truncated); }

void MessageDissector::add_tree(FrameContext& ctx, NodeRef parent, SourceId src) const {
    if (!parser_.finished()) return;
    build_message_tree(ctx, parent, src, parser_.entities(), wire_, interest_);
}

const MessageSummary& MessageDissector::summary() const { return parser_.summary(); }

}  // namespace ms::imf
