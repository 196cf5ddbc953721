#include "capture/tcp/reassembler.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace ms {

DirectionReassembler::~DirectionReassembler() = default;

int64_t DirectionReassembler::offset_of(uint32_t seq) const {
    // Distance from the next expected byte, in sequence space (wraps at 2^32).
    return int64_t(next_off_) + int32_t(seq - next_seq_);
}

void DirectionReassembler::segment(const ReassemblySegment& seg, ReassemblySink& sink,
                                   ReassemblyBudget& budget, ReassemblyNotes& notes) {
    if (state_ == State::Ended) return;
    const uint32_t data_seq = seg.syn ? seg.seq + 1 : seg.seq;
    if (state_ == State::Idle) {
        // Offset 0 is the byte after the SYN, or the first sequence seen.
        state_ = State::Open;
        next_seq_ = data_seq;
        next_off_ = 0;
    }
    if (seg.seglen > 0) {
        int64_t off = offset_of(data_seq);
        uint64_t announced = seg.seglen;
        std::span<const uint8_t> bytes = seg.payload.first(std::min<std::size_t>(seg.payload.size(), seg.seglen));
        int64_t fo = seg.payload_frame_offset;
        if (off < 0) {  // starts before the stream does: keep only the part after offset 0
            uint64_t skip = uint64_t(-off);
            if (skip >= announced) {
                announced = 0;
            } else {
                std::size_t cut = std::min<std::size_t>(bytes.size(), skip);
                bytes = bytes.subspan(cut);
                if (fo >= 0) fo += int64_t(cut);
                announced -= skip;
            }
            off = 0;
        }
        if (announced) accept(uint64_t(off), bytes, announced, fo, seg.frame_number, sink, budget, notes);
    }
    if (seg.fin && !fin_seen_ && state_ == State::Open) {
        int64_t fo = offset_of(data_seq + seg.seglen);
        if (fo >= 0) {
            fin_seen_ = true;
            fin_off_ = uint64_t(fo);
        }
    }
    if (seg.rst) {
        finish(EndReason::Rst, sink, budget, notes);
        return;
    }
    maybe_end_at_fin(sink, budget);
}

void DirectionReassembler::accept(uint64_t off, std::span<const uint8_t> bytes, uint64_t announced,
                                  int64_t frame_offset, uint64_t frame_number, ReassemblySink& sink,
                                  ReassemblyBudget& budget, ReassemblyNotes& notes) {
    for (;;) {
        if (off + announced <= next_off_) return;  // all old: the first copy was delivered
        if (off < next_off_) {  // overlaps delivered data: keep only the new part
            uint64_t skip = next_off_ - off;
            std::size_t cut = std::min<std::size_t>(bytes.size(), skip);
            bytes = bytes.subspan(cut);
            if (frame_offset >= 0) frame_offset += int64_t(cut);
            announced -= skip;
            off = next_off_;
        }
        if (off > next_off_) {
            // Ahead of a hole. If the peer already acknowledged bytes in the
            // hole, the capture lost them: the whole hole up to this data is
            // one gap (as tshark's Follow Stream reports it).
            if (acked_off_ > next_off_) {
                flush_to(off, sink, budget, notes);
                continue;
            }
            if (over_limit(bytes.size(), 1, budget)) {
                notes.limit = true;
                if (ooo_ && !ooo_->pieces.empty()) flush_first_hole(sink, budget, notes);
                else flush_to(off, sink, budget, notes);
                continue;
            }
            store(off, bytes, frame_number, budget, notes);
            return;
        }
        // In order.
        if (!ooo_ || ooo_->pieces.empty()) {
            deliver_direct(bytes, frame_offset, frame_number, sink);
            if (bytes.size() < announced) {  // cut by the snapshot length: never captured
                sink.gap(next_off_, announced - bytes.size());
                notes.gap = true;
                next_off_ += announced - bytes.size();
                next_seq_ += uint32_t(announced - bytes.size());
            }
            return;
        }
        // Buffered data follows: pass on what precedes it, let the buffered
        // (earlier) copy win where they overlap.
        uint64_t first = ooo_->pieces.begin()->first;
        std::size_t n = std::size_t(std::min<uint64_t>(bytes.size(), first - next_off_));
        deliver_direct(bytes.first(n), frame_offset, frame_number, sink);
        if (n < bytes.size()) store(next_off_, bytes.subspan(n), frame_number, budget, notes);
        drain(sink, budget);
        return;
    }
}

void DirectionReassembler::deliver_direct(std::span<const uint8_t> bytes, int64_t frame_offset,
                                          uint64_t frame_number, ReassemblySink& sink) {
    if (bytes.empty()) return;
    uint64_t at = next_off_;
    next_off_ += bytes.size();
    next_seq_ += uint32_t(bytes.size());
    sink.data(at, bytes, frame_offset, frame_number);
}

