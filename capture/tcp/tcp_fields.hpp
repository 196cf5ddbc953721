// Every field and expert item the TCP layer adds: Wireshark's filter names,
// labels and types (checked against `tshark -G fields`), plus a few
// mailscope additions for reassembly problems under "tcp.reassembly.".
#pragma once

#include "dissectors/core/field_registry.hpp"

// Value tables named here are defined in tcp_fields.cpp.
#define MS_TCP_FIELDS(X)                                                                          \
    X(proto, "tcp", "Transmission Control Protocol", Protocol, None)                              \
    X(srcport, "tcp.srcport", "Source Port", U16, Dec)                                            \
    X(dstport, "tcp.dstport", "Destination Port", U16, Dec)                                       \
    X(port, "tcp.port", "Source or Destination Port", U16, Dec)                                   \
    X(stream, "tcp.stream", "Stream index", U32, Dec)                                             \
    X(completeness, "tcp.completeness", "Conversation completeness", U8, Dec)                     \
    X(len, "tcp.len", "TCP Segment Len", U32, Dec)                                                \
    X(seq, "tcp.seq", "Sequence Number", U32, Dec)                                                \
    X(seq_raw, "tcp.seq_raw", "Sequence Number (raw)", U32, Dec)                                  \
    X(nxtseq, "tcp.nxtseq", "Next Sequence Number", U32, Dec)                                     \
    X(ack, "tcp.ack", "Acknowledgment Number", U32, Dec)                                          \
    X(ack_raw, "tcp.ack_raw", "Acknowledgment number (raw)", U32, Dec)                            \
    X(hdr_len, "tcp.hdr_len", "Header Length", U8, Dec)                                           \
    X(flags, "tcp.flags", "Flags", U16, Hex, {}, 0xfff)                                           \
    X(flags_res, "tcp.flags.res", "Reserved", Boolean, None, kSetNames, 0xe00, "", 12)            \
    X(flags_ae, "tcp.flags.ae", "Accurate ECN", Boolean, None, kSetNames, 0x100, "", 12)          \
    X(flags_cwr, "tcp.flags.cwr", "Congestion Window Reduced", Boolean, None, kSetNames, 0x80, "", 12) \
    X(flags_ece, "tcp.flags.ece", "ECN-Echo", Boolean, None, kSetNames, 0x40, "", 12)             \
    X(flags_urg, "tcp.flags.urg", "Urgent", Boolean, None, kSetNames, 0x20, "", 12)               \
    X(flags_ack, "tcp.flags.ack", "Acknowledgment", Boolean, None, kSetNames, 0x10, "", 12)       \
    X(flags_push, "tcp.flags.push", "Push", Boolean, None, kSetNames, 0x8, "", 12)                \
    X(flags_reset, "tcp.flags.reset", "Reset", Boolean, None, kSetNames, 0x4, "", 12)             \
    X(flags_syn, "tcp.flags.syn", "Syn", Boolean, None, kSetNames, 0x2, "", 12)                   \
    X(flags_fin, "tcp.flags.fin", "Fin", Boolean, None, kSetNames, 0x1, "", 12)                   \
    X(flags_str, "tcp.flags.str", "TCP Flags", String, None)                                      \
    X(window_size_value, "tcp.window_size_value", "Window", U16, Dec)                             \
    X(window_size, "tcp.window_size", "Calculated window size", U32, Dec)                         \
    X(window_size_scalefactor, "tcp.window_size_scalefactor", "Window size scaling factor", I32, Dec) \
    X(checksum, "tcp.checksum", "Checksum", U16, Hex)                                             \
    X(checksum_status, "tcp.checksum.status", "Checksum Status", U8, None, kChecksumStatusNames)  \
    X(urgent_pointer, "tcp.urgent_pointer", "Urgent Pointer", U16, Dec)                           \
    X(options, "tcp.options", "TCP Options", Bytes, None)                                         \
    X(opt_mss, "tcp.options.mss", "TCP Option - Maximum segment size", Protocol, None)            \
    X(opt_nop, "tcp.options.nop", "TCP Option - No-Operation (NOP)", Protocol, None)              \
    X(opt_eol, "tcp.options.eol", "TCP Option - End of Option List (EOL)", Protocol, None)        \
    X(opt_wscale, "tcp.options.wscale", "TCP Option - Window scale", Protocol, None)              \
    X(opt_sack_perm, "tcp.options.sack_perm", "TCP Option - SACK permitted", Protocol, None)      \
    X(opt_sack, "tcp.options.sack", "TCP Option - SACK", Protocol, None)                          \
    X(opt_timestamp, "tcp.options.timestamp", "TCP Option - Timestamps", Protocol, None)          \
    X(opt_unknown, "tcp.options.unknown", "TCP Option - Unknown", Protocol, None)                 \
    X(option_kind, "tcp.option_kind", "Kind", U8, Dec, kOptionKindNames)                          \
    X(option_len, "tcp.option_len", "Length", U8, Dec)                                            \
    X(mss_val, "tcp.options.mss_val", "MSS Value", U16, Dec)                                      \
    X(wscale_shift, "tcp.options.wscale.shift", "Shift count", U8, Dec)                           \
    X(wscale_multiplier, "tcp.options.wscale.multiplier", "Multiplier", U16, Dec)                 \
    X(sack_le, "tcp.options.sack_le", "TCP SACK Left Edge", U32, Dec)                             \
    X(sack_re, "tcp.options.sack_re", "TCP SACK Right Edge", U32, Dec)                            \
    X(sack_count, "tcp.options.sack.count", "TCP SACK Count", U8, Dec)                            \
    X(ts_val, "tcp.options.timestamp.tsval", "Timestamp value", U32, Dec)                         \
    X(ts_ecr, "tcp.options.timestamp.tsecr", "Timestamp echo reply", U32, Dec)                    \
    X(unknown_payload, "tcp.options.unknown.payload", "Payload", Bytes, None)                     \
    X(timestamps, "tcp.timestamps", "Timestamps", None, None)                                     \
    X(time_relative, "tcp.time_relative", "Time since first frame in this TCP stream", RelTime, None) \
    X(time_delta, "tcp.time_delta", "Time since previous frame in this TCP stream", RelTime, None) \
    X(analysis, "tcp.analysis", "SEQ/ACK analysis", None, None)                                   \
    X(analysis_flags, "tcp.analysis.flags", "TCP Analysis Flags", None, None)                     \
    X(acks_frame, "tcp.analysis.acks_frame", "This is an ACK to the segment in frame", FrameNum, None) \
    X(ack_rtt, "tcp.analysis.ack_rtt", "The RTT to ACK the segment was", RelTime, None)           \
    X(initial_rtt, "tcp.analysis.initial_rtt", "iRTT", RelTime, None)                             \
    X(bytes_in_flight, "tcp.analysis.bytes_in_flight", "Bytes in flight", U32, Dec)               \
    X(push_bytes_sent, "tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", U32, Dec) \
    X(rto, "tcp.analysis.rto", "The RTO for this segment was", RelTime, None)                     \
    X(rto_frame, "tcp.analysis.rto_frame", "RTO based on delta from frame", FrameNum, None)       \
    X(duplicate_ack_num, "tcp.analysis.duplicate_ack_num", "Duplicate ACK #", U32, Dec)           \
    X(duplicate_ack_frame, "tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", FrameNum, None) \
    X(payload, "tcp.payload", "TCP payload", Bytes, None)

