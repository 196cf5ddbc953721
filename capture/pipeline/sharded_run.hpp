// Dissects a capture on several cores: frames are dealt to shards by IP
// conversation (shard_key.hpp), each shard runs its own Pipeline on a worker
// thread, and what each frame produced is written out in file order.
//
// The calling thread reads the file and deals frames out in rounds of up to
// kRoundFrames; a merger thread waits for every shard's part of the oldest
// round and passes the frames' outputs to the sink in frame order. A fixed
// pool of rounds bounds memory: reading waits when all rounds are in flight.
//
// What a shard cannot know is what depends on frames of other shards. The
// frame clock is global (the capture's first and each frame's previous
// timestamp travel with the frame), but tcp.stream numbers are per shard:
// callers must not print or filter on them (or anything else that spans
// conversations) when they choose this path. Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <span>
#include <string_view>

#include "capture/pipeline/pipeline.hpp"
#include "capture/source/frame_source.hpp"

namespace ms {

// One shard's work, made once per shard and only ever called from that
// shard's thread.
class ShardWorker {
public:
    virtual ~ShardWorker() = default;
    // Dissects `frame` (pipeline() already has the global clock for it) and
    // appends what it prints to `out`. Returns false when the frame is not
    // displayed (counted apart from the frames read).
    virtual bool frame(const RawFrame& frame, std::string& out) = 0;
    virtual Pipeline& pipeline() = 0;
};

struct ShardedRunResult {
    ReadStatus status = ReadStatus::End;  // End, or Error (source's error())
    uint64_t frames = 0;                  // frames read
    uint64_t displayed = 0;               // frames for which frame() returned true
    bool cancelled = false;               // the cancel flag stopped the reading
};

class ShardedRun {
public:
    // Rounds of 4096 frames, 4 in flight: measured on the 1 GiB benchmark,
    // smaller rounds cost synchronisation and more of them cost memory
    // (the CLI's peak RSS must stay under 64 MiB). A round also ends at
    // kRoundBytes of frame data, so large frames cannot make it large.
    static constexpr std::size_t kRoundFrames = 4096;
    static constexpr std::size_t kRoundBytes = 4u << 20;
    static constexpr std::size_t kRounds = 4;

    // Called on the merger thread with each frame's output, in frame order
    // (never with an empty view).
    using Sink = std::function<void(std::string_view)>;

    // The number of shards worth running on this machine (1 = do not shard):
    // one per core, or MAILSCOPE_THREADS when set (1 turns sharding off).
    static unsigned shards_for_this_machine();

    // One shard per worker (at most 255). The workers stay the caller's: when
    // run() returns their threads are done with them, so the caller can
    // finish their pipelines and collect what they gathered. `cancel`, when
    // set, stops the reading; the frames read before are still merged.
    static ShardedRunResult run(FrameSource& source, std::span<ShardWorker* const> workers, const Sink& sink,
                                const std::atomic<bool>* cancel = nullptr);
};

}  // namespace ms
