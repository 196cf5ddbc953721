// Lets several watchers (the messages report, the imf and mime exporters)
// share FrameContext::message_observer, which holds one pointer.
#pragma once

#include <vector>

#include "dissectors/message_layer_sink.hpp"

namespace ms::cli {

class MessageFanout : public MessageObserver, private imf::MessageSink {
public:
    void add(MessageObserver* o) { obs_.push_back(o); }
    bool empty() const { return obs_.empty(); }

    void on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) override {
        for (auto* o : obs_) o->on_begin(ctx, info);
    }
    void on_data(std::span<const uint8_t> bytes) override {
        for (auto* o : obs_) o->on_data(bytes);
    }
    void on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) override {
        for (auto* o : obs_) o->on_end(ctx, msg, complete);
    }
    imf::MessageSink* part_sink() override {
        sinks_.clear();
        for (auto* o : obs_)
            if (auto* s = o->part_sink()) sinks_.push_back(s);
        if (sinks_.empty()) return nullptr;
        return sinks_.size() == 1 ? sinks_[0] : this;
    }

private:
    void on_part_begin(const imf::AttachmentInfo& p) override {
        for (auto* s : sinks_) s->on_part_begin(p);
    }
    void on_part_data(std::span<const uint8_t> d) override {
        for (auto* s : sinks_) s->on_part_data(d);
    }
    void on_part_end(const imf::AttachmentInfo& p) override {
        for (auto* s : sinks_) s->on_part_end(p);
    }

    std::vector<MessageObserver*> obs_;
    std::vector<imf::MessageSink*> sinks_;
};

}  // namespace ms::cli
