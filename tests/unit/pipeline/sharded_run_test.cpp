// ShardedRun on a synthetic source: outputs come back in frame order whatever
// shard made them, a conversation never changes shard, the clock each shard
// sees is the capture's, interfaces added mid-capture reach the shards, and a
// read error ends the run with every frame before it handled.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <mutex>
#include <string>
#include <vector>

#include "capture/pipeline/sharded_run.hpp"

namespace {

using namespace ms;

// Frames of raw IPv4 (link type 101) between host pairs that cycle; the
// frame's own bytes are regenerated for each next().
class SyntheticSource : public FrameSource {
public:
    SyntheticSource(uint64_t frames, uint64_t error_after = 0, uint64_t new_interface_at = 0, std::size_t frame_bytes = 40)
        : frames_(frames), error_after_(error_after), new_interface_at_(new_interface_at), frame_bytes_(frame_bytes) {
        ifaces_.push_back(InterfaceInfo{101, 65535, "first", "", 1'000'000});
    }
    ReadStatus next(RawFrame& out) override {
        if (error_after_ && n_ == error_after_) {
            err_ = "synthetic read error";
            return ReadStatus::Error;
        }
        if (n_ == frames_) return ReadStatus::End;
        ++n_;
        if (n_ == new_interface_at_) ifaces_.push_back(InterfaceInfo{101, 65535, "second", "", 1'000'000'000});
        bytes_.assign(frame_bytes_, 0);
        bytes_[0] = 0x45;
        const uint8_t conv = uint8_t(n_ % 37), dir = uint8_t(n_ % 2);
        bytes_[12 + 4 * dir] = 10, bytes_[15 + 4 * dir] = conv;       // 10.0.0.conv
        bytes_[12 + 4 * (1 - dir)] = 192, bytes_[15 + 4 * (1 - dir)] = 1;  // 192.0.0.1
        out.number = n_;
        out.ts_ns = 1'000'000'000 + int64_t(n_) * 1000 + int64_t(n_ % 5);
        out.caplen = out.wirelen = uint32_t(bytes_.size());
        out.linktype = 101;
        out.interface_id = n_ >= new_interface_at_ && new_interface_at_ ? 1 : 0;
        out.data = {bytes_.data(), bytes_.size()};
        out.comment = {};
        return ReadStatus::Frame;
    }
    const std::string& error() const override { return err_; }
    std::string format_name() const override { return "pcapng"; }
    const std::vector<InterfaceInfo>& interfaces() const override { return ifaces_; }

private:
    uint64_t frames_, error_after_, new_interface_at_, n_ = 0;
    std::size_t frame_bytes_;
    std::vector<uint8_t> bytes_;
    std::vector<InterfaceInfo> ifaces_;
    std::string err_;
};

struct Seen {
    std::mutex m;
    std::map<int, unsigned> shard_of_conversation;
    bool conversation_moved = false;
    bool late_interface_seen = false;
};

// Prints "number rel delta interfaces" for frames not divisible by 4.
class RecordingWorker : public ShardWorker {
public:
    RecordingWorker(unsigned shard, Seen& seen) : shard_(shard), seen_(seen) {}
    bool frame(const RawFrame& f, std::string& out) override {
        pipeline_.dissect(f, ctx_);
        {
            std::lock_guard lock(seen_.m);
            auto [it, fresh] = seen_.shard_of_conversation.emplace(int(f.data[15]) + int(f.data[19]), shard_);
            if (!fresh && it->second != shard_) seen_.conversation_moved = true;
            if (pipeline_.interfaces() && pipeline_.interfaces()->size() == 2 && f.interface_id == 1)
                seen_.late_interface_seen = true;
        }
        if (f.number % 4 == 0) return false;
        out += std::to_string(f.number) + " " + std::to_string(ctx_.pinfo.rel_ns) + " " +
               std::to_string(ctx_.pinfo.delta_ns) + "\n";
        return true;
    }
    Pipeline& pipeline() override { return pipeline_; }

private:
    unsigned shard_;
    Seen& seen_;
    Pipeline pipeline_;
    FrameContext ctx_;
};

std::string expected_output(uint64_t frames) {
    std::string out;
    for (uint64_t n = 1; n <= frames; ++n) {
        if (n % 4 == 0) continue;
        const int64_t ts = int64_t(n) * 1000 + int64_t(n % 5), first = 1000 + 1;
        const int64_t prev = n == 1 ? ts : int64_t(n - 1) * 1000 + int64_t((n - 1) % 5);
        out += std::to_string(n) + " " + std::to_string(ts - first) + " " + std::to_string(ts - prev) + "\n";
    }
    return out;
}

ShardedRunResult run(SyntheticSource& src, unsigned shards, Seen& seen, std::string& out,
                     const std::atomic<bool>* cancel = nullptr) {
    std::vector<std::unique_ptr<RecordingWorker>> workers;
    std::vector<ShardWorker*> ptrs;
    for (unsigned s = 0; s < shards; ++s) {
        workers.push_back(std::make_unique<RecordingWorker>(s, seen));
        ptrs.push_back(workers.back().get());
    }
    return ShardedRun::run(src, ptrs, [&](std::string_view bytes) { out.append(bytes); }, cancel);
}

TEST(ShardedRun, OutputsComeBackInFrameOrderWithTheCapturesClock) {
    // Several rounds' worth, and a last round that is not full.
    const uint64_t frames = ShardedRun::kRoundFrames * 5 + 123;
    for (unsigned shards : {1u, 2u, 3u, 5u}) {
        SyntheticSource src(frames);
        Seen seen;
        std::string out;
        auto r = run(src, shards, seen, out);
        EXPECT_EQ(r.status, ReadStatus::End);
        EXPECT_EQ(r.frames, frames);
        EXPECT_EQ(r.displayed, frames - frames / 4);
        EXPECT_EQ(out, expected_output(frames)) << shards << " shards";
        EXPECT_FALSE(seen.conversation_moved);
        if (shards > 1) {
            std::set<unsigned> used;
            for (auto& [c, s] : seen.shard_of_conversation) used.insert(s);
            EXPECT_GT(used.size(), 1u) << "37 conversations all went to one of " << shards << " shards";
        }
    }
}

TEST(ShardedRun, LargeFramesEndARoundEarlyAndStillComeBackInOrder) {
    // 64 KiB frames: a round holds about kRoundBytes of them, not kRoundFrames.
    const uint64_t frames = 3 * (ShardedRun::kRoundBytes / 65536) + 7;
    SyntheticSource src(frames, 0, 0, 65536);
    Seen seen;
    std::string out;
    auto r = run(src, 2, seen, out);
    EXPECT_EQ(r.frames, frames);
    EXPECT_EQ(out, expected_output(frames));
}

TEST(ShardedRun, AnInterfaceAddedMidCaptureReachesTheShards) {
    SyntheticSource src(3000, 0, 2500);
    Seen seen;
    std::string out;
    run(src, 2, seen, out);
    EXPECT_TRUE(seen.late_interface_seen);
}

TEST(ShardedRun, AReadErrorEndsTheRunAfterEveryEarlierFrame) {
    SyntheticSource src(10000, 2100);
    Seen seen;
    std::string out;
    auto r = run(src, 2, seen, out);
    EXPECT_EQ(r.status, ReadStatus::Error);
    EXPECT_EQ(r.frames, 2100u);
    EXPECT_EQ(out, expected_output(2100));
}

TEST(ShardedRun, CancellingStopsTheReadingAndKeepsWhatWasRead) {
    std::atomic<bool> cancel{true};
    SyntheticSource src(100000);
    Seen seen;
    std::string out;
    auto r = run(src, 2, seen, out, &cancel);
    EXPECT_TRUE(r.cancelled);
    EXPECT_LT(r.frames, 100000u);
    EXPECT_EQ(out, expected_output(r.frames));
}

TEST(ShardedRun, AnEmptySourceEndsAtOnce) {
    SyntheticSource src(0);
    Seen seen;
    std::string out;
    auto r = run(src, 2, seen, out);
    EXPECT_EQ(r.status, ReadStatus::End);
    EXPECT_EQ(r.frames, 0u);
    EXPECT_TRUE(out.empty());
}

}  // namespace
