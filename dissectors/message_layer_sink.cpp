#include "dissectors/message_layer_sink.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dissectors/imf/message_id_registry.hpp"

namespace ms {

namespace {

// Messages up to this size keep their bytes for the "Message" data source
// (hex view, -x); larger ones are parsed as they stream and shown without it.
constexpr std::size_t kKeepBytes = 4u << 20;

// Names each message for the observers (unique in the process).
std::atomic<uint64_t> g_next_message_key{1};

class MessageLayerSink final : public CarriedMessageSink {
public:
    void begin(FrameContext& ctx, const CarriedMessageInfo& info) override {
        static const Limits defaults;
        info_ = info;
        msg_.reset();
        imf::MessageIdRegistry::of_this_thread().note_frame(ctx.pinfo.number);
        smtp_.reset();
        if (std::string_view(info.transport) == "smtp") {
            smtp_.emplace();
            smtp_->client_helo.assign(info.client_helo);
            smtp_->server_host.assign(info.server_host);
            if (info.client_addr.kind != Address::None) smtp_->client_ip = info.client_addr.to_string();
        }
        // Nobody reads messages: skip parsing them altogether (-T fields of
        // transport fields, filters on transport fields).
        static const FieldId imf = FieldRegistry::global().find("imf");
        static const FieldId mime = FieldRegistry::global().find("mime_multipart");
        // The summary's Info shows the message's From and Subject, so a
        // printed summary needs the parse too.
        if (!ctx.want_columns && !ctx.tree.wants_protocol(imf) && !ctx.tree.wants_protocol(mime) &&
            !ctx.message_observer)
            return;
        msg_ = std::make_unique<imf::MessageDissector>(ctx.limits ? *ctx.limits : defaults);
        wants_tree_ = ctx.tree.wants_protocol(imf) || ctx.tree.wants_protocol(mime);
        // The Message-ID duplicate check is read by the tree, by expert
        // reports and by observers (-z mail,messages); not by a summary line.
        record_ids_ = wants_tree_ || ctx.want_experts || ctx.message_observer;
        // Without labels, expert reports or observers, only the wanted
        // fields are read: headers nobody reads are not stored nor taken
        // apart, and the body is skipped when no wanted field comes from it.
        const imf::MessageInterest* interest = nullptr;
        if (!ctx.tree.wants_labels() && !ctx.want_experts && !ctx.message_observer) {
            interest_ = std::make_unique<imf::MessageInterest>(wants_tree_ ? imf::MessageInterest::for_fields(ctx.tree)
                                                                           : imf::MessageInterest::summary_only(record_ids_));
            interest = interest_.get();
            msg_->set_interest(interest);
        }
        const auto needs = ctx.message_observer ? ctx.message_observer->needs() : MessageObserver::Needs::Headers;
        // Only the summary line reads the message (its From and Subject), or
        // only header fields are wanted: the header block is enough.
        headers_only_ = (!wants_tree_ || (interest && !interest->needs_body())) &&
                        needs != MessageObserver::Needs::Everything;
        // Only an observer of the bytes (--export-objects imf -q): no parse.
        bytes_only_ = headers_only_ && !ctx.want_columns && needs == MessageObserver::Needs::Bytes;
        header_done_ = false;
        at_line_start_ = true;
        bytes_.clear();
        keep_ = ctx.tree.wants_labels();
        observer_ = ctx.message_observer;
        static const FieldId detected = FieldRegistry::global().find("imf.body.detected_type");
        imf::MessageSink* parts = nullptr;
        if (observer_) {
            key_ = g_next_message_key.fetch_add(1, std::memory_order_relaxed);
            observer_->on_message_begin(key_, ctx, info);
            parts = observer_->message_part_sink(key_);
            msg_->set_sink(parts);
        }
        // Text parts' text is read by the imf tree only (not by the GUI's
        // loading pass, which lists messages and attachments).
        msg_->set_needs(keep_ || ctx.tree.wants(detected) || parts, keep_, wants_tree_);
    }

