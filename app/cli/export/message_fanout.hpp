// Lets several watchers (the messages report, the imf and mime exporters)
// share FrameContext::message_observer, which holds one pointer.
#pragma once

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include "dissectors/message_layer_sink.hpp"

namespace ms::cli {

class MessageFanout : public MessageObserver {
public:
    void add(MessageObserver* o) { obs_.push_back(o); }
    bool empty() const { return obs_.empty(); }

    void on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) override {
        for (auto* o : obs_) o->on_message_begin(key, ctx, info);
    }
    void on_message_data(uint64_t key, std::span<const uint8_t> bytes) override {
        for (auto* o : obs_) o->on_message_data(key, bytes);
    }
    void on_message_end(uint64_t key, const FrameContext& ctx, const imf::MessageDissector& msg,
                        bool complete) override {
        for (auto* o : obs_) o->on_message_end(key, ctx, msg, complete);
        parts_.erase(key);
    }
    Needs needs() const override {
        Needs most = Needs::Bytes;
        for (auto* o : obs_) most = std::max(most, o->needs());
        return most;
    }
    imf::MessageSink* message_part_sink(uint64_t key) override {
        std::vector<imf::MessageSink*> sinks;
        for (auto* o : obs_)
            if (auto* s = o->message_part_sink(key)) sinks.push_back(s);
        if (sinks.empty()) return nullptr;
        if (sinks.size() == 1) return sinks[0];
        auto& p = parts_[key];
        p = std::make_unique<Parts>();
        p->sinks = std::move(sinks);
        return p.get();
    }

private:
    // Several part sinks for one message.
    struct Parts final : imf::MessageSink {
        std::vector<imf::MessageSink*> sinks;
        void on_part_begin(const imf::AttachmentInfo& p) override {
            for (auto* s : sinks) s->on_part_begin(p);
        }
        void on_part_data(std::span<const uint8_t> d) override {
            for (auto* s : sinks) s->on_part_data(d);
        }
        void on_part_end(const imf::AttachmentInfo& p) override {
            for (auto* s : sinks) s->on_part_end(p);
        }
    };

    std::vector<MessageObserver*> obs_;
    std::unordered_map<uint64_t, std::unique_ptr<Parts>> parts_;
};

}  // namespace ms::cli
