// A short SMTP session as Ethernet/IPv4/TCP frames, built in memory, for
// targets that need real trees to work on (the display filter evaluator).
#pragma once

#include <cstdint>
#include <vector>

namespace ms::fuzz {

std::vector<std::vector<uint8_t>> synthetic_smtp_session();

}  // namespace ms::fuzz
