#include "ui/message_text_search.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "dissectors/imf/encoded_word.hpp"
#include "dissectors/message_layer_sink.hpp"
#include "dissectors/mime/charset_converter.hpp"
#include "dissectors/mime/text_util.hpp"
#include "ui/text_matcher.hpp"

namespace ms::ui {

namespace {

bool is_text_type(std::string_view type) {
    return type.size() >= 5 && ms::mime::to_lower(type.substr(0, 5)) == "text/";
}

// The decoded bodies of one message's text parts, converted to UTF-8 and
// fed to its matcher; other parts (images, archives) are passed over.
class BodySearch final : public imf::MessageSink {
public:
    explicit BodySearch(std::unique_ptr<TextMatcher> matcher) : matcher_(std::move(matcher)) {}

    void on_part_begin(const imf::AttachmentInfo& info) override {
        active_ = !matcher_->settled() && is_text_type(info.declared_type);
        if (!active_) return;
        converter_.open(info.charset);
        matcher_->reset();
    }
    void on_part_data(std::span<const uint8_t> bytes) override {
        if (!active_) return;
        if (matcher_->settled()) {  // the snippet is complete: stop converting
            active_ = false;
            return;
        }
        utf8_.clear();
        // No charset takes more than 4 UTF-8 bytes per input byte (invalid
        // bytes become a 3-byte U+FFFD), so nothing is cut.
        converter_.feed(bytes, utf8_, bytes.size() * 4 + 16);
        matcher_->feed(utf8_);
    }
    void on_part_end(const imf::AttachmentInfo&) override {
        if (!active_) return;
        utf8_.clear();
        converter_.finish(utf8_, 64);
        matcher_->feed(utf8_);
        matcher_->end();
        active_ = false;
        if (utf8_.capacity() > 64 * 1024) utf8_ = std::string();  // a huge chunk does not stay
    }

    const TextMatcher& matcher() const { return *matcher_; }

private:
    std::unique_ptr<TextMatcher> matcher_;
    ms::mime::CharsetConverter converter_;
    std::string utf8_;
    bool active_ = false;
};

// Every header line of every entity (the message, its parts, messages
// inside it), "Name: value" with RFC 2047 words decoded.
bool search_headers(const imf::MessageDissector& msg, TextMatcher& matcher) {
    for (const auto& e : msg.entities()) {
        for (const auto& h : e.headers) {
            std::string_view v = ms::mime::trim(h.value);
            matcher.reset();
            matcher.feed(h.name);
            matcher.feed(": ");
            if (v.find("=?") != std::string_view::npos) matcher.feed(imf::decode_encoded_words(v).text);
            else matcher.feed(v);
            matcher.end();
            if (matcher.found()) return true;
        }
    }
    return false;
}

// Numbers messages in the order they begin (as the loading pass's
// MessageCollector does) and searches each while it streams.
class SearchObserver final : public MessageObserver {
public:
    SearchObserver(const TextPattern& pattern, MessageTextResult& result, std::size_t max_results)
        : pattern_(pattern), result_(result), max_(max_results) {}

    void on_message_begin(uint64_t key, const FrameContext&, const CarriedMessageInfo&) override {
        open_[key] = std::make_unique<Open>(next_ordinal_++, pattern_.matcher());
    }
    imf::MessageSink* message_part_sink(uint64_t key) override {
        auto it = open_.find(key);
        return it == open_.end() ? nullptr : &it->second->body;
    }
    void on_message_end(uint64_t key, const FrameContext&, const imf::MessageDissector& msg, bool) override {
        auto it = open_.find(key);
        if (it == open_.end()) return;
        std::unique_ptr<Open> m = std::move(it->second);
        open_.erase(it);
        ++result_.messages_searched;
        // Headers come first in a message: a header hit is the one shown.
        auto headers = pattern_.matcher();
        const TextMatcher* hit = search_headers(msg, *headers) ? headers.get()
                                 : m->body.matcher().found()   ? &m->body.matcher()
                                                               : nullptr;
        if (!hit) return;
        if (result_.matches.size() >= max_) {
            result_.truncated = true;
            return;
        }
        result_.matches.push_back({m->ordinal, hit->snippet()});
    }
    Needs needs() const override { return Needs::Everything; }

    bool full() const { return result_.truncated; }

private:
    struct Open {
        Open(uint64_t o, std::unique_ptr<TextMatcher> matcher) : ordinal(o), body(std::move(matcher)) {}
        uint64_t ordinal;
        BodySearch body;
    };
    const TextPattern& pattern_;
    MessageTextResult& result_;
    std::size_t max_;
    uint64_t next_ordinal_ = 0;
    // Messages being carried now (one per connection at most).
    std::unordered_map<uint64_t, std::unique_ptr<Open>> open_;
};

}  // namespace

bool search_message_text(const std::string& path, const MessageTextQuery& query, MessageTextResult& result,
                         const WalkControl& control) {
    result = {};
    auto pattern = TextPattern::compile(query.text, query.regex, result.error);
    if (!pattern) return false;
    CaptureWalk walk;
    if (!walk.open(path, result.error)) return false;
    SearchObserver observer(*pattern, result, query.max_results);
    walk.ctx().message_observer = &observer;
    walk.ctx().tree.keep_only({});
    while (!observer.full() && walk.next()) {
        if (control.should_stop(walk)) {
            result.matches.clear();
            result.error = "cancelled";
            return false;
        }
    }
    if (!observer.full()) walk.finish();
    walk.ctx().message_observer = nullptr;
    std::sort(result.matches.begin(), result.matches.end(),
              [](const MessageTextMatch& a, const MessageTextMatch& b) { return a.ordinal < b.ordinal; });
    // A read error ends the walk early: what was found so far stays.
    result.error = walk.error();
    return result.error.empty();
}

}  // namespace ms::ui
