// Where a mail transport (SMTP DATA/BDAT, POP3 RETR/TOP, IMAP FETCH/APPEND)
// hands each message it carries on to the message layer (IMF/MIME). Bytes
// come in order, transport framing removed (dot-stuffing, literals), in
// pieces as they arrive; nothing here holds a whole message.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "frame_context.hpp"
#include "stream_dissector.hpp"

namespace ms {

struct CarriedMessageInfo {
    const char* transport = "";  // "smtp", "pop", "imap"
    uint64_t stream_offset = 0;  // where the message starts in its stream
    Dir dir = Dir::ToServer;     // the direction that carried it
    bool chunked = false;        // SMTP BDAT (CHUNKING) rather than DATA
    // SMTP: what the session showed of its two ends, for checking the
    // message's Received headers against the wire ("" / Address::None when
    // not seen). The views are valid during begin() only.
    std::string_view client_helo;  // the HELO/EHLO argument
    std::string_view server_host;  // the name in the EHLO reply, else in the 220 greeting
    Address client_addr;           // the TCP client's address
    // SMTP: the transaction's envelope, as sent (paths without <>).
    std::string_view envelope_from;  // MAIL FROM
    std::string_view envelope_to;    // the RCPT TO paths, ", "-joined
};



class CarriedMessageSink;
class CarriedMessageSink {
public:
    virtual ~CarriedMessageSink() = default;
    // ctx is the frame being dissected when the call is made.
    virtual void begin(FrameContext& ctx, const CarriedMessageInfo& info) = 0;
    virtual void data(FrameContext& ctx, std::span<const uint8_t> bytes) = 0;
    // complete=false when the message was cut (connection closed, gap).
    // The message's tree goes under `parent` in ctx's tree.
    virtual void end(FrameContext& ctx, NodeRef parent, bool complete) = 0;
};

// A transport's dissectors ask this for a sink per connection; null = no
// message layer linked (the transport then shows the bytes only).
using CarriedMessageSinkFactory = std::unique_ptr<CarriedMessageSink> (*)();

}  // namespace ms
