#include "capture/pipeline/sharded_run.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "capture/pipeline/shard_key.hpp"

namespace ms {

namespace {

// A frame as dealt to a shard: its record fields and where its bytes (then
// its pcapng comment) sit in the part's byte buffer.
struct DealtFrame {
    uint64_t number;
    int64_t ts_ns, prev_ts;
    uint32_t caplen, wirelen, linktype, interface_id;
    std::size_t offset;
    uint32_t data_len, comment_len;
};

struct ShardPart {
    std::string bytes;
    std::vector<DealtFrame> frames;
    std::string out;                  // the outputs, one after the other
    std::vector<std::size_t> out_end; // per frame: end of its output in `out`
    uint64_t displayed = 0;
};

struct Round {
    std::vector<uint8_t> shard_of;  // per frame of the round, in file order
    std::vector<ShardPart> parts;   // per shard
    std::shared_ptr<const std::vector<InterfaceInfo>> interfaces;
    int64_t first_ts = 0;           // the capture's first frame's time
    unsigned pending = 0;           // shards still working on it (under the lock)
    bool last = false;              // no round follows

    void reset() {
        shard_of.clear();
        for (auto& p : parts) {
            p.bytes.clear();
            p.frames.clear();
            p.out.clear();
            p.out_end.clear();
            p.displayed = 0;
        }
        last = false;
    }
};

class Engine {
public:
    Engine(FrameSource& source, std::span<ShardWorker* const> workers, const ShardedRun::Sink& sink,
           const std::atomic<bool>* cancel)
        : source_(source), shards_(unsigned(workers.size())), workers_(workers), sink_(sink), cancel_(cancel),
          work_(workers.size()) {
        rounds_.resize(ShardedRun::kRounds);
        for (auto& r : rounds_) {
            r.parts.resize(shards_);
            free_.push_back(&r);
        }
        pcapng_ = source.format_name().find("pcapng") != std::string::npos;
    }

    ShardedRunResult run() {
        std::vector<std::thread> threads;
        for (unsigned s = 0; s < shards_; ++s) threads.emplace_back([this, s, w = workers_[s]] { work(s, *w); });
        std::thread merger([this] { merge(); });
        read();
        for (auto& t : threads) t.join();
        merger.join();
        return result_;
    }

private:
    Round* take_free() {
        std::unique_lock lock(mutex_);
        free_cv_.wait(lock, [&] { return !free_.empty(); });
        Round* r = free_.front();
        free_.pop_front();
        lock.unlock();
        r->reset();
        return r;
    }

    void dispatch(Round* r) {
        {
            std::lock_guard lock(mutex_);
            r->pending = shards_;
            r->first_ts = first_ts_;
            for (auto& q : work_) q.push_back(r);
            merge_queue_.push_back(r);
        }
        work_cv_.notify_all();
        merge_cv_.notify_all();
    }

    // The calling thread: reads every frame and deals it to its shard.
    void read() {
        RawFrame f;
        int64_t prev_ts = 0;
        bool first = true;
        std::size_t known_interfaces = std::size_t(-1);
        std::shared_ptr<const std::vector<InterfaceInfo>> interfaces;
        Round* r = take_free();
        std::size_t round_bytes = 0;
        for (;;) {
            if (cancel_ && (result_.frames & 1023) == 0 && cancel_->load(std::memory_order_relaxed)) {
                result_.status = ReadStatus::End;
                result_.cancelled = true;
                break;
            }
            ReadStatus rs = source_.next(f);
            if (rs != ReadStatus::Frame) {
                result_.status = rs;
                break;
            }
            ++result_.frames;
            if (first) {
                first_ts_ = prev_ts = f.ts_ns;
                first = false;
            }
            // Interfaces only grow (pcapng IDBs); a round holds the list
            // as it was, so workers never read what the reader changes.
            if (source_.interfaces().size() != known_interfaces) {
                known_interfaces = source_.interfaces().size();
                interfaces = std::make_shared<const std::vector<InterfaceInfo>>(source_.interfaces());
            }
            if (!r->interfaces) r->interfaces = interfaces;
            if (r->interfaces != interfaces) {  // a new interface mid-round: start a round
                round_bytes = 0;
                dispatch(r);
                r = take_free();
                r->interfaces = interfaces;
            }
            const unsigned s = shard_of_frame(f.linktype, f.data, shards_);
            ShardPart& p = r->parts[s];
            DealtFrame d{f.number, f.ts_ns, prev_ts, f.caplen, f.wirelen, f.linktype, f.interface_id, p.bytes.size(),
                         uint32_t(f.data.size()), uint32_t(f.comment.size())};
            p.bytes.append(reinterpret_cast<const char*>(f.data.data()), f.data.size());
            p.bytes.append(f.comment);
            p.frames.push_back(d);
            r->shard_of.push_back(uint8_t(s));
            prev_ts = f.ts_ns;
            round_bytes += f.data.size() + f.comment.size();
            if (r->shard_of.size() >= ShardedRun::kRoundFrames || round_bytes >= ShardedRun::kRoundBytes) {
                round_bytes = 0;
                dispatch(r);
                r = take_free();
            }
        }
        if (!r->interfaces) r->interfaces = interfaces;
        r->last = true;
        dispatch(r);
    }

