// Byte-exact reassembly of one direction of a TCP connection. Stream offsets
// are 64-bit (offset 0 = the first payload byte: after the SYN, or the first
// sequence seen when the capture starts mid-stream), so sequence wrap at 2^32
// is invisible to the application. In-order data is passed straight through
// (no copy); data ahead of a hole is copied into a bounded buffer and passed
// on when the hole fills, when the peer's ACK proves the hole was only lost
// by the capture, when a limit is hit, or at FIN/RST/end of capture — each
// unfilled hole becomes an explicit gap, never glued data.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "dissectors/core/limits.hpp"
#include "dissectors/core/stream_dissector.hpp"

namespace ms {

// Where reassembled data goes (the layer binds it to a connection and direction).
class ReassemblySink {
public:
    virtual ~ReassemblySink() = default;
    // frame_offset: position of bytes[0] in the current frame, -1 when buffered.
    virtual void data(uint64_t offset, std::span<const uint8_t> bytes, int64_t frame_offset,
                      uint64_t frame_number) = 0;
    virtual void gap(uint64_t offset, uint64_t length) = 0;
    virtual void end(EndReason why) = 0;
};

// Shared bounds: the limits and the running total of buffered bytes.
struct ReassemblyBudget {
    const Limits* limits = nullptr;
    uint64_t buffered_total = 0;
};

// Things worth an expert item on the current frame.
struct ReassemblyNotes {
    bool conflict = false;  // a copy differed from the bytes already held
    bool limit = false;     // a buffer limit forced a gap
    bool gap = false;       // a gap was declared
};

// One captured segment as the reassembler needs it.
struct ReassemblySegment {
    uint32_t seq = 0;
    uint32_t seglen = 0;                    // payload length the header announces
    std::span<const uint8_t> payload;       // captured payload (may be shorter)
    bool syn = false, fin = false, rst = false;
    int64_t payload_frame_offset = -1;      // payload[0] in the frame, -1 if not source 0
    uint64_t frame_number = 0;
};

class DirectionReassembler {
public:
    DirectionReassembler() = default;
    ~DirectionReassembler();
    DirectionReassembler(const DirectionReassembler&) = delete;
    DirectionReassembler& operator=(const DirectionReassembler&) = delete;
    DirectionReassembler(DirectionReassembler&&) noexcept = default;
    DirectionReassembler& operator=(DirectionReassembler&&) noexcept = default;

    void segment(const ReassemblySegment& seg, ReassemblySink& sink, ReassemblyBudget& budget,
                 ReassemblyNotes& notes);
    // The peer acknowledged everything before `ack`.
    void peer_ack(uint32_t ack, ReassemblySink& sink, ReassemblyBudget& budget, ReassemblyNotes& notes);
    // Flushes all buffered data (holes become gaps) and ends the direction.
    void finish(EndReason why, ReassemblySink& sink, ReassemblyBudget& budget, ReassemblyNotes& notes);
    // Drops buffered data without delivering it (connection evicted, no sink).
    void release(ReassemblyBudget& budget);

    bool started() const { return state_ != State::Idle; }
    bool ended() const { return state_ == State::Ended; }
    uint64_t next_offset() const { return next_off_; }
    uint64_t buffered_bytes() const { return ooo_ ? ooo_->bytes : 0; }
    std::size_t buffered_segments() const { return ooo_ ? ooo_->pieces.size() : 0; }

private:
    enum class State : uint8_t { Idle, Open, Ended };
    struct Piece {
        std::vector<uint8_t> bytes;
        uint64_t frame_number;
    };
    struct Buffer {
        std::map<uint64_t, Piece> pieces;  // by stream offset; never overlapping
        uint64_t bytes = 0;
    };

    // Stream offset of a sequence number, relative to the next expected byte;
    // negative when it lies before the start of the stream.
    int64_t offset_of(uint32_t seq) const;
    void accept(uint64_t off, std::span<const uint8_t> bytes, uint64_t announced, int64_t frame_offset,
                uint64_t frame_number, ReassemblySink& sink, ReassemblyBudget& budget, ReassemblyNotes& notes);
    void deliver_direct(std::span<const uint8_t> bytes, int64_t frame_offset, uint64_t frame_number,
                        ReassemblySink& sink);
    // Stores the parts of [off, off+bytes) not already held; compares the rest.
    void store(uint64_t off, std::span<const uint8_t> bytes, uint64_t frame_number, ReassemblyBudget& budget,
               ReassemblyNotes& notes);
    bool over_limit(uint64_t extra_bytes, std::size_t extra_pieces, const ReassemblyBudget& budget) const;
    // Delivers buffered pieces that start at or before the next offset.
    void drain(ReassemblySink& sink, ReassemblyBudget& budget);
    // Moves the next offset up to `limit`, declaring gaps over holes and
    // delivering buffered pieces on the way.
    void flush_to(uint64_t limit, ReassemblySink& sink, ReassemblyBudget& budget, ReassemblyNotes& notes);
    // Flushes the earliest hole and what follows it.
    void flush_first_hole(ReassemblySink& sink, ReassemblyBudget& budget, ReassemblyNotes& notes);
    void maybe_end_at_fin(ReassemblySink& sink, ReassemblyBudget& budget);
    void free_buffer(ReassemblyBudget& budget);

    std::unique_ptr<Buffer> ooo_;
    uint64_t next_off_ = 0;
    uint64_t fin_off_ = 0;
    uint64_t acked_off_ = 0;  // highest offset the peer acknowledged
    uint32_t next_seq_ = 0;   // sequence number of next_off_
    State state_ = State::Idle;
    bool fin_seen_ = false;
};

}  // namespace ms
