#include "ui/attachment_extractor.hpp"

#include "dissectors/message_layer_sink.hpp"
#include "ui/capture_walk.hpp"

namespace ms::ui {

namespace {

class PartCapture final : public imf::MessageSink {
public:
    PartCapture(std::string path, std::vector<uint8_t>& out, uint64_t max) : path_(std::move(path)), out_(out), max_(max) {}
    void on_part_begin(const imf::AttachmentInfo& info) override { active_ = !found_ && info.path == path_; }
    void on_part_data(std::span<const uint8_t> bytes) override {
        if (!active_) return;
        if (out_.size() + bytes.size() > max_) {
            too_big_ = true;
            active_ = false;
            return;
        }
        out_.insert(out_.end(), bytes.begin(), bytes.end());
    }
    void on_part_end(const imf::AttachmentInfo&) override {
        if (active_) found_ = true;
        active_ = false;
    }
    bool found() const { return found_; }
    bool too_big() const { return too_big_; }

private:
    std::string path_;
    std::vector<uint8_t>& out_;
    uint64_t max_;
    bool active_ = false, found_ = false, too_big_ = false;
};

// Hands the capturing sink to the wanted message only.
class OneMessage final : public MessageObserver {
public:
    OneMessage(uint64_t ordinal, PartCapture& capture) : ordinal_(ordinal), capture_(capture) {}
    void on_begin(const FrameContext&, const CarriedMessageInfo&) override { current_ = next_++; }
    imf::MessageSink* part_sink() override { return current_ == ordinal_ ? &capture_ : nullptr; }
    void on_end(const FrameContext&, const imf::MessageDissector&, bool) override {
        // Messages interleave only across connections; the wanted one is
        // done once its part was seen or its own end passed.
        if (capture_.found()) done_ = true;
    }
    bool done() const { return done_; }

private:
    uint64_t ordinal_, next_ = 0, current_ = UINT64_MAX;
    PartCapture& capture_;
    bool done_ = false;
};

}  // namespace

bool extract_attachment(const std::string& path, uint64_t ordinal, const std::string& part_path,
                        std::vector<uint8_t>& out, std::string& error, uint64_t max_bytes, const WalkControl& control) {
    out.clear();
    CaptureWalk walk;
    if (!walk.open(path, error)) return false;
    PartCapture capture(part_path, out, max_bytes);
    OneMessage observer(ordinal, capture);
    walk.ctx().message_observer = &observer;
    walk.ctx().tree.keep_only({});
    while (!observer.done() && walk.next()) {
        if (control.should_stop(walk)) {
            error = "cancelled";
            out.clear();
            return false;
        }
    }
    if (!observer.done()) walk.finish();
    if (capture.too_big()) {
        error = "the attachment is larger than " + std::to_string(max_bytes) + " bytes";
        return false;
    }
    if (!capture.found()) {
        error = walk.error().empty() ? "attachment " + part_path + " was not found in the capture" : walk.error();
        return false;
    }
    return true;
}

}  // namespace ms::ui
