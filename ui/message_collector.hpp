// A MessageObserver for the loading pass: one MessageRecord per message the
// transports carried (summary, headers, attachment identities; no bodies).
// Qt-free.
#pragma once

#include <map>
#include <vector>

#include "dissectors/message_layer_sink.hpp"
#include "dissectors/imf/message_id_registry.hpp"
#include "ui/capture_records.hpp"

namespace ms::ui {

class MessageCollector final : public MessageObserver {
public:
    void on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) override;
    void on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) override;

    // Records completed since the last take(), in the order they ended.
    std::vector<MessageRecord> take();
    uint64_t begun() const { return next_ordinal_; }

    static constexpr std::size_t kMaxHeaders = 200;
    static constexpr std::size_t kMaxProblems = 20;
    static constexpr std::size_t kMaxHeaderText = 2000;

private:
    // Messages in progress, by TCP stream (a connection carries one at a time).
    std::map<int64_t, MessageRecord> open_;
    std::vector<MessageRecord> done_;
    uint64_t next_ordinal_ = 0;
};

// Runs the Message-ID check the collector deferred (FrameContext::
// defer_message_id_check) and adds its notes to m.problems. Called in the
// order the messages ended, on one registry for the whole capture: by the
// loading pass, or by the merger of a sharded one.
void apply_message_id_check(imf::MessageIdRegistry& registry, MessageRecord& m);

}  // namespace ms::ui
