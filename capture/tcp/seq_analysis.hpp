// SEQ/ACK analysis as Wireshark does it (tcp.analysis.*): per direction, the
// highest sequence seen, the last ACK and window, duplicate-ACK counting and
// the list of unacknowledged segments (for acks_frame, RTT and bytes in
// flight). The rules follow Wireshark 4.0's so that `-T fields` output agrees
// frame for frame; comments name the rule, not the code it came from.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace ms {

namespace seq_flag {
inline constexpr uint32_t kRetransmission = 0x0001, kLostPacket = 0x0002, kAckLostPacket = 0x0004,
                          kKeepAlive = 0x0008, kDuplicateAck = 0x0010, kZeroWindow = 0x0020,
                          kZeroWindowProbe = 0x0040, kZeroWindowProbeAck = 0x0080,
                          kKeepAliveAck = 0x0100, kOutOfOrder = 0x0200, kFastRetransmission = 0x0400,
                          kWindowUpdate = 0x0800, kWindowFull = 0x1000, kReusedPorts = 0x2000,
                          kSpuriousRetransmission = 0x4000;
}

// One direction's analysis state (tshark's tcp_flow_t + seq info). Kept small:
// the unacked list lives on the heap only while segments are outstanding.
struct SeqDirState {
    struct Unacked {
        uint32_t frame;
        uint32_t seq, nextseq;
        int64_t ts;
    };
    int64_t nextseqtime = 0, lastacktime = 0;
    std::unique_ptr<std::vector<Unacked>> unacked;
    uint32_t base_seq = 0;
    uint32_t nextseq = 0;
    uint32_t maxseqtobeacked = 0;
    uint32_t lastack = 0;
    uint32_t nextseqframe = 0;
    uint32_t lastnondupack = 0;
    uint32_t push_bytes_sent = 0;
    uint32_t sack_delivered = 0;  // sum of the SACK blocks in this side's last segment
    int32_t dupacknum = 0;
    uint16_t window = 0;          // last window as sent
    uint16_t lastsegmentflags = 0;
    int8_t win_scale = -1;        // -1 unknown, -2 no scaling, else shift
    bool base_set = false;
    bool valid_bif = true;
    bool push_set_last = false;
    bool is_first_ack = false;
    bool closing_initiator = false;

    std::size_t unacked_count() const { return unacked ? unacked->size() : 0; }
};

// What the analysis says about one segment (tshark's tcp_acked).
struct SeqResult {
    bool present = false;  // tshark shows the [SEQ/ACK analysis] subtree
    uint32_t flags = 0;
    uint32_t frame_acked = 0;
    int64_t ack_rtt = 0;
    uint32_t bytes_in_flight = 0;
    uint32_t push_bytes_sent = 0;
    uint32_t dupack_num = 0;
    uint32_t dupack_frame = 0;
    int64_t rto = 0;
    uint32_t rto_frame = 0;
};

struct SeqSegment {
    uint32_t frame;
    int64_t ts;
    uint32_t seq, ack, seglen;
    uint16_t flags;
    uint16_t window;  // as sent
};

// The relative-numbering bases alone (what stream tracking needs even when
// nobody reads the analysis): analyze_sequence does this first.
void note_sequence_bases(const SeqSegment& s, SeqDirState& fwd, SeqDirState& rev);

// Runs the analysis of one segment travelling fwd (the reverse direction is
// rev). `first_rtt` is the connection's iRTT (0 = not known yet).
void analyze_sequence(const SeqSegment& s, SeqDirState& fwd, SeqDirState& rev, int64_t first_rtt,
                      SeqResult& ta);

// Window scaling bookkeeping done after a SYN's options were read.
void verify_window_scaling(bool is_synack, SeqDirState& fwd, SeqDirState& rev);

}  // namespace ms
