#include "capture/tcp/seq_analysis.hpp"

#include "capture/tcp/tcp_header.hpp"

namespace ms {

namespace {
// Sequence-space comparisons (RFC 1982 style, as Wireshark's GT_SEQ & co).
bool gt_seq(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }
bool lt_seq(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }
bool le_seq(uint32_t a, uint32_t b) { return int32_t(a - b) <= 0; }

// Elapsed time as Wireshark computes it: unsigned, so a clock going backwards
// counts as a very long time, never as a short one.
uint64_t elapsed(int64_t now, int64_t then) { return uint64_t(now - then); }

// Wireshark stops tracking unacked segments past this many per direction.
constexpr std::size_t kMaxUnacked = 1000;
constexpr uint64_t kFastRetransWindowNs = 20'000'000;
constexpr uint64_t kDefaultOooThresholdNs = 3'000'000;
}  // namespace

void note_sequence_bases(const SeqSegment& s, SeqDirState& fwd, SeqDirState& rev) {
    using namespace tcp_flag;
    // Relative numbering: the SYN's sequence is 0; without a SYN the first
    // sequence seen shows as 1. The peer's base comes from the first ACK.
    if (!fwd.base_set) {
        fwd.base_seq = (s.flags & kSyn) ? s.seq : s.seq - 1;
        fwd.base_set = true;
    }
    if (!rev.base_set && (s.flags & kAck)) {
        rev.base_seq = s.ack - 1;
        rev.base_set = true;
    }
}

void analyze_sequence(const SeqSegment& s, SeqDirState& fwd, SeqDirState& rev, int64_t first_rtt,
                      SeqResult& ta) {
    using namespace tcp_flag;
    const uint16_t fl = s.flags;
    const bool syn_fin_rst = fl & (kSyn | kFin | kRst);

    note_sequence_bases(s, fwd, rev);
    if (fl & kAck) rev.valid_bif = true;

    auto mark = [&](uint32_t f) {
        ta.present = true;
        ta.flags |= f;
    };

    do {
        // Zero window probe: one byte at the expected sequence into a closed window.
        if (s.seglen == 1 && s.seq == fwd.nextseq && rev.window == 0) {
            mark(seq_flag::kZeroWindowProbe);
            break;
        }
        if (s.window == 0 && !syn_fin_rst) mark(seq_flag::kZeroWindow);

        // A segment beyond the highest sequence seen: something before it was missed.
        if (fwd.nextseq && gt_seq(s.seq, fwd.nextseq) && !(fl & kRst)) {
            mark(seq_flag::kLostPacket);
            fwd.valid_bif = false;  // until the peer ACKs again
        }
        // Keep-alive: 0 or 1 byte one before the expected sequence.
        if ((s.seglen == 0 || s.seglen == 1) && s.seq == fwd.nextseq - 1 && !syn_fin_rst)
            mark(seq_flag::kKeepAlive);

        // Window update: same SEQ/ACK as before, empty, with a new window.
        if (s.seglen == 0 && s.window && s.window != fwd.window && s.seq == fwd.nextseq &&
            s.ack == fwd.lastack && !syn_fin_rst)
            mark(seq_flag::kWindowUpdate);

        // Window full: the data reaches exactly the right edge the peer offered.
        if (s.seglen > 0 && rev.win_scale != -1 && !syn_fin_rst) {
            int shift = rev.is_first_ack ? 0 : (rev.win_scale == -2 ? 0 : rev.win_scale);
            uint32_t edge = rev.lastack + (uint32_t(rev.window) << shift);
            if (s.seq + s.seglen == edge) mark(seq_flag::kWindowFull);
        }

        const bool same_as_last = s.seglen == 0 && s.window == fwd.window && s.seq == fwd.nextseq &&
                                  s.ack == fwd.lastack && !syn_fin_rst;
        if (same_as_last && s.window && (rev.lastsegmentflags & seq_flag::kKeepAlive)) {
            mark(seq_flag::kKeepAliveAck);
            break;
        }
        if (same_as_last && s.window == 0 && (rev.lastsegmentflags & seq_flag::kZeroWindowProbe)) {
            mark(seq_flag::kZeroWindowProbeAck);
            break;
        }
        if (same_as_last && s.window) {
            fwd.dupacknum = fwd.dupacknum == -1 ? 1 : fwd.dupacknum + 1;
            mark(seq_flag::kDuplicateAck);
            ta.dupack_num = uint32_t(fwd.dupacknum);
            ta.dupack_frame = fwd.lastnondupack;
        }
    } while (false);

    // A new ACK value restarts duplicate counting.
    if (s.ack != fwd.lastack) {
        fwd.lastnondupack = s.frame;
        fwd.dupacknum = 0;
    }

    // ACKed unseen segment: the ACK covers data this capture never showed.
    if (rev.maxseqtobeacked && gt_seq(s.ack, rev.maxseqtobeacked) && (fl & kAck)) {
        mark(seq_flag::kAckLostPacket);
        // Report it once: what the peer sent so far now counts as acked.
        rev.maxseqtobeacked = rev.nextseq;
    }

    // Retransmission, fast retransmission, spurious retransmission, out-of-order.
    if ((s.seglen > 0 || (fl & (kSyn | kFin))) && !(ta.flags & seq_flag::kKeepAlive)) {
        bool not_advanced = fwd.nextseq && lt_seq(s.seq, fwd.nextseq);
        // More than one byte starting just before nextseq (after a probe) is new data.
        if (s.seglen > 1 && fwd.nextseq - 1 == s.seq) not_advanced = false;

        if (s.seglen > 0 && rev.lastack && le_seq(s.seq + s.seglen, rev.lastack)) {
            mark(seq_flag::kSpuriousRetransmission);
        } else if (not_advanced && rev.dupacknum >= 2 && rev.lastack == s.seq &&
                   elapsed(s.ts, rev.lastacktime) < kFastRetransWindowNs) {
            mark(seq_flag::kFastRetransmission);
        } else {
            uint64_t ooo_threshold = first_rtt ? uint64_t(first_rtt) : kDefaultOooThresholdNs;
            uint32_t end = s.seq + s.seglen + ((fl & (kSyn | kFin)) ? 1 : 0);
            if (not_advanced && elapsed(s.ts, fwd.nextseqtime) < ooo_threshold && fwd.nextseq != end) {
                mark(seq_flag::kOutOfOrder);
            } else if (not_advanced) {
                mark(seq_flag::kRetransmission);
                ta.rto = s.ts - fwd.nextseqtime;
                ta.rto_frame = fwd.nextseqframe;
                // The oldest unacked segment is the likeliest original.
                if (fwd.unacked && !fwd.unacked->empty()) {
                    ta.rto = s.ts - fwd.unacked->front().ts;
                    ta.rto_frame = fwd.unacked->front().frame;
                }
            }
        }
    }

    // Remember the segment until it is acknowledged.
    uint32_t nextseq = s.seq + s.seglen;
    if ((s.seglen || (fl & (kSyn | kFin))) && fwd.unacked_count() < kMaxUnacked) {
        if (fl & (kSyn | kFin)) nextseq += 1;
        if (!fwd.unacked) fwd.unacked = std::make_unique<std::vector<SeqDirState::Unacked>>();
        fwd.unacked->push_back({s.frame, s.seq, nextseq, s.ts});
    }
    const bool probe = ta.flags & seq_flag::kZeroWindowProbe;
    if ((gt_seq(nextseq, fwd.nextseq) || !fwd.nextseq) && !probe) {
        fwd.nextseq = nextseq;
        fwd.nextseqframe = s.frame;
        fwd.nextseqtime = s.ts;
    }
    if ((s.seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) && !probe)
        fwd.maxseqtobeacked = fwd.nextseq;

    fwd.window = s.window;
    fwd.lastack = s.ack;
    fwd.lastacktime = s.ts;
    fwd.lastsegmentflags = uint16_t(ta.flags);

    // Drop what this ACK covers from the peer's unacked list, newest first
    // (so an ACK matching several copies names the oldest one).
    if (rev.unacked && !rev.unacked->empty()) {
        auto& list = *rev.unacked;
        std::size_t keep = list.size();
        for (std::size_t i = list.size(); i-- > 0;) {
            auto& u = list[i];
            bool drop;
            if (s.ack == u.nextseq) {
                ta.present = true;
                ta.frame_acked = u.frame;
                ta.ack_rtt = s.ts - u.ts;
                drop = true;
            } else if (gt_seq(s.ack, u.seq) && le_seq(s.ack, u.nextseq)) {
                u.seq = s.ack;  // partly acknowledged
                drop = false;
            } else {
                drop = !gt_seq(u.nextseq, s.ack);
            }
            if (drop) u.frame = 0, --keep;  // frame 0 marks removal
        }
        if (keep != list.size()) {
            std::size_t w = 0;
            for (std::size_t r = 0; r < list.size(); ++r)
                if (list[r].frame) list[w++] = list[r];
            list.resize(w);
        }
    }

    // Bytes in flight: the span of this side's unacked segments, minus what
    // the peer's last SACK blocks said it holds.
    if (s.seglen != 0 && fwd.unacked && !fwd.unacked->empty() && fwd.valid_bif) {
        const auto& list = *fwd.unacked;
        uint32_t first = list.back().seq - fwd.base_seq;
        uint32_t last = list.back().nextseq - fwd.base_seq;
        for (const auto& u : list) {
            if (u.nextseq - fwd.base_seq > last) last = u.nextseq - fwd.base_seq;
            if (u.seq - fwd.base_seq < first) first = u.seq - fwd.base_seq;
        }
        uint32_t in_flight = last - first - rev.sack_delivered;
        ta.present = true;
        if (in_flight > 0 && in_flight < 2'000'000'000u) {
            ta.bytes_in_flight = in_flight;
            if (fl & (kSyn | kFin)) ta.bytes_in_flight -= 1;
        }
        const bool psh = fl & kPsh;
        if (psh && !fwd.push_set_last) {
            fwd.push_bytes_sent += s.seglen;
            fwd.push_set_last = true;
        } else if (psh) {
            fwd.push_bytes_sent = s.seglen;
        } else if (fwd.push_set_last) {
            fwd.push_bytes_sent = s.seglen;
            fwd.push_set_last = false;
        } else {
            fwd.push_bytes_sent += s.seglen;
        }
        ta.push_bytes_sent = fwd.push_bytes_sent;
    }
}

void verify_window_scaling(bool is_synack, SeqDirState& fwd, SeqDirState& rev) {
    if (fwd.win_scale == -1) {
        // No WS option here: neither side scales.
        fwd.win_scale = -2;
        rev.win_scale = -2;
    } else if (is_synack && rev.win_scale == -2) {
        // WS on the SYN/ACK but not on the SYN: not used.
        fwd.win_scale = -2;
    }
}

}  // namespace ms
