// RFC 5322 section 3.3 date-time, with the obsolete forms of section 4.3
// (two- and three-digit years, named and military zones, comments, missing
// seconds or weekday), to the instant in UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ms::imf {

struct ParsedDate {
    int64_t utc_ns;       // nanoseconds since the epoch
    int zone_minutes;     // offset east of UTC as written
    bool obsolete_zone;   // a named or military zone, or none at all
};

std::optional<ParsedDate> parse_date_time(std::string_view value);

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

}  // namespace ms::imf
