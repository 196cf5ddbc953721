#include "date_time.hpp"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

using ms::mime::ascii_lower;
using ms::mime::iequals;

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

// Splits into words at whitespace and commas, dropping comments; ':' stays
// inside the time word, '+'/'-' start the zone word.
std::vector<std::string> date_words(std::string_view v) {
    std::vector<std::string> words;
    std::string cur;
    int depth = 0;
    for (std::size_t i = 0; i < v.size() && words.size() < 16; ++i) {
        char c = v[i];
        if (depth > 0) {
            if (c == '\\') ++i;
            else if (c == '(') ++depth;
            else if (c == ')') --depth;
            continue;
        }
        if (c == '(') {
            depth = 1;
            if (!cur.empty()) words.push_back(cur), cur.clear();
            continue;
        }
        if (ms::mime::is_space(c) || c == ',') {
            if (!cur.empty()) words.push_back(cur), cur.clear();
            continue;
        }
        if (cur.size() < 32) cur += c;
    }
    if (!cur.empty() && words.size() < 16) words.push_back(cur);
    return words;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int month_of(std::string_view w) {
    static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (w.size() < 3) return 0;
    for (int m = 0; m < 12; ++m)
        if (iequals(w.substr(0, 3), kMonths[m])) return m + 1;
    return 0;
}

bool is_weekday(std::string_view w) {
    static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (w.size() < 3) return false;
    for (const char* d : kDays)
        if (iequals(w.substr(0, 3), d)) return true;
    return false;
}

// RFC 5322 4.3 obs-zone; military zones are treated as -0000 (RFC 5322 says
// their meaning is unknown in practice).
bool named_zone(std::string_view w, int& minutes) {
    struct Z {
        const char* name;
        int min;
    };
    static const Z kZones[] = {{"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"EST", -300}, {"EDT", -240},
                               {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480},
                               {"PDT", -420}};
    for (const auto& z : kZones)
        if (iequals(w, z.name)) return minutes = z.min, true;
    if (w.size() == 1 && std::isalpha(static_cast<unsigned char>(w[0])) && ascii_lower(w[0]) != 'j')
        return minutes = 0, true;
    return false;
}

bool parse_int(std::string_view s, int& v) {
    if (!all_digits(s) || s.size() > 9) return false;
    v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return true;
}
}  // namespace

std::optional<ParsedDate> parse_date_time(std::string_view value) {
    auto words = date_words(value);
    std::size_t i = 0;
    if (i < words.size() && is_weekday(words[i])) ++i;
    int day = 0, month = 0, year = 0;
    // day month year (RFC), also "month day year" seen in the wild.
    if (i + 2 < words.size() && parse_int(words[i], day) && (month = month_of(words[i + 1])) != 0) {
        if (!parse_int(words[i + 2], year)) return std::nullopt;
        i += 3;
    } else if (i + 2 < words.size() && (month = month_of(words[i])) != 0 && parse_int(words[i + 1], day)) {
        if (!parse_int(words[i + 2], year)) return std::nullopt;
        i += 3;
    } else {
        return std::nullopt;
    }
    std::size_t year_digits = words[i - 1].size();
    if (year_digits == 2) year += year < 50 ? 2000 : 1900;  // RFC 5322 4.3
    else if (year_digits == 3) year += 1900;
    if (day < 1 || day > 31 || year < 1000 || year > 9999) return std::nullopt;
    if (i >= words.size()) return std::nullopt;
    // hh:mm[:ss]
    int hh = 0, mm = 0, ss = 0;
    {
        std::string_view t = words[i++];
        auto c1 = t.find(':');
        if (c1 == std::string_view::npos) return std::nullopt;
        auto c2 = t.find(':', c1 + 1);
        if (!parse_int(t.substr(0, c1), hh)) return std::nullopt;
        if (!parse_int(t.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1), mm))
            return std::nullopt;
        if (c2 != std::string_view::npos && !parse_int(t.substr(c2 + 1), ss)) return std::nullopt;
        if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    }
    ParsedDate pd{0, 0, true};
    if (i < words.size()) {
        std::string_view z = words[i];
        if ((z[0] == '+' || z[0] == '-') && z.size() == 5 && all_digits(z.substr(1))) {
            int hhmm = 0;
            parse_int(z.substr(1), hhmm);
            int minutes = (hhmm / 100) * 60 + hhmm % 100;
            pd.zone_minutes = z[0] == '-' ? -minutes : minutes;
            pd.obsolete_zone = false;
        } else if (!named_zone(z, pd.zone_minutes)) {
            pd.zone_minutes = 0;
        }
    }
    int64_t days = days_from_civil(year, unsigned(month), unsigned(day));
    int64_t secs = days * 86400 + hh * 3600 + mm * 60 + ss - int64_t(pd.zone_minutes) * 60;
    // Nanoseconds since 1970 in int64 reach only the years 1678-2262.
    constexpr int64_t kMaxSecs = INT64_MAX / 1'000'000'000;
    if (secs > kMaxSecs || secs < -kMaxSecs) return std::nullopt;
    pd.utc_ns = secs * 1'000'000'000;
    return pd;
}

}  // namespace ms::imf
