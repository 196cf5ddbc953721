// tshark's default one-line summary: No. Time Source -> Destination Protocol
// Length Info, padded the way tshark pads them.
#pragma once

#include <string>

#include "dissectors/core/frame_context.hpp"

namespace ms::cli {

void append_summary_line(std::string& out, const PacketInfo& pi, int time_digits);
// The same with the Time column already formatted (-t, -u).
void append_summary_line(std::string& out, const PacketInfo& pi, const std::string& time_text);

}  // namespace ms::cli
