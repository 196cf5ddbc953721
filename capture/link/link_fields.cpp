#include "capture/link/link_fields.hpp"

namespace ms {

const ValueName kEtherTypeNames[] = {
    {0x0800, "IPv4"},
    {0x0806, "ARP"},
    {0x8035, "RARP"},
    {0x8100, "802.1Q Virtual LAN"},
    {0x86dd, "IPv6"},
    {0x8808, "Ethernet flow control"},
    {0x8847, "MPLS label switched packet"},
    {0x8863, "PPPoE Discovery"},
    {0x8864, "PPPoE Session"},
    {0x888e, "802.1X Authentication"},
    {0x88a8, "802.1ad Provider Bridge (Q-in-Q)"},
    {0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)"},
    {0x9100, "VLAN-tagged frame (Q-in-Q)"},
};
const std::size_t kEtherTypeNameCount = sizeof kEtherTypeNames / sizeof kEtherTypeNames[0];

const char* ethertype_name(uint16_t type) {
    for (const auto& v : kEtherTypeNames)
        if (v.value == type) return v.name;
    return nullptr;
}

const ValueName kLgNames[2] = {{0, "Globally unique address (factory default)"},
                               {1, "Locally administered address (this is NOT the factory default)"}};
const ValueName kIgNames[2] = {{0, "Individual address (unicast)"},
                               {1, "Group address (multicast/broadcast)"}};
const ValueName kDeiNames[2] = {{0, "Ineligible"}, {1, "Eligible"}};
// IEEE 802.1D-2004 recommended traffic types, as Wireshark names them.
const ValueName kVlanPriorityNames[8] = {
    {0, "Best Effort (default)"},  {1, "Background"},
    {2, "Spare"},                  {3, "Excellent Effort"},
    {4, "Controlled Load"},        {5, "Video, < 100ms latency and jitter"},
    {6, "Voice, < 10ms latency and jitter"}, {7, "Network Control"},
};
const ValueName kSllPacketTypeNames[5] = {
    {0, "Unicast to us"}, {1, "Broadcast"}, {2, "Multicast"}, {3, "Unicast to another host"}, {4, "Sent by us"},
};
const ValueName kSllHatypeNames[] = {
    {1, "Ethernet"}, {512, "PPP"}, {768, "IP over IP"}, {772, "Loopback"}, {776, "IPv6-in-IPv4"},
    {778, "GRE over IP"}, {801, "IEEE 802.11"}, {65534, "None"},
};
const std::size_t kSllHatypeCount = sizeof kSllHatypeNames / sizeof kSllHatypeNames[0];
const ValueName kSllLinuxTypeNames[] = {
    {0x0001, "Raw 802.3"}, {0x0004, "802.2 LLC"}, {0x000c, "CAN"}, {0x000d, "CAN FD"},
};
const std::size_t kSllLinuxTypeCount = sizeof kSllLinuxTypeNames / sizeof kSllLinuxTypeNames[0];
const ValueName kNullFamilyNames[] = {
    {2, "IP"}, {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"}, {7, "OSI"}, {23, "IPX"},
};
const std::size_t kNullFamilyCount = sizeof kNullFamilyNames / sizeof kNullFamilyNames[0];

MS_DEFINE_FIELDS(eth_fields, MS_ETH_FIELDS)
MS_DEFINE_EXPERTS(eth_experts, MS_ETH_EXPERTS)
MS_DEFINE_FIELDS(vlan_fields, MS_VLAN_FIELDS)
MS_DEFINE_EXPERTS(vlan_experts, MS_VLAN_EXPERTS)
MS_DEFINE_FIELDS(sll_fields, MS_SLL_FIELDS)
MS_DEFINE_EXPERTS(sll_experts, MS_SLL_EXPERTS)
MS_DEFINE_FIELDS(null_fields, MS_NULL_FIELDS)
MS_DEFINE_EXPERTS(null_experts, MS_NULL_EXPERTS)
MS_DEFINE_FIELDS(raw_fields, MS_RAW_FIELDS)
MS_DEFINE_EXPERTS(link_experts, MS_LINK_EXPERTS)

}  // namespace ms