// Expert items: Wireshark's abbrevs, groups and severities.
#define MS_TCP_EXPERTS(X)                                                                              \
    X(retransmission, "tcp.analysis.retransmission", Sequence, Note,                                   \
      "This frame is a (suspected) retransmission")                                                    \
    X(fast_retransmission, "tcp.analysis.fast_retransmission", Sequence, Note,                         \
      "This frame is a (suspected) fast retransmission")                                               \
    X(spurious_retransmission, "tcp.analysis.spurious_retransmission", Sequence, Note,                 \
      "This frame is a (suspected) spurious retransmission")                                           \
    X(out_of_order, "tcp.analysis.out_of_order", Sequence, Warn,                                       \
      "This frame is a (suspected) out-of-order segment")                                              \
    X(reused_ports, "tcp.analysis.reused_ports", Sequence, Note,                                       \
      "A new tcp session is started with the same ports as an earlier session in this trace")          \
    X(lost_segment, "tcp.analysis.lost_segment", Sequence, Warn,                                       \
      "Previous segment(s) not captured (common at capture start)")                                    \
    X(ack_lost_segment, "tcp.analysis.ack_lost_segment", Sequence, Warn,                               \
      "ACKed segment that wasn't captured (common at capture start)")                                  \
    X(window_update, "tcp.analysis.window_update", Sequence, Chat, "TCP window update")                \
    X(window_full, "tcp.analysis.window_full", Sequence, Warn,                                         \
      "TCP window specified by the receiver is now completely full")                                   \
    X(keep_alive, "tcp.analysis.keep_alive", Sequence, Note, "TCP keep-alive segment")                 \
    X(keep_alive_ack, "tcp.analysis.keep_alive_ack", Sequence, Note, "ACK to a TCP keep-alive segment") \
    X(duplicate_ack, "tcp.analysis.duplicate_ack", Sequence, Note, "Duplicate ACK")                    \
    X(zero_window_probe, "tcp.analysis.zero_window_probe", Sequence, Note, "TCP Zero Window Probe")    \
    X(zero_window, "tcp.analysis.zero_window", Sequence, Warn, "TCP Zero Window segment")              \
    X(zero_window_probe_ack, "tcp.analysis.zero_window_probe_ack", Sequence, Note,                     \
      "ACK to a TCP Zero Window Probe")                                                                \
    X(connection_syn, "tcp.connection.syn", Sequence, Chat, "Connection establish request (SYN)")      \
    X(connection_synack, "tcp.connection.synack", Sequence, Chat,                                      \
      "Connection establish acknowledge (SYN+ACK)")                                                    \
    X(connection_fin, "tcp.connection.fin", Sequence, Chat, "Connection finish (FIN)")                 \
    X(connection_rst, "tcp.connection.rst", Sequence, Warn, "Connection reset (RST)")                  \
    X(fin_active, "tcp.connection.fin_active", Sequence, Note, "This frame initiates the connection closing") \
    X(fin_passive, "tcp.connection.fin_passive", Sequence, Note, "This frame undergoes the connection closing") \
    X(short_segment, "tcp.short_segment", Malformed, Warn, "Short segment")                            \
    X(bogus_header_length, "tcp.bogus_header_length", Malformed, Error, "Bogus TCP header length")     \
    X(option_len_invalid, "tcp.option.len.invalid", Malformed, Error, "Invalid length for option")     \
    X(wscale_shift_invalid, "tcp.options.wscale.shift.invalid", Protocol, Warn,                        \
      "Window scale shift exceeds 14")                                                                 \
    X(urgent_pointer_non_zero, "tcp.urgent_pointer.non_zero", Protocol, Note,                          \
      "The urgent pointer field is nonzero while the URG flag is not set")                             \
    X(ack_nonzero, "tcp.ack.nonzero", Protocol, Note,                                                  \
      "The acknowledgment number field is nonzero while the ACK flag is not set")                      \
    /* mailscope additions: reassembly problems */                                                     \
    X(overlap_conflict, "tcp.reassembly.overlap_conflict", Reassemble, Warn,                           \
      "Retransmitted or overlapping data differs from the copy already received; the first copy is kept") \
    X(reassembly_limit, "tcp.reassembly.limit", Reassemble, Note,                                      \
      "Out-of-order buffer limit reached; the stream continues after a gap")                           \
    X(flow_limit, "tcp.reassembly.flow_limit", Reassemble, Note,                                       \
      "Too many TCP connections; the oldest idle one was closed")                                      \
    X(gap, "tcp.reassembly.gap", Sequence, Warn,                                                       \
      "Bytes missing from the capture; the application data continues after a gap")

MS_DECLARE_FIELDS(tcp_fields, MS_TCP_FIELDS)
MS_DECLARE_EXPERTS(tcp_experts, MS_TCP_EXPERTS)

namespace ms {
// Registers tcp_fields and tcp_experts (idempotent); register_all() calls it.
void register_tcp_fields(FieldRegistry& reg);
}  // namespace ms
