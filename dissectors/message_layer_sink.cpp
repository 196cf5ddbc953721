#include "dissectors/message_layer_sink.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ms {

namespace {

// Messages up to this size keep their bytes for the "Message" data source
// (hex view, -x); larger ones are parsed as they stream and shown without it.
constexpr std::size_t kKeepBytes = 4u << 20;

class MessageLayerSink final : public CarriedMessageSink {
public:
    void begin(FrameContext& ctx, const CarriedMessageInfo& info) override {
        static const Limits defaults;
        info_ = info;
        msg_.reset();
        // Nobody reads messages: skip parsing them altogether (-T fields of
        // transport fields, filters on transport fields).
        static const FieldId imf = FieldRegistry::global().find("imf");
        static const FieldId mime = FieldRegistry::global().find("mime_multipart");
        // The summary's Info shows the message's From and Subject, so a
        // printed summary needs the parse too.
        if (!ctx.want_columns && !ctx.tree.wants_protocol(imf) && !ctx.tree.wants_protocol(mime) &&
            !ctx.message_observer)
            return;
        msg_.emplace(ctx.limits ? *ctx.limits : defaults);
        // Only the summary line reads the message (its From and Subject):
        // the header block is enough, the body is skipped.
        wants_tree_ = ctx.tree.wants_protocol(imf) || ctx.tree.wants_protocol(mime);
        headers_only_ = !wants_tree_ && !ctx.message_observer;
        header_done_ = false;
        at_line_start_ = true;
        bytes_.clear();
        keep_ = ctx.tree.wants_labels();
        observer_ = ctx.message_observer;
        static const FieldId detected = FieldRegistry::global().find("imf.body.detected_type");
        bool types = keep_ || ctx.tree.wants(detected) || (observer_ && observer_->part_sink());
        msg_->set_needs(types, keep_);
        if (observer_) {
            observer_->on_begin(ctx, info);
            msg_->set_sink(observer_->part_sink());
        }
    }

    void data(FrameContext&, std::span<const uint8_t> bytes) override {
        if (!msg_) return;
        if (headers_only_) {
            if (header_done_) return;
            std::size_t end = header_block_end(bytes);
            msg_->feed(bytes.first(end));
            return;
        }
        msg_->feed(bytes);
        if (keep_) {
            if (bytes_.size() + bytes.size() <= kKeepBytes) bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
            else keep_ = false, bytes_.clear(), bytes_.shrink_to_fit();
        }
        if (observer_) observer_->on_data(bytes);
    }

    void end(FrameContext& ctx, NodeRef, bool complete) override {
        if (!msg_) return;
        msg_->finish(!complete && !headers_only_);
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
        if (observer_) observer_->on_end(ctx, *msg_, complete);
        msg_.reset();
        bytes_.clear();
        if (bytes_.capacity() > (1u << 20)) bytes_.shrink_to_fit();
    }

private:
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
    bool wants_tree_ = false, headers_only_ = false, header_done_ = false, at_line_start_ = true;
    std::optional<imf::MessageDissector> msg_;
    std::vector<uint8_t> bytes_;
    bool keep_ = false;
    MessageObserver* observer_ = nullptr;
};

}  // namespace

std::unique_ptr<CarriedMessageSink> make_message_layer_sink() { return std::make_unique<MessageLayerSink>(); }

}  // namespace ms
