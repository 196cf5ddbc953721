// Fields of the link layers: Ethernet II / 802.3, 802.1Q / 802.1ad VLAN tags,
// Linux cooked capture (SLL, SLL2) and BSD null/loopback. Names, labels and
// types are Wireshark's (tshark -G fields).
#pragma once

#include "dissectors/core/field_registry.hpp"

namespace ms {

// Ethertype names, shared by eth.type, vlan.etype and sll.etype labels.
extern const ValueName kEtherTypeNames[];
extern const std::size_t kEtherTypeNameCount;
const char* ethertype_name(uint16_t type);  // null when unknown

// clang-format off
#define MS_ETH_FIELDS(X)                                                                       \
    X(proto, "eth", "Ethernet", Protocol, None)                                               \
    X(dst, "eth.dst", "Destination", Ether, None)                                             \
    X(src, "eth.src", "Source", Ether, None)                                                  \
    X(len, "eth.len", "Length", U16, Dec)                                                     \
    X(type, "eth.type", "Type", U16, Hex, {kEtherTypeNames, kEtherTypeNameCount})             \
    X(addr, "eth.addr", "Address", Ether, None)                                               \
    X(padding, "eth.padding", "Padding", Bytes, None)                                         \
    X(trailer, "eth.trailer", "Trailer", Bytes, None)                                         \
    X(fcs, "eth.fcs", "Frame check sequence", U32, Hex)                                       \
    X(fcs_status, "eth.fcs.status", "FCS Status", U8, None)                                   \
    X(dst_lg, "eth.dst.lg", "LG bit", Boolean, None, {kLgNames, 2}, 0x20000, "", 24)          \
    X(dst_ig, "eth.dst.ig", "IG bit", Boolean, None, {kIgNames, 2}, 0x10000, "", 24)          \
    X(src_lg, "eth.src.lg", "LG bit", Boolean, None, {kLgNames, 2}, 0x20000, "", 24)          \
    X(src_ig, "eth.src.ig", "IG bit", Boolean, None, {kIgNames, 2}, 0x10000, "", 24)          \
    X(lg, "eth.lg", "LG bit", Boolean, None, {kLgNames, 2}, 0x20000, "", 24)                  \
    X(ig, "eth.ig", "IG bit", Boolean, None, {kIgNames, 2}, 0x10000, "", 24)

#define MS_ETH_EXPERTS(X)                                                                      \
    X(len_past_end, "eth.len.past_end", Malformed, Error,                                     \
      "Length field value goes past the end of the payload")                                  \
    X(ieee8023, "eth.ieee8023.undissected", Undecoded, Note,                                  \
      "IEEE 802.3 frame (length field): payload not dissected")                               \
    X(truncated, "eth.truncated", Malformed, Note, "Packet size limited during capture: Ethernet truncated")

#define MS_VLAN_FIELDS(X)                                                                      \
    X(proto, "vlan", "802.1Q Virtual LAN", Protocol, None)                                    \
    X(priority, "vlan.priority", "Priority", U16, Dec, {kVlanPriorityNames, 8}, 0xe000)       \
    X(dei, "vlan.dei", "DEI", Boolean, None, {kDeiNames, 2}, 0x1000, "", 16)                  \
    X(vid, "vlan.id", "ID", U16, Dec, {}, 0x0fff)                                              \
    X(etype, "vlan.etype", "Type", U16, Hex, {kEtherTypeNames, kEtherTypeNameCount})          \
    X(len, "vlan.len", "Length", U16, Dec)                                                    \
    X(qinq_proto, "ieee8021ad", "IEEE 802.1ad", Protocol, None)                               \
    X(qinq_priority, "ieee8021ad.priority", "Priority", U16, Dec, {}, 0xe000)                 \
    X(qinq_dei, "ieee8021ad.dei", "DEI", U16, Dec, {}, 0x1000)                                \
    X(qinq_id, "ieee8021ad.id", "ID", U16, Dec, {}, 0x0fff)                                   \
    X(qinq_etype, "ieee8021ah.etype", "Type", U16, Hex, {kEtherTypeNames, kEtherTypeNameCount})

#define MS_VLAN_EXPERTS(X)                                                                     \
    X(too_many_tags, "vlan.too_many_tags", Undecoded, Warn, "Too many nested VLAN tags")      \
    X(truncated, "vlan.truncated", Malformed, Note, "Packet size limited during capture: VLAN truncated")

#define MS_SLL_FIELDS(X)                                                                       \
    X(proto, "sll", "Linux cooked-mode capture", Protocol, None)                              \
    X(pkttype, "sll.pkttype", "Packet type", U16, Dec, {kSllPacketTypeNames, 5})              \
    X(hatype, "sll.hatype", "Link-layer address type", U16, Dec, {kSllHatypeNames, kSllHatypeCount}) \
    X(halen, "sll.halen", "Link-layer address length", U16, Dec)                              \
    X(src_eth, "sll.src.eth", "Source", Ether, None)                                          \
    X(src_ipv4, "sll.src.ipv4", "Source", IPv4, None)                                         \
    X(src_other, "sll.src.other", "Source", Bytes, None)                                      \
    X(unused, "sll.unused", "Unused", Bytes, None)                                            \
    X(ltype, "sll.ltype", "Protocol", U16, Hex, {kSllLinuxTypeNames, kSllLinuxTypeCount})     \
    X(etype, "sll.etype", "Protocol", U16, Hex, {kEtherTypeNames, kEtherTypeNameCount})       \
    X(ifindex, "sll.ifindex", "Interface index", U32, Dec)

#define MS_SLL_EXPERTS(X)                                                                      \
    X(truncated, "sll.truncated", Malformed, Note,                                            \
      "Packet size limited during capture: Linux cooked header truncated")                    \
    X(undissected, "sll.undissected", Undecoded, Note, "Protocol not dissected")

#define MS_NULL_FIELDS(X)                                                                      \
    X(proto, "null", "Null/Loopback", Protocol, None)                                         \
    X(family, "null.family", "Family", U32, Dec, {kNullFamilyNames, kNullFamilyCount})

#define MS_NULL_EXPERTS(X)                                                                     \
    X(truncated, "null.truncated", Malformed, Note,                                           \
      "Packet size limited during capture: Null/Loopback header truncated")                   \
    X(unknown_family, "null.family.unknown", Undecoded, Note, "Address family not dissected")
#define MS_RAW_FIELDS(X) X(proto, "raw", "Raw packet data", Protocol, None)

#define MS_LINK_EXPERTS(X)                                                                     \
    X(unsupported, "frame.linktype.unsupported", Undecoded, Note, "Link type not supported")
// clang-format on

extern const ValueName kLgNames[2];
extern const ValueName kIgNames[2];
extern const ValueName kDeiNames[2];
extern const ValueName kVlanPriorityNames[8];
extern const ValueName kSllPacketTypeNames[5];
extern const ValueName kSllHatypeNames[];
extern const std::size_t kSllHatypeCount;
extern const ValueName kSllLinuxTypeNames[];
extern const std::size_t kSllLinuxTypeCount;
extern const ValueName kNullFamilyNames[];
extern const std::size_t kNullFamilyCount;

MS_DECLARE_FIELDS(eth_fields, MS_ETH_FIELDS)
MS_DECLARE_EXPERTS(eth_experts, MS_ETH_EXPERTS)
MS_DECLARE_FIELDS(vlan_fields, MS_VLAN_FIELDS)
MS_DECLARE_EXPERTS(vlan_experts, MS_VLAN_EXPERTS)
MS_DECLARE_FIELDS(sll_fields, MS_SLL_FIELDS)
MS_DECLARE_EXPERTS(sll_experts, MS_SLL_EXPERTS)
MS_DECLARE_FIELDS(null_fields, MS_NULL_FIELDS)
MS_DECLARE_EXPERTS(null_experts, MS_NULL_EXPERTS)
MS_DECLARE_FIELDS(raw_fields, MS_RAW_FIELDS)
MS_DECLARE_EXPERTS(link_experts, MS_LINK_EXPERTS)

}  // namespace ms
