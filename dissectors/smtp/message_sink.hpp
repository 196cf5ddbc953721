// Where the SMTP dissector hands each message (DATA or BDAT) on: the message
// layer (IMF/MIME) implements this. Bytes come in order, dot-stuffing
// removed, in pieces as they arrive; nothing here holds a whole message.
#pragma once

#include <cstdint>
#include <span>

#include "dissectors/core/frame_context.hpp"

namespace ms::smtp {

struct MessageInfo {
    bool chunked = false;       // BDAT (CHUNKING) rather than DATA
    uint64_t stream_offset = 0; // where the message starts in the client stream
};

class MessageSink {
public:
    virtual ~MessageSink() = default;
    // ctx is the frame being dissected when the call is made.
    virtual void begin(FrameContext& ctx, const MessageInfo& info) = 0;
    virtual void data(FrameContext& ctx, std::span<const uint8_t> bytes) = 0;
    // complete=false when the message was cut (connection closed, gap).
    virtual void end(FrameContext& ctx, bool complete) = 0;
};

}  // namespace ms::smtp
