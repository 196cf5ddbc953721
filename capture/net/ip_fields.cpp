#include "capture/net/ip_fields.hpp"

namespace ms {

const ValueName kIpProtoNames[] = {
    {0, "IPv6 Hop-by-Hop Option"},
    {1, "ICMP"},
    {2, "IGMP"},
    {4, "IPIP"},
    {6, "TCP"},
    {17, "UDP"},
    {41, "IPv6"},
    {43, "Routing Header for IPv6"},
    {44, "Fragment Header for IPv6"},
    {47, "Generic Routing Encapsulation"},
    {50, "Encap Security Payload"},
    {51, "Authentication Header"},
    {58, "ICMPv6"},
    {59, "IPv6 No Next Header"},
    {60, "Destination Options for IPv6"},
    {89, "OSPF IGP"},
    {103, "PIM"},
    {112, "Virtual Router Redundancy Protocol"},
    {132, "SCTP"},
    {136, "UDPLite"},
};
const std::size_t kIpProtoNameCount = sizeof kIpProtoNames / sizeof kIpProtoNames[0];

const char* value_name_in(std::span<const ValueName> table, uint64_t v) {
    for (const auto& vn : table)
        if (vn.value == v) return vn.name;
    return nullptr;
}

const char* ip_proto_name(uint8_t proto) { return value_name_in(kIpProtoNames, proto); }

const ValueName kSetNames[2] = {{0, "Not set"}, {1, "Set"}};
const ValueName kYesNoNames[2] = {{0, "No"}, {1, "Yes"}};
const ValueName kChecksumStatusNames[5] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"},
};

const ValueName kDscpNames[] = {
    {0, "Default"},
    {1, "Lower Effort"},
    {8, "Class Selector 1"},
    {10, "Assured Forwarding 11"},
    {12, "Assured Forwarding 12"},
    {14, "Assured Forwarding 13"},
    {16, "Class Selector 2"},
    {18, "Assured Forwarding 21"},
    {20, "Assured Forwarding 22"},
    {22, "Assured Forwarding 23"},
    {24, "Class Selector 3"},
    {26, "Assured Forwarding 31"},
    {28, "Assured Forwarding 32"},
    {30, "Assured Forwarding 33"},
    {32, "Class Selector 4"},
    {34, "Assured Forwarding 41"},
    {36, "Assured Forwarding 42"},
    {38, "Assured Forwarding 43"},
    {40, "Class Selector 5"},
    {44, "Voice Admit"},
    {46, "Expedited Forwarding"},
    {48, "Class Selector 6"},
    {56, "Class Selector 7"},
};
const std::size_t kDscpNameCount = sizeof kDscpNames / sizeof kDscpNames[0];

// The short forms used in the Differentiated Services / Traffic Class summary.
const ValueName kDscpShortNames[] = {
    {0, "CS0"},   {1, "LE"},    {8, "CS1"},   {10, "AF11"}, {12, "AF12"}, {14, "AF13"},
    {16, "CS2"},  {18, "AF21"}, {20, "AF22"}, {22, "AF23"}, {24, "CS3"},  {26, "AF31"},
    {28, "AF32"}, {30, "AF33"}, {32, "CS4"},  {34, "AF41"}, {36, "AF42"}, {38, "AF43"},
    {40, "CS5"},  {44, "VA"},   {46, "EF"},   {48, "CS6"},  {56, "CS7"},
};
const std::size_t kDscpShortNameCount = sizeof kDscpShortNames / sizeof kDscpShortNames[0];

const ValueName kEcnNames[4] = {
    {0, "Not ECN-Capable Transport"},
    {1, "ECN-Capable Transport codepoint '01'"},
    {2, "ECN-Capable Transport codepoint '10'"},
    {3, "Congestion Experienced"},
};
const ValueName kEcnShortNames[4] = {{0, "Not-ECT"}, {1, "ECT(1)"}, {2, "ECT(0)"}, {3, "CE"}};

const ValueName kIpOptClassNames[4] = {
    {0, "Control"}, {1, "Reserved for future use"}, {2, "Debugging and measurement"}, {3, "Reserved for future use"},
};
const ValueName kIpOptNumberNames[] = {
    {0, "End of Option List (EOL)"}, {1, "No-Operation (NOP)"}, {2, "Security"},
    {3, "Loose source route"},       {4, "Time stamp"},         {7, "Record route"},
    {9, "Strict source route"},      {20, "Router Alert"},
};
const std::size_t kIpOptNumberNameCount = sizeof kIpOptNumberNames / sizeof kIpOptNumberNames[0];

const ValueName kIpv6OptNames[] = {
    {0x00, "Pad1"}, {0x01, "PadN"}, {0x05, "Router Alert"}, {0xc2, "Jumbo Payload"}, {0xc9, "Home Address"},
};
const std::size_t kIpv6OptNameCount = sizeof kIpv6OptNames / sizeof kIpv6OptNames[0];
const ValueName kIpv6OptActionNames[4] = {
    {0, "Skip and continue"},
    {1, "Discard packet"},
    {2, "Discard packet and send ICMP Parameter Problem"},
    {3, "Discard packet and send ICMP Parameter Problem for unicast destination"},
};
const ValueName kIpv6RoutingTypeNames[] = {
    {0, "Source Route"}, {2, "Type 2 Routing"}, {3, "RPL Source Route"}, {4, "Segment Routing"},
};
const std::size_t kIpv6RoutingTypeNameCount = sizeof kIpv6RoutingTypeNames / sizeof kIpv6RoutingTypeNames[0];

const ValueName kIcmpTypeNames[] = {
    {0, "Echo (ping) reply"},
    {3, "Destination unreachable"},
    {4, "Source quench (flow control)"},
    {5, "Redirect"},
    {8, "Echo (ping) request"},
    {9, "Router advertisement"},
    {10, "Router solicitation"},
    {11, "Time-to-live exceeded"},
    {12, "Parameter problem"},
    {13, "Timestamp request"},
    {14, "Timestamp reply"},
};
const std::size_t kIcmpTypeNameCount = sizeof kIcmpTypeNames / sizeof kIcmpTypeNames[0];

const char* icmp_unreachable_code_name(uint8_t code) {
    static const ValueName names[] = {
        {0, "Network unreachable"},
        {1, "Host unreachable"},
        {2, "Protocol unreachable"},
        {3, "Port unreachable"},
        {4, "Fragmentation needed"},
        {5, "Source route failed"},
        {6, "Destination network unknown"},
        {7, "Destination host unknown"},
        {8, "Source host isolated"},
        {9, "Network administratively prohibited"},
        {10, "Host administratively prohibited"},
        {11, "Network unreachable for TOS"},
        {12, "Host unreachable for TOS"},
        {13, "Communication administratively filtered"},
        {14, "Host precedence violation"},
        {15, "Precedence cutoff in effect"},
    };
    return value_name_in(names, code);
}

MS_DEFINE_FIELDS(ip_fields, MS_IP_FIELDS)
MS_DEFINE_EXPERTS(ip_experts, MS_IP_EXPERTS)
MS_DEFINE_FIELDS(ipv6_fields, MS_IPV6_FIELDS)
MS_DEFINE_EXPERTS(ipv6_experts, MS_IPV6_EXPERTS)
MS_DEFINE_FIELDS(udp_fields, MS_UDP_FIELDS)
MS_DEFINE_EXPERTS(udp_experts, MS_UDP_EXPERTS)
MS_DEFINE_FIELDS(icmp_fields, MS_ICMP_FIELDS)
MS_DEFINE_EXPERTS(icmp_experts, MS_ICMP_EXPERTS)

}  // namespace ms
