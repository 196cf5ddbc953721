#include "ui/shard_load_worker.hpp"

#include <algorithm>
#include <cstring>

namespace ms::ui {

ShardLoadWorker::ShardLoadWorker(uint8_t shard) : shard_(shard) {
    ctx_.tree.keep_only(scanner_.fields());
    ctx_.message_observer = &collector_;
    // Messages of other shards are not seen here: the merger checks
    // Message-IDs in frame order (apply_message_id_check).
    ctx_.defer_message_id_check = true;
}

bool ShardLoadWorker::frame(const RawFrame& frame, std::string& out) {
    const uint64_t begun_before = collector_.begun();
    pipeline_.dissect(frame, ctx_);
    const PacketInfo& pi = ctx_.pinfo;
    ShardRecordHead h;
    h.row = scanner_.scan(ctx_);
    h.src = FrameScanner::row_source(pi);
    h.dst = FrameScanner::row_destination(pi);
    h.caplen = frame.caplen;
    h.epoch_ns = pi.ts_ns - pi.rel_ns;
    const std::string_view info = std::string_view(pi.info).substr(0, FrameIndex::kMaxInfo + 8);
    h.protocol_len = uint32_t(std::min<std::size_t>(pi.protocol.size(), 1024));
    h.info_len = uint32_t(info.size());
    h.messages_begun = uint32_t(collector_.begun() - begun_before);
    h.shard = shard_;
    auto done = collector_.take();
    h.messages_ended = uint32_t(done.size());
    if (!done.empty()) {
        std::lock_guard lock(outbox_mutex_);
        for (auto& m : done) outbox_.push_back(std::move(m));
    }
    const std::size_t at = out.size();
    out.resize(at + sizeof h);
    std::memcpy(out.data() + at, &h, sizeof h);
    out.append(pi.protocol, 0, h.protocol_len);
    out.append(info);
    return true;
}

void ShardLoadWorker::take_messages(std::size_t n, std::vector<MessageRecord>& into) {
    std::lock_guard lock(outbox_mutex_);
    for (; n > 0 && !outbox_.empty(); --n) {
        into.push_back(std::move(outbox_.front()));
        outbox_.pop_front();
    }
}

std::vector<MessageRecord> ShardLoadWorker::finish() {
    pipeline_.finish(ctx_);
    return collector_.take();
}

}  // namespace ms::ui