void DirectionReassembler::store(uint64_t off, std::span<const uint8_t> bytes, uint64_t frame_number,
                                 ReassemblyBudget& budget, ReassemblyNotes& notes) {
    if (bytes.empty()) return;
    if (!ooo_) ooo_ = std::make_unique<Buffer>();
    auto& pieces = ooo_->pieces;
    const uint64_t end = off + bytes.size();
    auto insert = [&](uint64_t from, uint64_t to, std::map<uint64_t, Piece>::iterator hint) {
        auto part = bytes.subspan(std::size_t(from - off), std::size_t(to - from));
        pieces.emplace_hint(hint, from, Piece{std::vector<uint8_t>(part.begin(), part.end()), frame_number});
        ooo_->bytes += part.size();
        budget.buffered_total += part.size();
    };
    auto it = pieces.upper_bound(off);
    if (it != pieces.begin()) {
        auto prev = std::prev(it);
        if (prev->first + prev->second.bytes.size() > off) it = prev;
    }
    uint64_t cur = off;
    while (cur < end) {
        if (it == pieces.end() || it->first >= end) {
            insert(cur, end, it);
            break;
        }
        if (it->first > cur) {
            insert(cur, it->first, it);
            cur = it->first;
        }
        // [cur, min(end, piece end)) is held already: the held copy wins.
        const uint64_t p_end = it->first + it->second.bytes.size();
        const uint64_t ov_end = std::min(end, p_end);
        if (ov_end > cur &&
            std::memcmp(bytes.data() + (cur - off), it->second.bytes.data() + (cur - it->first),
                        std::size_t(ov_end - cur)) != 0)
            notes.conflict = true;
        cur = std::max(cur, p_end);
        ++it;
    }
}

bool DirectionReassembler::over_limit(uint64_t extra_bytes, std::size_t extra_pieces,
                                      const ReassemblyBudget& budget) const {
    const Limits& l = *budget.limits;
    uint64_t held = ooo_ ? ooo_->bytes : 0;
    std::size_t count = ooo_ ? ooo_->pieces.size() : 0;
    return held + extra_bytes > l.tcp_max_ooo_bytes_per_flow ||
           count + extra_pieces > l.tcp_max_ooo_segments_per_flow ||
           budget.buffered_total + extra_bytes > l.tcp_max_ooo_bytes_total;
}

void DirectionReassembler::drain(ReassemblySink& sink, ReassemblyBudget& budget) {
    if (!ooo_) return;
    auto& pieces = ooo_->pieces;
    while (!pieces.empty() && pieces.begin()->first <= next_off_) {
        auto it = pieces.begin();
        const uint64_t start = it->first;
        const auto& b = it->second.bytes;
        if (start + b.size() > next_off_) {
            auto part = std::span<const uint8_t>(b).subspan(std::size_t(next_off_ - start));
            uint64_t at = next_off_;
            next_off_ = start + b.size();
            next_seq_ += uint32_t(part.size());
            sink.data(at, part, -1, it->second.frame_number);
        }
        ooo_->bytes -= b.size();
        budget.buffered_total -= b.size();
        pieces.erase(it);
    }
    if (pieces.empty()) free_buffer(budget);
}

void DirectionReassembler::flush_to(uint64_t limit, ReassemblySink& sink, ReassemblyBudget& budget,
                                    ReassemblyNotes& notes) {
    while (next_off_ < limit) {
        drain(sink, budget);
        if (next_off_ >= limit) break;
        uint64_t stop = limit;
        if (ooo_ && !ooo_->pieces.empty()) stop = std::min(stop, ooo_->pieces.begin()->first);
        sink.gap(next_off_, stop - next_off_);
        notes.gap = true;
        next_seq_ += uint32_t(stop - next_off_);
        next_off_ = stop;
    }
    drain(sink, budget);
}

void DirectionReassembler::flush_first_hole(ReassemblySink& sink, ReassemblyBudget& budget,
                                            ReassemblyNotes& notes) {
    if (ooo_ && !ooo_->pieces.empty()) flush_to(ooo_->pieces.begin()->first, sink, budget, notes);
}

void DirectionReassembler::peer_ack(uint32_t ack, ReassemblySink& sink, ReassemblyBudget& budget,
                                    ReassemblyNotes& notes) {
    if (state_ != State::Open) return;
    int64_t a = offset_of(ack);
    if (a <= 0) return;
    uint64_t acked = uint64_t(a);
    if (fin_seen_ && acked > fin_off_) acked = fin_off_;  // the FIN's own sequence number
    if (acked > acked_off_) acked_off_ = acked;
    if (ooo_ && !ooo_->pieces.empty() && acked > next_off_) {
        // Never declare more than the buffered data reaches; later data
        // arriving ahead of the hole is checked against acked_off_.
        // A hole the ACK reaches into is lost whole, up to the next held piece.
        auto last = std::prev(ooo_->pieces.end());
        uint64_t held_end = last->first + last->second.bytes.size();
        uint64_t first_held = ooo_->pieces.begin()->first;
        flush_to(std::max(std::min(acked, held_end), first_held), sink, budget, notes);
    }
    maybe_end_at_fin(sink, budget);
}

void DirectionReassembler::finish(EndReason why, ReassemblySink& sink, ReassemblyBudget& budget,
                                  ReassemblyNotes& notes) {
    if (state_ == State::Ended) return;
    if (ooo_ && !ooo_->pieces.empty()) {
        auto last = std::prev(ooo_->pieces.end());
        flush_to(last->first + last->second.bytes.size(), sink, budget, notes);
    }
    free_buffer(budget);
    state_ = State::Ended;
    sink.end(why);
}

void DirectionReassembler::maybe_end_at_fin(ReassemblySink& sink, ReassemblyBudget& budget) {
    if (state_ != State::Open || !fin_seen_ || next_off_ < fin_off_) return;
    state_ = State::Ended;
    free_buffer(budget);  // anything buffered beyond the FIN is bogus
    sink.end(EndReason::Fin);
}

void DirectionReassembler::release(ReassemblyBudget& budget) {
    free_buffer(budget);
    state_ = State::Ended;
}

void DirectionReassembler::free_buffer(ReassemblyBudget& budget) {
    if (!ooo_) return;
    budget.buffered_total -= ooo_->bytes;
    ooo_.reset();
}

}  // namespace ms
