// Turns what the parser kept into the protocol tree: the "Internet Message
// Format" node with its header fields taken apart, the "MIME Multipart Media
// Encapsulation" node with each part, and each leaf's decoded body. Byte
// ranges are message offsets in the caller's data source.
#pragma once

#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "message_interest.hpp"
#include "message_model.hpp"
#include "wire_context.hpp"

namespace ms::imf {

// `wire`: what the capture knows about the message (Received checks and
// duplicate notes of the root message; nothing when !wire.known).
// `interest`: which structured parses anybody reads (nullptr: all).
void build_message_tree(FrameContext& ctx, NodeRef parent, SourceId src, const std::vector<Entity>& entities,
                        const WireContext& wire = {}, const MessageInterest* interest = nullptr);

}  // namespace ms::imf
