// Turns what the parser kept into the protocol tree: the "Internet Message
// Format" node with its header fields taken apart, the "MIME Multipart Media
// Encapsulation" node with each part, and each leaf's decoded body. Byte
// ranges are message offsets in the caller's data source.
#pragma once

#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "message_model.hpp"

namespace ms::imf {

void build_message_tree(FrameContext& ctx, NodeRef parent, SourceId src, const std::vector<Entity>& entities);

}  // namespace ms::imf
