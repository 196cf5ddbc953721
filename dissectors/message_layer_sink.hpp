// The bridge between the transports (SMTP, POP3, IMAP) and the message
// layer: each carried message is parsed by an imf::MessageDissector as it
// streams, and its tree is added to the frame where the message ends, with
// the message bytes as a data source when they are small enough to keep.
#pragma once

#include <memory>

#include "dissectors/core/message_sink.hpp"
#include "dissectors/imf/message_dissector.hpp"

namespace ms {

// Watches whole messages as they stream: export objects, -z mail,messages,
// the GUI's Messages panel. Set in FrameContext::message_observer.
class MessageObserver {
public:
    virtual ~MessageObserver() = default;
    virtual void on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {}
    virtual void on_data(std::span<const uint8_t> bytes) {}
    virtual void on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) {}
    // Decoded leaf parts of the message being parsed (attachments).
    virtual imf::MessageSink* part_sink() { return nullptr; }
};

// The factory every transport is given (see register_mail.cpp).
std::unique_ptr<CarriedMessageSink> make_message_layer_sink();

}  // namespace ms
