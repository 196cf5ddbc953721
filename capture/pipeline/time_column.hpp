// The summary's Time column in each of tshark's -t formats, and -u hms: the
// CLI's -t and the GUI's View > Time Display Format.
#pragma once

#include <cstdint>
#include <string>

#include <vector>

#include "capture/source/frame_source.hpp"
#include "dissectors/core/packet_info.hpp"

namespace ms {

enum class TimeFormat {
    Relative,            // r: since the first frame (default)
    Absolute,            // a / u: time of day
    AbsoluteDate,        // ad / ud: YYYY-MM-DD time of day
    AbsoluteDayOfYear,   // adoy / udoy: YYYY/DDD time of day
    Delta,               // d: since the previous captured frame
    DeltaDisplayed,      // dd: since the previous displayed frame
    Epoch,               // e: seconds since 1970
};

struct TimeColumn {
    TimeFormat format = TimeFormat::Relative;
    bool utc = false;  // u, ud, udoy
    bool hms = false;  // -u hms: relative and delta times as "1h 2m 3.000000s"
};

// Parses -t's argument; false when unknown.
bool parse_time_format(const std::string& arg, TimeColumn& tc);

// 9 when an interface stamps in nanoseconds or finer, else 6.
int time_digits(const std::vector<InterfaceInfo>& interfaces);

// `prev_displayed_ns`: absolute time of the previous displayed frame, or the
// frame's own for the first one. `digits`: 6 or 9.
std::string format_time_column(const TimeColumn& tc, const PacketInfo& pi, int64_t prev_displayed_ns, int digits);
// The same from the frame's times alone (the GUI keeps no PacketInfo):
// absolute, since the first frame, since the previous captured frame.
std::string format_time_column(const TimeColumn& tc, int64_t ts_ns, int64_t rel_ns, int64_t delta_ns,
                               int64_t prev_displayed_ns, int digits);

}  // namespace ms
