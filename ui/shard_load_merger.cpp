#include "ui/shard_load_merger.hpp"

#include <algorithm>
#include <cstring>

#include "ui/message_collector.hpp"

namespace ms::ui {

ShardLoadMerger::ShardLoadMerger(std::span<ShardLoadWorker* const> workers)
    : workers_(workers), streams_(workers.size()), ordinals_(workers.size()) {}

int64_t ShardLoadMerger::global_stream(uint8_t shard, int64_t local) {
    if (local < 0 || shard >= streams_.size()) return -1;
    auto& map = streams_[shard];
    // A shard numbers its streams as they first appear, so in frame order
    // its next new one is always map.size(); anything higher is filled in
    // order too, so the numbering never leaves a hole.
    while (map.size() <= std::size_t(local) && next_stream_ < INT32_MAX) map.push_back(next_stream_++);
    return std::size_t(local) < map.size() ? map[std::size_t(local)] : -1;
}

void ShardLoadMerger::renumber(uint8_t shard, MessageRecord& m) {
    m.tcp_stream = global_stream(shard, m.tcp_stream);
    auto& map = ordinals_[shard];
    // A message that ends without having begun (a late start) takes its
    // ordinal when it ends, as in the single-threaded pass.
    while (map.size() <= m.ordinal) map.push_back(next_ordinal_++);
    m.ordinal = map[m.ordinal];
}

void ShardLoadMerger::add(std::string_view record, IndexBatch& batch, std::vector<MessageRecord>& messages) {
    ShardRecordHead h;
    if (record.size() < sizeof h) return;
    std::memcpy(&h, record.data(), sizeof h);
    if (h.shard >= workers_.size() || record.size() < sizeof h + h.protocol_len + h.info_len) return;
    const std::string_view protocol = record.substr(sizeof h, h.protocol_len);
    const std::string_view info = record.substr(sizeof h + h.protocol_len, h.info_len);
    bytes_seen_ += h.caplen + 24;
    FrameRow r = h.row;
    if (!batch.epoch_ns) batch.epoch_ns = h.epoch_ns;
    r.tcp_stream = int32_t(global_stream(h.shard, r.tcp_stream));
    r.src = names_.address(h.src, batch);
    r.dst = names_.address(h.dst, batch);
    r.protocol = names_.text(protocol, batch);
    put_info(batch, info);
    batch.rows.push_back(r);
    for (uint32_t i = 0; i < h.messages_begun; ++i) ordinals_[h.shard].push_back(next_ordinal_++);
    if (h.messages_ended) {
        const std::size_t first = messages.size();
        workers_[h.shard]->take_messages(h.messages_ended, messages);
        for (std::size_t i = first; i < messages.size(); ++i) {
            renumber(h.shard, messages[i]);
            apply_message_id_check(message_ids_, messages[i]);
        }
    }
}

void ShardLoadMerger::finish(std::vector<MessageRecord>& messages, std::vector<CredentialRecord>& credentials,
                             ExpertCounts& experts, std::vector<ExpertEntry>& expert_entries) {
    std::vector<std::vector<ExpertEntry>> parts;
    for (std::size_t s = 0; s < workers_.size(); ++s) {
        ShardLoadWorker& w = *workers_[s];
        for (auto& m : w.finish()) {
            renumber(uint8_t(s), m);
            apply_message_id_check(message_ids_, m);
            messages.push_back(std::move(m));
        }
        for (auto& c : w.scanner().take_credentials()) {
            c.tcp_stream = global_stream(uint8_t(s), c.tcp_stream);
            credentials.push_back(std::move(c));
        }
        const ExpertCounts& e = w.scanner().experts();
        for (std::size_t i = 0; i < e.frames_by_severity.size(); ++i)
            experts.frames_by_severity[i] += e.frames_by_severity[i];
        parts.push_back(w.scanner().take_expert_entries());
    }
    // One pass lists credentials as their first frames come.
    std::stable_sort(credentials.begin(), credentials.end(),
                     [](const CredentialRecord& a, const CredentialRecord& b) { return a.frame < b.frame; });
    expert_entries = merge_expert_entries(std::move(parts));
}

}  // namespace ms::ui
