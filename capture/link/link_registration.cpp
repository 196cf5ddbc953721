#include "capture/link/link_registration.hpp"

#include "capture/link/link_fields.hpp"
#include "capture/net/ip_fields.hpp"

namespace ms {

void register_link_ip_fields(FieldRegistry& reg) {
    // Outer layers first, as tshark -G fields lists protocols by layer.
    eth_fields::register_fields(reg);
    eth_experts::register_experts(reg);
    vlan_fields::register_fields(reg);
    vlan_experts::register_experts(reg);
    sll_fields::register_fields(reg);
    sll_experts::register_experts(reg);
    null_fields::register_fields(reg);
    null_experts::register_experts(reg);
    raw_fields::register_fields(reg);
    link_experts::register_experts(reg);
    ip_fields::register_fields(reg);
    ip_experts::register_experts(reg);
    ipv6_fields::register_fields(reg);
    ipv6_experts::register_experts(reg);
    udp_fields::register_fields(reg);
    udp_experts::register_experts(reg);
    icmp_fields::register_fields(reg);
    icmp_experts::register_experts(reg);
}

}  // namespace ms
