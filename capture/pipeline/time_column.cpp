#include "capture/pipeline/time_column.hpp"

#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace ms {

bool parse_time_format(const std::string& a, TimeColumn& tc) {
    tc.utc = a == "u" || a == "ud" || a == "udoy";
    if (a == "r") tc.format = TimeFormat::Relative;
    else if (a == "a" || a == "u") tc.format = TimeFormat::Absolute;
    else if (a == "ad" || a == "ud") tc.format = TimeFormat::AbsoluteDate;
    else if (a == "adoy" || a == "udoy") tc.format = TimeFormat::AbsoluteDayOfYear;
    else if (a == "d") tc.format = TimeFormat::Delta;
    else if (a == "dd") tc.format = TimeFormat::DeltaDisplayed;
    else if (a == "e") tc.format = TimeFormat::Epoch;
    else return false;
    return true;
}

namespace {

// Whole seconds and the fraction at `digits` digits, for a signed ns count.
std::string seconds(int64_t ns, int digits, bool hms) {
    bool neg = ns < 0;
    uint64_t a = neg ? uint64_t(-(ns + 1)) + 1 : uint64_t(ns);
    uint64_t div = 1;
    for (int i = digits; i < 9; ++i) div *= 10;
    uint64_t s = a / 1'000'000'000, frac = (a % 1'000'000'000) / div;
    char buf[96];
    if (!hms) {
        std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%0*" PRIu64, neg ? "-" : "", s, digits, frac);
    } else if (s >= 3600) {
        std::snprintf(buf, sizeof buf, "%s%" PRIu64 "h %2" PRIu64 "m %2" PRIu64 ".%0*" PRIu64 "s", neg ? "-" : "", s / 3600,
                      s / 60 % 60, s % 60, digits, frac);
    } else if (s >= 60) {
        std::snprintf(buf, sizeof buf, "%s%" PRIu64 "m %2" PRIu64 ".%0*" PRIu64 "s", neg ? "-" : "", s / 60, s % 60, digits, frac);
    } else {
        std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%0*" PRIu64 "s", neg ? "-" : "", s, digits, frac);
    }
    return buf;
}

}  // namespace

std::string format_time_column(const TimeColumn& tc, const PacketInfo& pi, int64_t prev_displayed_ns, int digits) {
    return format_time_column(tc, pi.ts_ns, pi.rel_ns, pi.delta_ns, prev_displayed_ns, digits);
}

std::string format_time_column(const TimeColumn& tc, int64_t ts_ns, int64_t rel_ns, int64_t delta_ns,
                               int64_t prev_displayed_ns, int digits) {
    switch (tc.format) {
        case TimeFormat::Relative: return seconds(rel_ns, digits, tc.hms);
        case TimeFormat::Delta: return seconds(delta_ns, digits, tc.hms);
        case TimeFormat::DeltaDisplayed: return seconds(ts_ns - prev_displayed_ns, digits, tc.hms);
        case TimeFormat::Epoch: return seconds(ts_ns, digits, false);
        default: break;
    }
    int64_t secs = ts_ns >= 0 ? ts_ns / 1'000'000'000 : (ts_ns - 999'999'999) / 1'000'000'000;
    int64_t sub = ts_ns - secs * 1'000'000'000;
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    if (!(tc.utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) return "?";
    uint64_t div = 1;
    for (int i = digits; i < 9; ++i) div *= 10;
    char buf[96];
    char tod[48];
    std::snprintf(tod, sizeof tod, "%02d:%02d:%02d.%0*" PRIu64, tm.tm_hour, tm.tm_min, tm.tm_sec, digits, uint64_t(sub) / div);
    if (tc.format == TimeFormat::AbsoluteDate)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tod);
    else if (tc.format == TimeFormat::AbsoluteDayOfYear)
        std::snprintf(buf, sizeof buf, "%04d/%03d %s", tm.tm_year + 1900, tm.tm_yday + 1, tod);
    else
        std::snprintf(buf, sizeof buf, "%s", tod);
    return buf;
}

int time_digits(const std::vector<InterfaceInfo>& interfaces) {
    for (const auto& i : interfaces)
        if (i.tsresol_num > 1'000'000) return 9;
    return 6;
}

}  // namespace ms
