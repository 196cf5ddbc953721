// One call that registers every field and expert of the link and network
// layers (eth, vlan, sll, null, ip, ipv6, udp, icmp). Idempotent.
#pragma once

#include "dissectors/core/field_registry.hpp"

namespace ms {

void register_link_ip_fields(FieldRegistry& reg);

}  // namespace ms
