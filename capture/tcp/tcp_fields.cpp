#include "capture/tcp/tcp_fields.hpp"

namespace {
using ms::ValueName;

const ValueName kSetNamesArr[] = {{0, "Not set"}, {1, "Set"}};
const std::span<const ValueName> kSetNames{kSetNamesArr};

const ValueName kChecksumStatusArr[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"}};
const std::span<const ValueName> kChecksumStatusNames{kChecksumStatusArr};

// Wireshark's tcp_option_kind_vs wording.
const ValueName kOptionKindArr[] = {
    {0, "End of Option List"},
    {1, "No-Operation"},
    {2, "Maximum Segment Size"},
    {3, "Window Scale"},
    {4, "SACK Permitted"},
    {5, "SACK"},
    {6, "Echo"},
    {7, "Echo Reply"},
    {8, "Time Stamp Option"},
    {9, "Partial Order Connection Permitted"},
    {10, "Partial Order Service Profile"},
    {11, "CC"},
    {12, "CC.NEW"},
    {13, "CC.ECHO"},
    {14, "TCP Alternate Checksum Request"},
    {15, "TCP Alternate Checksum Data"},
    {19, "MD5 Signature Option"},
    {21, "Selective Negative Acknowledgements"},
    {27, "Quick-Start Response"},
    {28, "User Timeout Option"},
    {29, "TCP Authentication Option"},
    {30, "Multipath TCP"},
    {34, "TCP Fast Open Cookie"},
    {69, "Encryption Negotiation"},
    {172, "Accurate ECN Order 0 (AccECN0)"},
    {174, "Accurate ECN Order 1 (AccECN1)"},
    {253, "RFC3692-style Experiment 1"},
    {254, "RFC3692-style Experiment 2"},
};
const std::span<const ValueName> kOptionKindNames{kOptionKindArr};
}  // namespace

MS_DEFINE_FIELDS(tcp_fields, MS_TCP_FIELDS)
MS_DEFINE_EXPERTS(tcp_experts, MS_TCP_EXPERTS)

namespace ms {

void register_tcp_fields(FieldRegistry& reg) {
    tcp_fields::register_fields(reg);
    tcp_experts::register_experts(reg);
}

}  // namespace ms
