// Fields of the network layer and the minimal transports shown beside TCP:
// IPv4 (options, fragments), IPv6 (extension headers, fragments), UDP and
// ICMP/ICMPv6 headers. Names, labels and types are Wireshark's.
#pragma once

#include "dissectors/core/field_registry.hpp"

namespace ms {

extern const ValueName kIpProtoNames[];
extern const std::size_t kIpProtoNameCount;
const char* ip_proto_name(uint8_t proto);  // null when unknown

extern const ValueName kSetNames[2];          // Not set / Set
extern const ValueName kYesNoNames[2];        // No / Yes
extern const ValueName kChecksumStatusNames[5];
extern const ValueName kDscpNames[];
extern const std::size_t kDscpNameCount;
extern const ValueName kEcnNames[4];
extern const ValueName kIpOptClassNames[4];
extern const ValueName kIpOptNumberNames[];
extern const std::size_t kIpOptNumberNameCount;
extern const ValueName kIpv6OptNames[];
extern const std::size_t kIpv6OptNameCount;
extern const ValueName kIpv6OptActionNames[4];
extern const ValueName kIpv6RoutingTypeNames[];
extern const std::size_t kIpv6RoutingTypeNameCount;
extern const ValueName kIcmpTypeNames[];
extern const std::size_t kIcmpTypeNameCount;
extern const ValueName kDscpShortNames[];
extern const std::size_t kDscpShortNameCount;
extern const ValueName kEcnShortNames[4];
const char* icmp_unreachable_code_name(uint8_t code);  // null when unknown
const char* value_name_in(std::span<const ValueName> table, uint64_t v);  // null when absent

// clang-format off
#define MS_IP_FIELDS(X)                                                                         \
    X(proto, "ip", "Internet Protocol Version 4", Protocol, None)                              \
    X(version, "ip.version", "Version", U8, Dec)                                               \
    X(hdr_len, "ip.hdr_len", "Header Length", U8, Dec)                                         \
    X(dsfield, "ip.dsfield", "Differentiated Services Field", U8, Hex)                         \
    X(dsfield_dscp, "ip.dsfield.dscp", "Differentiated Services Codepoint", U8, Dec,           \
      {kDscpNames, kDscpNameCount}, 0xfc)                                                      \
    X(dsfield_ecn, "ip.dsfield.ecn", "Explicit Congestion Notification", U8, Dec,              \
      {kEcnNames, 4}, 0x03)                                                                    \
    X(len, "ip.len", "Total Length", U16, Dec)                                                 \
    X(ident, "ip.id", "Identification", U16, HexDec)                                              \
    X(dst, "ip.dst", "Destination Address", IPv4, None)                                        \
    X(dst_host, "ip.dst_host", "Destination Host", String, None)                               \
    X(src, "ip.src", "Source Address", IPv4, None)                                             \
    X(src_host, "ip.src_host", "Source Host", String, None)                                    \
    X(addr, "ip.addr", "Source or Destination Address", IPv4, None)                            \
    X(host, "ip.host", "Source or Destination Host", String, None)                             \
    X(flags, "ip.flags", "Flags", U8, Hex, {}, 0xe0)                                           \
    X(flags_rb, "ip.flags.rb", "Reserved bit", Boolean, None, {kSetNames, 2}, 0x80)            \
    X(flags_df, "ip.flags.df", "Don't fragment", Boolean, None, {kSetNames, 2}, 0x40)          \
    X(flags_mf, "ip.flags.mf", "More fragments", Boolean, None, {kSetNames, 2}, 0x20)          \
    X(frag_offset, "ip.frag_offset", "Fragment Offset", U16, Dec, {}, 0x1fff)                  \
    X(ttl, "ip.ttl", "Time to Live", U8, Dec)                                                  \
    X(ip_proto, "ip.proto", "Protocol", U8, Dec, {kIpProtoNames, kIpProtoNameCount})           \
    X(checksum, "ip.checksum", "Header Checksum", U16, Hex)                                    \
    X(checksum_status, "ip.checksum.status", "Header checksum status", U8, None,               \
      {kChecksumStatusNames, 5})                                                               \
    X(options, "ip.options", "Options", None, None)                                            \
    X(opt_type, "ip.opt.type", "Type", U8, Dec)                                                \
    X(opt_type_copy, "ip.opt.type.copy", "Copy on fragmentation", Boolean, None,               \
      {kYesNoNames, 2}, 0x80)                                                                  \
    X(opt_type_class, "ip.opt.type.class", "Class", U8, Dec, {kIpOptClassNames, 4}, 0x60)      \
    X(opt_type_number, "ip.opt.type.number", "Number", U8, Dec,                                \
      {kIpOptNumberNames, kIpOptNumberNameCount}, 0x1f)                                        \
    X(opt_len, "ip.opt.len", "Length", U8, Dec)                                                \
    X(opt_ptr, "ip.opt.ptr", "Pointer", U8, Dec)                                               \
    X(opt_ra, "ip.opt.ra", "Router Alert", U16, Dec)                                           \
    X(opt_padding, "ip.opt.padding", "Padding", Bytes, None)                                   \
    X(rec_rt, "ip.rec_rt", "Recorded Route", IPv4, None)                                       \
    X(src_rt, "ip.src_rt", "Source Route", IPv4, None)                                         \
    X(empty_rt, "ip.empty_rt", "Empty Route", IPv4, None)                                      \
    X(opt_eol, "ip.options.eol", "IP Option - End of Options List (EOL)", Protocol, None)     \
    X(opt_nop, "ip.options.nop", "IP Option - No-Operation (NOP)", Protocol, None)            \
    X(opt_security, "ip.options.security", "IP Option - Security", Protocol, None)            \
    X(opt_lsrr, "ip.options.route", "IP Option - Loose Source Route", Protocol, None)         \
    X(opt_timestamp, "ip.options.timestamp", "IP Option - Time Stamp", Protocol, None)        \
    X(opt_record_route, "ip.options.record_route", "IP Option - Record Route", Protocol, None) \
    X(opt_ssrr, "ip.options.source_route", "IP Option - Strict Source Route", Protocol, None) \
    X(opt_router_alert, "ip.options.routeralert", "IP Option - Router Alert", Protocol, None) \
    X(fragment_overlap, "ip.fragment.overlap", "Fragment overlap", Boolean, None)              \
    X(fragment_overlap_conflict, "ip.fragment.overlap.conflict",                               \
      "Conflicting data in fragment overlap", Boolean, None)                                   \
    X(fragment_multipletails, "ip.fragment.multipletails", "Multiple tail fragments found",    \
      Boolean, None)                                                                           \
    X(fragment_toolong, "ip.fragment.toolongfragment", "Fragment too long", Boolean, None)     \
    X(fragment_count, "ip.fragment.count", "Fragment count", U32, Dec)                         \
    X(fragment, "ip.fragment", "IPv4 Fragment", FrameNum, None)                                \
    X(fragments, "ip.fragments", "IPv4 Fragments", Bytes, None)                                \
    X(reassembled_length, "ip.reassembled.length", "Reassembled IPv4 length", U32, Dec)        \
    X(reassembled_data, "ip.reassembled.data", "Reassembled IPv4 data", Bytes, None)

#define MS_IP_EXPERTS(X)                                                                        \
    X(bogus_version, "ip.bogus_ip_version", Malformed, Error, "Bogus IP version")              \
    X(bogus_header_length, "ip.bogus_header_length", Protocol, Error, "Bogus IP header length") \
    X(bogus_length, "ip.bogus_ip_length", Protocol, Error, "Bogus IP length")                  \
    X(truncated, "ip.truncated", Malformed, Note, "Packet size limited during capture: IPv4 truncated") \
    X(opt_len_invalid, "ip.opt.len.invalid", Protocol, Error, "Invalid length for option")     \
    X(defrag_conflict, "ip.defragment.overlap_conflict", Malformed, Warn,                      \
      "Conflicting data in fragment overlap (first copy kept)")                                \
    X(defrag_multiple_tails, "ip.defragment.multiple_tails", Malformed, Warn,                  \
      "Several tail fragments with different lengths")                                         \
    X(defrag_too_long, "ip.defragment.too_long", Malformed, Warn,                              \
      "Fragment contained data past end of packet")                                            \
    X(defrag_evicted, "ip.defragment.evicted", Reassemble, Note,                               \
      "Pending fragments dropped: reassembly limit reached (ip.max_pending_datagrams / ip.max_pending_bytes)") \
    X(defrag_not_stored, "ip.defragment.not_stored", Reassemble, Note,                         \
      "Fragment not used for reassembly")

#define MS_IPV6_FIELDS(X)                                                                       \
    X(proto, "ipv6", "Internet Protocol Version 6", Protocol, None)                            \
    X(version, "ipv6.version", "Version", U8, Dec)                                             \
    X(tclass, "ipv6.tclass", "Traffic Class", U32, Hex, {}, 0x0ff00000)                        \
    X(tclass_dscp, "ipv6.tclass.dscp", "Differentiated Services Codepoint", U32, Dec,          \
      {kDscpNames, kDscpNameCount}, 0x0fc00000)                                                \
    X(tclass_ecn, "ipv6.tclass.ecn", "Explicit Congestion Notification", U32, Dec,             \
      {kEcnNames, 4}, 0x00300000)                                                              \
    X(flow, "ipv6.flow", "Flow Label", U24, Hex, {}, 0xfffff)                                  \
    X(plen, "ipv6.plen", "Payload Length", U16, Dec)                                           \
    X(nxt, "ipv6.nxt", "Next Header", U8, Dec, {kIpProtoNames, kIpProtoNameCount})             \
    X(hlim, "ipv6.hlim", "Hop Limit", U8, Dec)                                                 \
    X(src, "ipv6.src", "Source Address", IPv6, None)                                           \
    X(src_host, "ipv6.src_host", "Source Host", String, None)                                  \
    X(dst, "ipv6.dst", "Destination Address", IPv6, None)                                      \
    X(dst_host, "ipv6.dst_host", "Destination Host", String, None)                             \
    X(addr, "ipv6.addr", "Source or Destination Address", IPv6, None)                          \
    X(host, "ipv6.host", "Source or Destination Host", String, None)                           \
    X(opt, "ipv6.opt", "IPv6 Option", None, None)                                              \
    X(opt_type, "ipv6.opt.type", "Type", U8, Hex, {kIpv6OptNames, kIpv6OptNameCount})         \
    X(opt_type_action, "ipv6.opt.type.action", "Action", U8, Dec, {kIpv6OptActionNames, 4}, 0xc0) \
    X(opt_type_change, "ipv6.opt.type.change", "May Change", Boolean, None, {kYesNoNames, 2}, 0x20) \
    X(opt_type_rest, "ipv6.opt.type.rest", "Low-Order Bits", U8, Hex, {}, 0x1f)                \
    X(opt_length, "ipv6.opt.length", "Length", U8, Dec)                                        \
    X(opt_pad1, "ipv6.opt.pad1", "Pad1", None, None)                                           \
    X(opt_padn, "ipv6.opt.padn", "PadN", Bytes, None)                                          \
    X(opt_router_alert, "ipv6.opt.router_alert", "Router Alert", U16, Dec)                     \
    X(opt_unknown, "ipv6.opt.unknown", "Unknown Option Payload", Bytes, None)                  \
    X(fragment_overlap, "ipv6.fragment.overlap", "Fragment overlap", Boolean, None)            \
    X(fragment_overlap_conflict, "ipv6.fragment.overlap.conflict",                             \
      "Conflicting data in fragment overlap", Boolean, None)                                   \
    X(fragment_multipletails, "ipv6.fragment.multipletails", "Multiple tail fragments found",  \
      Boolean, None)                                                                           \
    X(fragment_toolong, "ipv6.fragment.toolongfragment", "Fragment too long", Boolean, None)   \
    X(fragment_count, "ipv6.fragment.count", "Fragment count", U32, Dec)                       \
    X(fragment, "ipv6.fragment", "IPv6 Fragment", FrameNum, None)                              \
    X(fragments, "ipv6.fragments", "IPv6 Fragments", None, None)                               \
    X(reassembled_length, "ipv6.reassembled.length", "Reassembled IPv6 length", U32, Dec)      \
    X(reassembled_data, "ipv6.reassembled.data", "Reassembled IPv6 data", Bytes, None)         \
    X(hopopts, "ipv6.hopopts", "IPv6 Hop-by-Hop Option", Protocol, None)                       \
    X(hopopts_nxt, "ipv6.hopopts.nxt", "Next Header", U8, Dec, {kIpProtoNames, kIpProtoNameCount}) \
    X(hopopts_len, "ipv6.hopopts.len", "Length", U8, Dec)                                      \
    X(hopopts_len_oct, "ipv6.hopopts.len_oct", "Length", U16, Dec)                             \
    X(routing, "ipv6.routing", "Routing Header for IPv6", Protocol, None)                       \
    X(routing_nxt, "ipv6.routing.nxt", "Next Header", U8, Dec, {kIpProtoNames, kIpProtoNameCount}) \
    X(routing_len, "ipv6.routing.len", "Length", U8, Dec)                                      \
    X(routing_len_oct, "ipv6.routing.len_oct", "Length", U16, Dec)                             \
    X(routing_type, "ipv6.routing.type", "Type", U8, Dec,                                      \
      {kIpv6RoutingTypeNames, kIpv6RoutingTypeNameCount})                                      \
    X(routing_segleft, "ipv6.routing.segleft", "Segments Left", U8, Dec)                       \
    X(routing_unknown_data, "ipv6.routing.unknown_data", "Type-Specific Data", Bytes, None)    \
    X(routing_src_reserved, "ipv6.routing.src.reserved", "Reserved", Bytes, None)              \
    X(fraghdr, "ipv6.fraghdr", "Fragment Header for IPv6", Protocol, None)                     \
    X(fraghdr_nxt, "ipv6.fraghdr.nxt", "Next header", U8, Dec, {kIpProtoNames, kIpProtoNameCount}) \
    X(fraghdr_reserved_octet, "ipv6.fraghdr.reserved_octet", "Reserved octet", U8, Hex)        \
    X(fraghdr_offset, "ipv6.fraghdr.offset", "Offset", U16, Dec, {}, 0xfff8)                   \
    X(fraghdr_reserved_bits, "ipv6.fraghdr.reserved_bits", "Reserved bits", U16, Dec, {}, 0x6) \
    X(fraghdr_more, "ipv6.fraghdr.more", "More Fragments", Boolean, None, {kYesNoNames, 2}, 0x1, "", 16) \
    X(fraghdr_ident, "ipv6.fraghdr.ident", "Identification", U32, Hex)                         \
    X(dstopts, "ipv6.dstopts", "Destination Options for IPv6", Protocol, None)                 \
    X(dstopts_nxt, "ipv6.dstopts.nxt", "Next Header", U8, Dec, {kIpProtoNames, kIpProtoNameCount}) \
    X(dstopts_len, "ipv6.dstopts.len", "Length", U8, Dec)                                      \
    X(dstopts_len_oct, "ipv6.dstopts.len_oct", "Length", U16, Dec)                             \
    X(ah, "ah", "Authentication Header", Protocol, None)                                       \
    X(ah_spi, "ah.spi", "AH SPI", U32, Hex)                                                    \
    X(ah_sequence, "ah.sequence", "AH Sequence", U32, Dec)

#define MS_IPV6_EXPERTS(X)                                                                      \
    X(bogus_version, "ipv6.bogus_ipv6_version", Malformed, Error, "Bogus IP version")          \
    X(plen_exceeds_framing, "ipv6.plen_exceeds_framing", Protocol, Warn,                       \
      "IPv6 payload length does not match expected framing length")                           \
    X(invalid_header, "ipv6.invalid_header", Malformed, Error, "Invalid IPv6 header")          \
    X(truncated, "ipv6.truncated", Malformed, Note, "Packet size limited during capture: IPv6 truncated") \
    X(routing_deprecated, "ipv6.routing.deprecated", Deprecated, Note, "Routing header type is deprecated") \
    X(too_many_headers, "ipv6.too_many_extension_headers", Malformed, Warn,                    \
      "Too many IPv6 extension headers: rest not dissected")                                   \
    X(defrag_conflict, "ipv6.defragment.overlap_conflict", Malformed, Warn,                    \
      "Conflicting data in fragment overlap (first copy kept)")                                \
    X(defrag_multiple_tails, "ipv6.defragment.multiple_tails", Malformed, Warn,                \
      "Several tail fragments with different lengths")                                         \
    X(defrag_too_long, "ipv6.defragment.too_long", Malformed, Warn,                            \
      "Fragment contained data past end of packet")                                            \
    X(defrag_evicted, "ipv6.defragment.evicted", Reassemble, Note,                             \
      "Pending fragments dropped: reassembly limit reached (ip.max_pending_datagrams / ip.max_pending_bytes)") \
    X(defrag_not_stored, "ipv6.defragment.not_stored", Reassemble, Note,                       \
      "Fragment not used for reassembly")

#define MS_UDP_FIELDS(X)                                                                        \
    X(proto, "udp", "User Datagram Protocol", Protocol, None)                                  \
    X(srcport, "udp.srcport", "Source Port", U16, Dec)                                         \
    X(dstport, "udp.dstport", "Destination Port", U16, Dec)                                    \
    X(port, "udp.port", "Source or Destination Port", U16, Dec)                                \
    X(length, "udp.length", "Length", U16, Dec)                                                \
    X(checksum, "udp.checksum", "Checksum", U16, Hex)                                          \
    X(checksum_status, "udp.checksum.status", "Checksum Status", U8, None, {kChecksumStatusNames, 5}) \
    X(payload, "udp.payload", "Payload", Bytes, None)

#define MS_UDP_EXPERTS(X)                                                                       \
    X(length_bad, "udp.length.bad", Malformed, Error, "Bad length value")                      \
    X(truncated, "udp.truncated", Malformed, Note, "Packet size limited during capture: UDP truncated")

#define MS_ICMP_FIELDS(X)                                                                       \
    X(proto, "icmp", "Internet Control Message Protocol", Protocol, None)                      \
    X(type, "icmp.type", "Type", U8, Dec, {kIcmpTypeNames, kIcmpTypeNameCount})                \
    X(code, "icmp.code", "Code", U8, Dec)                                                      \
    X(checksum, "icmp.checksum", "Checksum", U16, Hex)                                         \
    X(checksum_status, "icmp.checksum.status", "Checksum Status", U8, None, {kChecksumStatusNames, 5}) \
    X(unused, "icmp.unused", "Unused", Bytes, None)                                            \
    X(ident, "icmp.ident", "Identifier (BE)", U16, DecHex)                                     \
    X(seq, "icmp.seq", "Sequence Number (BE)", U16, DecHex)                                    \
    X(mtu, "icmp.mtu", "MTU of next hop", U16, Dec)                                            \
    X(v6_proto, "icmpv6", "Internet Control Message Protocol v6", Protocol, None)              \
    X(v6_type, "icmpv6.type", "Type", U8, Dec)                                                 \
    X(v6_code, "icmpv6.code", "Code", U8, Dec)                                                 \
    X(v6_checksum, "icmpv6.checksum", "Checksum", U16, Hex)

#define MS_ICMP_EXPERTS(X)                                                                      \
    X(truncated, "icmp.truncated", Malformed, Note, "Packet size limited during capture: ICMP truncated")
// clang-format on

MS_DECLARE_FIELDS(ip_fields, MS_IP_FIELDS)
MS_DECLARE_EXPERTS(ip_experts, MS_IP_EXPERTS)
MS_DECLARE_FIELDS(ipv6_fields, MS_IPV6_FIELDS)
MS_DECLARE_EXPERTS(ipv6_experts, MS_IPV6_EXPERTS)
MS_DECLARE_FIELDS(udp_fields, MS_UDP_FIELDS)
MS_DECLARE_EXPERTS(udp_experts, MS_UDP_EXPERTS)
MS_DECLARE_FIELDS(icmp_fields, MS_ICMP_FIELDS)
MS_DECLARE_EXPERTS(icmp_experts, MS_ICMP_EXPERTS)

}  // namespace ms