    void work(unsigned shard, ShardWorker& w) {
        RawFrame f;
        for (;;) {
            Round* r;
            {
                std::unique_lock lock(mutex_);
                work_cv_.wait(lock, [&] { return !work_[shard].empty(); });
                r = work_[shard].front();
                work_[shard].pop_front();
            }
            ShardPart& p = r->parts[shard];
            w.pipeline().set_interfaces(r->interfaces.get(), pcapng_);
            for (const DealtFrame& d : p.frames) {
                f.number = d.number;
                f.ts_ns = d.ts_ns;
                f.caplen = d.caplen;
                f.wirelen = d.wirelen;
                f.linktype = d.linktype;
                f.interface_id = d.interface_id;
                const auto* base = reinterpret_cast<const uint8_t*>(p.bytes.data()) + d.offset;
                f.data = {base, d.data_len};
                f.comment = std::string_view(p.bytes.data() + d.offset + d.data_len, d.comment_len);
                w.pipeline().set_clock(r->first_ts, d.prev_ts);
                if (w.frame(f, p.out)) ++p.displayed;
                p.out_end.push_back(p.out.size());
            }
            const bool last = r->last;
            bool done;
            {
                std::lock_guard lock(mutex_);
                done = --r->pending == 0;
            }
            if (done) merge_cv_.notify_all();
            if (last) return;
        }
    }

    // The merger thread: outputs in frame order, rounds back to the pool.
    void merge() {
        for (;;) {
            Round* r;
            {
                std::unique_lock lock(mutex_);
                merge_cv_.wait(lock, [&] { return !merge_queue_.empty() && merge_queue_.front()->pending == 0; });
                r = merge_queue_.front();
                merge_queue_.pop_front();
            }
            std::size_t cursor[256] = {};
            std::size_t start[256] = {};
            for (uint8_t s : r->shard_of) {
                ShardPart& p = r->parts[s];
                const std::size_t end = p.out_end[cursor[s]++];
                if (end > start[s]) sink_(std::string_view(p.out).substr(start[s], end - start[s]));
                start[s] = end;
            }
            // Only this thread writes `displayed` (the reader writes the other members).
            for (const auto& p : r->parts) result_.displayed += p.displayed;
            const bool last = r->last;
            {
                std::lock_guard lock(mutex_);
                free_.push_back(r);
            }
            free_cv_.notify_one();
            if (last) return;
        }
    }

    FrameSource& source_;
    const unsigned shards_;
    std::span<ShardWorker* const> workers_;
    const ShardedRun::Sink& sink_;
    const std::atomic<bool>* cancel_;
    bool pcapng_ = false;

    std::mutex mutex_;
    std::condition_variable free_cv_, work_cv_, merge_cv_;
    std::vector<Round> rounds_;
    std::deque<Round*> free_;
    std::vector<std::deque<Round*>> work_;
    std::deque<Round*> merge_queue_;

    int64_t first_ts_ = 0;  // the reader's; copied into each round it dispatches
    ShardedRunResult result_;
};

}  // namespace

unsigned ShardedRun::shards_for_this_machine() {
    if (const char* v = std::getenv("MAILSCOPE_THREADS"); v && *v) {
        char* end = nullptr;
        const unsigned long n = std::strtoul(v, &end, 10);
        if (*end == '\0' && n >= 1) return unsigned(std::min<unsigned long>(n, 64));
    }
    const unsigned n = std::thread::hardware_concurrency();
    return std::clamp(n, 1u, 8u);
}

ShardedRunResult ShardedRun::run(FrameSource& source, std::span<ShardWorker* const> workers, const Sink& sink,
                                 const std::atomic<bool>* cancel) {
    if (workers.empty()) return {};
    if (workers.size() > 255) workers = workers.first(255);
    Engine e(source, workers, sink, cancel);
    return e.run();
}

}  // namespace ms