    void data(FrameContext&, std::span<const uint8_t> bytes) override {
        if (!msg_) return;
        if (headers_only_) {
            if (!header_done_ && !bytes_only_) msg_->feed(bytes.first(header_block_end(bytes)));
            if (observer_) observer_->on_message_data(key_, bytes);
            return;
        }
        msg_->feed(bytes);
        if (keep_) {
            if (bytes_.size() + bytes.size() <= kKeepBytes) bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
            else keep_ = false, bytes_.clear(), bytes_.shrink_to_fit();
        }
        if (observer_) observer_->on_message_data(key_, bytes);
    }

    void end(FrameContext& ctx, NodeRef, bool complete) override {
        if (!msg_) return;
        msg_->finish(!complete && !headers_only_);
        msg_->set_wire(wire_context(ctx));
        if (wants_tree_) {
            // The message is a top-level protocol of the frame, as in Wireshark.
            SourceId src = ctx.add_source("Message (" + std::to_string(msg_->summary().size) + " bytes)",
                                          keep_ ? std::span<const uint8_t>(bytes_) : std::span<const uint8_t>());
            msg_->add_tree(ctx, ctx.tree.root(), src);
        }
        PacketInfo& pi = ctx.pinfo;
        if (pi.protocol.find("/IMF") == std::string::npos) pi.protocol += "/IMF";
        const auto& sum = msg_->summary();
        // Like Wireshark, the message's summary replaces the transport's
        // Info; the subject is shown decoded (Wireshark shows RFC 2047 raw).
        pi.info = "from: " + sum.from + ", subject: " + sum.subject;
        if (observer_) observer_->on_message_end(key_, ctx, *msg_, complete);
        msg_.reset();
        interest_.reset();
        bytes_.clear();
        if (bytes_.capacity() > (1u << 20)) bytes_.shrink_to_fit();
    }

private:
    // The capture's view of the message that just ended; records its
    // Message-ID for later messages.
    imf::WireContext wire_context(const FrameContext& ctx) {
        imf::WireContext w;
        w.known = true;
        w.frame_ts_ns = ctx.pinfo.ts_ns;
        w.smtp = smtp_;
        // A pass that dissects conversations on several threads checks
        // the Message-IDs itself, in frame order (imf/deferred_id_check.hpp).
        if (!record_ids_ || ctx.defer_message_id_check) return w;
        imf::MessageIdRegistry::of_this_thread().check(imf::message_id_key(msg_->summary().message_id),
                                                       ctx.pinfo.number, w);
        return w;
    }

    // How many of `bytes` belong to the header block (up to and including
    // the empty line that ends it); sets header_done_ when it ends here.
    std::size_t header_block_end(std::span<const uint8_t> bytes) {
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            uint8_t c = bytes[i];
            if (c == '\n') {
                if (at_line_start_) {
                    header_done_ = true;
                    return i + 1;
                }
                at_line_start_ = true;
            } else if (!(c == '\r' && at_line_start_)) {
                at_line_start_ = false;
            }
        }
        return bytes.size();
    }

    CarriedMessageInfo info_;
    bool wants_tree_ = false, headers_only_ = false, bytes_only_ = false, header_done_ = false, at_line_start_ = true;
    bool record_ids_ = true;
    // Both exist only while a message is being carried: a connection
    // waiting between messages (or never closed) costs a few bytes.
    std::unique_ptr<imf::MessageInterest> interest_;  // read by msg_: outlives it
    std::unique_ptr<imf::MessageDissector> msg_;
    std::vector<uint8_t> bytes_;
    bool keep_ = false;
    MessageObserver* observer_ = nullptr;
    uint64_t key_ = 0;
    std::optional<imf::SmtpEnds> smtp_;
};

}  // namespace

std::unique_ptr<CarriedMessageSink> make_message_layer_sink() { return std::make_unique<MessageLayerSink>(); }

}  // namespace ms
