// The merging end of a sharded loading pass: reads the shards' frame records
// in frame order (ShardedRun's sink) and makes what the single-threaded
// loading pass makes: named rows and Info in an IndexBatch, TCP stream
// numbers counted across the whole capture, and message records numbered in
// the order the messages began. Each shard numbers its own streams and
// messages in its own order of first appearance; seen in frame order, the
// n-th new stream of the capture is the next new one of whichever shard
// owns it, so a per-shard table maps them. Qt-free.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dissectors/imf/message_id_registry.hpp"
#include "ui/capture_records.hpp"
#include "ui/expert_collector.hpp"
#include "ui/frame_index.hpp"
#include "ui/row_namer.hpp"
#include "ui/shard_load_worker.hpp"

namespace ms::ui {

class ShardLoadMerger {
public:
    explicit ShardLoadMerger(std::span<ShardLoadWorker* const> workers);

    // One frame's record (the sink's view); appends its row to `batch` and
    // the messages that ended in it to `messages`.
    void add(std::string_view record, IndexBatch& batch, std::vector<MessageRecord>& messages);
    // After the run: the shards' late message ends, credentials and expert
    // entries, renumbered like everything else.
    void finish(std::vector<MessageRecord>& messages, std::vector<CredentialRecord>& credentials,
                ExpertCounts& experts, std::vector<ExpertEntry>& expert_entries);

    uint64_t bytes_seen() const { return bytes_seen_; }

private:
    int64_t global_stream(uint8_t shard, int64_t local);
    void renumber(uint8_t shard, MessageRecord& m);

    std::span<ShardLoadWorker* const> workers_;
    RowNamer names_;
    std::vector<std::vector<int32_t>> streams_;    // per shard: local stream -> capture's
    std::vector<std::vector<uint64_t>> ordinals_;  // per shard: local message ordinal -> capture's
    int32_t next_stream_ = 0;
    uint64_t next_ordinal_ = 0;
    uint64_t bytes_seen_ = 0;
    // The Message-ID checks the shards deferred, in frame order as on one thread.
    imf::MessageIdRegistry message_ids_;
};

}  // namespace ms::ui
