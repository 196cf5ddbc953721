// One shard of a sharded loading pass (ShardedRun): dissects its frames with
// the loading tree, scans each into a row (FrameScanner::scan) and writes a
// compact binary record per frame for the merger (shard_load_merger.hpp),
// which names the rows, numbers the TCP streams and the messages across
// shards, and hands batches to the packet list. Messages the shard's
// collector completes wait in an outbox the merger empties in frame order.
// Qt-free.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "capture/pipeline/sharded_run.hpp"
#include "ui/capture_records.hpp"
#include "ui/frame_index.hpp"
#include "ui/frame_scanner.hpp"
#include "ui/message_collector.hpp"

namespace ms::ui {

// The fixed head of a frame's record; the protocol text and the Info text
// follow it. Written and read with memcpy (both sides are this process).
struct ShardRecordHead {
    FrameRow row;                  // names unset, tcp_stream numbered by the shard
    Address src, dst;
    int64_t epoch_ns = 0;          // ts_ns - rel_ns (IndexBatch::epoch_ns)
    uint32_t caplen = 0;           // for the progress bar
    uint32_t protocol_len = 0, info_len = 0;
    uint32_t messages_begun = 0;   // messages that began in this frame
    uint32_t messages_ended = 0;   // records waiting in the outbox for it
    uint8_t shard = 0;
};

class ShardLoadWorker final : public ShardWorker {
public:
    explicit ShardLoadWorker(uint8_t shard);

    bool frame(const RawFrame& frame, std::string& out) override;
    Pipeline& pipeline() override { return pipeline_; }

    // The merger's side: the next `n` records this shard completed.
    void take_messages(std::size_t n, std::vector<MessageRecord>& into);
    // After the run: flushes the shard's streams (late message ends).
    std::vector<MessageRecord> finish();
    FrameScanner& scanner() { return scanner_; }

private:
    uint8_t shard_;
    Pipeline pipeline_;
    FrameContext ctx_;
    FrameScanner scanner_;
    MessageCollector collector_;
    std::mutex outbox_mutex_;
    std::deque<MessageRecord> outbox_;
};

}  // namespace ms::ui
