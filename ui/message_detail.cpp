#include "ui/message_detail.hpp"

#include <memory>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/imf/imf_fields.hpp"
#include "dissectors/imf/received_checks.hpp"
#include "dissectors/message_layer_sink.hpp"
#include "dissectors/mime/charset_converter.hpp"
#include "dissectors/mime/text_util.hpp"
#include "ui/html_to_text.hpp"

namespace ms::ui {

namespace {

using ms::mime::iequals;

// The readable text of the message, collected from the decoded bytes as
// they stream through the part sink: the message layer converts text to
// UTF-8 only for the imf tree, which this walk does not build.
class BodyCollector final : public imf::MessageSink {
public:
    BodyCollector(BodyText& plain, BodyText& html) : plain_(plain), html_(html) {}

    void on_part_begin(const imf::AttachmentInfo& info) override {
        active_ = nullptr;
        // A text file sent as an attachment is not the body.
        if (iequals(info.disposition, "attachment")) return;
        if (!plain_.present && iequals(info.declared_type, "text/plain")) active_ = &plain_;
        else if (!html_.present && iequals(info.declared_type, "text/html")) active_ = &html_;
        if (!active_) return;
        active_->present = true;
        active_->part = info.path;
        converter_.open(info.charset);
        if (active_ == &html_) sanitizer_ = std::make_unique<HtmlToText>(kMaxBodyText);
    }

    void on_part_data(std::span<const uint8_t> bytes) override {
        if (!active_) return;
        if (active_ == &plain_) {
            converter_.feed(bytes, plain_.text, kMaxBodyText);
            // The converter stops short of the cap by less than a character.
            if (plain_.text.size() + 4 > kMaxBodyText) plain_.truncated = true;
            return;
        }
        if (sanitizer_->truncated()) return;
        chunk_.clear();
        converter_.feed(bytes, chunk_, SIZE_MAX);
        sanitizer_->feed(chunk_);
    }

    void on_part_end(const imf::AttachmentInfo&) override {
        if (!active_) return;
        if (active_ == &plain_) {
            converter_.finish(plain_.text, kMaxBodyText);
        } else {
            chunk_.clear();
            converter_.finish(chunk_, SIZE_MAX);
            sanitizer_->feed(chunk_);
            html_.text = sanitizer_->finish();
            html_.truncated = sanitizer_->truncated();
            sanitizer_.reset();
        }
        chunk_.clear();
        chunk_.shrink_to_fit();
        active_ = nullptr;
    }

private:
    BodyText& plain_;
    BodyText& html_;
    BodyText* active_ = nullptr;
    ms::mime::CharsetConverter converter_;
    std::unique_ptr<HtmlToText> sanitizer_;
    std::string chunk_;  // one piece of HTML converted to UTF-8 (a few times the piece at most)
};

std::vector<MimeEntityInfo> mime_tree(const std::vector<imf::Entity>& entities) {
    std::vector<MimeEntityInfo> out;
    out.reserve(entities.size());
    for (const auto& e : entities) {
        MimeEntityInfo m;
        m.parent = e.parent == imf::kNoEntity ? -1 : int(e.parent);
        m.depth = e.depth;
        m.path = e.path;
        m.type = e.content_type.value;
        m.charset = e.charset;
        m.encoding = e.encoding == ms::mime::TransferEncoding::Unknown
                         ? e.encoding_text
                         : std::string(ms::mime::transfer_encoding_name(e.encoding));
        m.filename = e.filename;
        m.disposition = e.disposition.value;
        m.leaf = e.kind == imf::EntityKind::Leaf;
        m.is_message = e.is_message;
        m.decoded_size = e.decoded_size;
        out.push_back(std::move(m));
    }
    return out;
}

// The root message's Received headers as hops, with the capture's checks
// attached where message_tree.cpp's add_received_path puts them.
std::vector<ReceivedHop> received_path(const imf::MessageDissector& msg) {
    std::vector<ReceivedHop> hops;
    const auto& entities = msg.entities();
    if (entities.empty()) return hops;
    std::vector<imf::ReceivedInfo> infos;  // header order: topmost first
    for (const auto& h : entities.front().headers)
        if (iequals(h.name, "received")) infos.push_back(imf::parse_received(h.value));
    if (infos.empty()) return hops;
    const auto findings = imf::check_received(infos, msg.wire());
    const auto& registry = FieldRegistry::global();
    hops.reserve(infos.size());
    std::optional<int64_t> prev;
    for (std::size_t n = 0; n < infos.size(); ++n) {
        const std::size_t header_index = infos.size() - 1 - n;
        ReceivedHop hop;
        hop.number = uint32_t(n + 1);
        hop.info = std::move(infos[header_index]);
        if (hop.info.date_ns && prev) {
            hop.since_previous_ns = *hop.info.date_ns - *prev;
            // The tree's imf.received.backwards, on the same hop.
            if (*hop.since_previous_ns < 0)
                hop.findings.push_back({"Received date earlier than the previous hop's", true});
        }
        if (hop.info.date_ns) prev = hop.info.date_ns;
        for (const auto& f : findings) {
            if (f.header_index != header_index) continue;
            const ExpertDef* def = registry.expert(imf_experts::id(f.expert));
            const bool warn = def && def->severity >= Severity::Warn;
            hop.findings.push_back({f.text.empty() && def ? std::string(def->summary) : f.text, warn});
        }
        hops.push_back(std::move(hop));
    }
    return hops;
}

// Hands the collector to the wanted message only and reads the rest of it
// when it ends. Keyed: messages of different connections interleave.
class OneMessage final : public MessageObserver {
public:
    OneMessage(uint64_t ordinal, MessageDetail& out)
        : ordinal_(ordinal), out_(out), body_(out.plain, out.html) {}

    void on_message_begin(uint64_t key, const FrameContext&, const CarriedMessageInfo&) override {
        if (next_++ == ordinal_) key_ = key, found_ = true;
    }
    imf::MessageSink* message_part_sink(uint64_t key) override { return found_ && key == key_ ? &body_ : nullptr; }
    void on_message_end(uint64_t key, const FrameContext&, const imf::MessageDissector& msg, bool complete) override {
        if (!found_ || key != key_ || done_) return;
        out_.mime = mime_tree(msg.entities());
        out_.received = received_path(msg);
        out_.complete = complete && !msg.summary().truncated;
        done_ = true;
    }
    bool done() const { return done_; }

private:
    uint64_t ordinal_, next_ = 0, key_ = 0;
    bool found_ = false, done_ = false;
    MessageDetail& out_;
    BodyCollector body_;
};

}  // namespace

bool read_message_detail(const std::string& path, uint64_t ordinal, MessageDetail& out, std::string& error,
                         const WalkControl& control) {
    out = MessageDetail{};
    CaptureWalk walk;
    if (!walk.open(path, error)) return false;
    OneMessage observer(ordinal, out);
    walk.ctx().message_observer = &observer;
    walk.ctx().tree.keep_only({});
    while (!observer.done() && walk.next()) {
        if (control.should_stop(walk)) {
            error = "cancelled";
            out = MessageDetail{};
            return false;
        }
    }
    // A message the capture cut ends when its stream is flushed.
    if (!observer.done()) walk.finish();
    if (!observer.done()) {
        error = walk.error().empty() ? "message " + std::to_string(ordinal) + " was not found in the capture"
                                     : walk.error();
        return false;
    }
    return true;
}

}  // namespace ms::ui
