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
//
// Messages of different connections interleave (a thousand SMTP sessions
// may each be inside DATA at once), so the sink calls the keyed on_message_*
// functions: `key` names one message from begin to end, unique in the
// process. By default they forward to the unkeyed ones, which suit an
// observer that keys by ctx.pinfo.tcp_stream itself.
class MessageObserver {
public:
    virtual ~MessageObserver() = default;
    virtual void on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {}
    virtual void on_data(std::span<const uint8_t> bytes) {}
    virtual void on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) {}
    // Decoded leaf parts of the message being parsed (attachments).
    virtual imf::MessageSink* part_sink() { return nullptr; }

    virtual void on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) {
        on_begin(ctx, info);
    }
    virtual void on_message_data(uint64_t key, std::span<const uint8_t> bytes) { on_data(bytes); }
    virtual void on_message_end(uint64_t key, const FrameContext& ctx, const imf::MessageDissector& msg,
                                bool complete) {
        on_end(ctx, msg, complete);
    }
    // Asked once per message, after on_message_begin.
    virtual imf::MessageSink* message_part_sink(uint64_t key) { return part_sink(); }

    // How much of each message the observer reads at on_message_end, when
    // nobody else reads the message: Bytes, nothing is parsed (the summary
    // and the Message-ID duplicate check are skipped); Headers, only up to
    // the end of the header block (the summary's From, Subject, Message-ID;
    // not its size, parts or attachments). The bytes always reach
    // on_message_data.
    enum class Needs { Bytes, Headers, Everything };
    virtual Needs needs() const { return Needs::Everything; }
};

// The factory every transport is given (see register_mail.cpp).
std::unique_ptr<CarriedMessageSink> make_message_layer_sink();

}  // namespace ms
