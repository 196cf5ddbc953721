#include "dissectors/filter/filter_literal.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <ctime>

namespace ms::filter {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Reads an unsigned decimal number of 1..max_digits digits at s[i].
bool read_uint(std::string_view s, std::size_t& i, int max_digits, int& out) {
    std::size_t b = i;
    int v = 0;
    while (i < s.size() && is_digit(s[i]) && static_cast<int>(i - b) < max_digits) v = v * 10 + (s[i++] - '0');
    if (i == b) return false;
    out = v;
    return true;
}

// Fraction digits after a '.', as ns (extra digits are dropped).
void read_fraction(std::string_view s, std::size_t& i, int64_t& ns) {
    ns = 0;
    int n = 0;
    while (i < s.size() && is_digit(s[i])) {
        if (n < 9) ns = ns * 10 + (s[i] - '0'), ++n;
        ++i;
    }
    for (; n < 9; ++n) ns *= 10;
}

}  // namespace

std::string_view type_pretty_name(FieldType t) {
    switch (t) {
        case FieldType::None: case FieldType::Expert: return "Label";
        case FieldType::Protocol: return "Protocol";
        case FieldType::Boolean: return "Boolean";
        case FieldType::U8: return "Unsigned integer (1 byte)";
        case FieldType::U16: return "Unsigned integer (2 bytes)";
        case FieldType::U24: return "Unsigned integer (3 bytes)";
        case FieldType::U32: return "Unsigned integer (4 bytes)";
        case FieldType::U64: return "Unsigned integer (8 bytes)";
        case FieldType::I8: return "Signed integer (1 byte)";
        case FieldType::I16: return "Signed integer (2 bytes)";
        case FieldType::I32: return "Signed integer (4 bytes)";
        case FieldType::I64: return "Signed integer (8 bytes)";
        case FieldType::Double: return "Floating point (double-precision)";
        case FieldType::String: return "Character string";
        case FieldType::Bytes: return "Byte sequence";
        case FieldType::IPv4: return "IPv4 address";
        case FieldType::IPv6: return "IPv6 address";
        case FieldType::Ether: return "Ethernet or other MAC address";
        case FieldType::AbsTime: return "Date and time";
        case FieldType::RelTime: return "Time offset";
        case FieldType::FrameNum: return "Frame number";
    }
    return "Label";
}

bool parse_integer(std::string_view s, __int128& value) {
    bool neg = false;
    if (!s.empty() && s[0] == '-') neg = true, s.remove_prefix(1);
    if (s.empty()) return false;
    unsigned base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, s.remove_prefix(2);
    else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) base = 2, s.remove_prefix(2);
    else if (s.size() > 1 && s[0] == '0') base = 8, s.remove_prefix(1);
    const unsigned __int128 cap = (static_cast<unsigned __int128>(1) << 64);
    unsigned __int128 v = 0;
    for (char c : s) {
        int d = hex_digit(c);
        if (d < 0 || static_cast<unsigned>(d) >= base) return false;
        v = v * base + static_cast<unsigned>(d);
        if (v > cap) v = cap;
    }
    value = neg ? -static_cast<__int128>(v) : static_cast<__int128>(v);
    return true;
}

bool parse_byte_string(std::string_view s, std::string& out) {
    if (s.empty()) return false;
    // One byte as a C hex constant.
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        if (s.size() > 4) return false;
        unsigned v = 0;
        for (char c : s.substr(2)) {
            int d = hex_digit(c);
            if (d < 0) return false;
            v = v * 16 + static_cast<unsigned>(d);
        }
        out += static_cast<char>(v);
        return true;
    }
    char sep = 0;
    for (char c : s)
        if (c == ':' || c == '-' || c == '.') {
            if (sep && c != sep) return false;
            sep = c;
        }
    std::size_t i = 0;
    while (true) {
        std::size_t e = sep ? s.find(sep, i) : std::string_view::npos;
        if (e == std::string_view::npos) e = s.size();
        std::string_view g = s.substr(i, e - i);
        if (g.empty()) return false;
        for (char c : g)
            if (hex_digit(c) < 0) return false;
        if (g.size() <= 2) {
            unsigned v = 0;
            for (char c : g) v = v * 16 + static_cast<unsigned>(hex_digit(c));
            out += static_cast<char>(v);
        } else {
            if (g.size() % 2) return false;
            for (std::size_t k = 0; k < g.size(); k += 2)
                out += static_cast<char>(hex_digit(g[k]) * 16 + hex_digit(g[k + 1]));
        }
        if (e == s.size()) break;
        i = e + 1;
    }
    return true;
}

bool parse_ether(std::string_view s, std::string& out, std::string& error) {
    std::string bytes;
    if (!parse_byte_string(s, bytes) || (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
        error = quoted(s) + " is not a valid Ethernet address.";
        return false;
    }
    if (bytes.size() < 6) {
        error = quoted(s) + " contains too few bytes to be a valid Ethernet address.";
        return false;
    }
    if (bytes.size() > 6) {
        error = quoted(s) + " contains too many bytes to be a valid Ethernet address.";
        return false;
    }
    out = bytes;
    return true;
}

bool parse_ipv4(std::string_view s, uint32_t& addr, int& prefix, std::string& error) {
    std::string_view a = s;
    prefix = -1;
    auto slash = s.find('/');
    if (slash != std::string_view::npos) {
        a = s.substr(0, slash);
        std::string_view p = s.substr(slash + 1);
        int bits = 0;
        std::size_t i = 0;
        if (!read_uint(p, i, 4, bits) || i != p.size()) {
            error = quoted(p) + " is not a valid number.";
            return false;
        }
        if (bits > 32) {
            error = "Netmask bits in a CIDR IPv4 address should be <= 32, not " + std::to_string(bits);
            return false;
        }
        prefix = bits;
    }
    uint32_t v = 0;
    std::size_t i = 0;
    for (int part = 0; part < 4; ++part) {
        int octet = 0;
        if (part > 0) {
            if (i >= a.size() || a[i] != '.') goto bad;
            ++i;
        }
        if (!read_uint(a, i, 3, octet) || octet > 255) goto bad;
        v = (v << 8) | static_cast<uint32_t>(octet);
    }
    if (i != a.size()) goto bad;
    addr = v;
    return true;
bad:
    error = quoted(a) + " is not a valid hostname or IPv4 address.";
    return false;
}

bool parse_ipv6(std::string_view s, uint8_t (&addr)[16], int& prefix, std::string& error) {
    std::string_view a = s;
    prefix = -1;
    auto slash = s.find('/');
    if (slash != std::string_view::npos) {
        a = s.substr(0, slash);
        std::string_view p = s.substr(slash + 1);
        int bits = 0;
        std::size_t i = 0;
        if (!read_uint(p, i, 4, bits) || i != p.size()) {
            error = quoted(p) + " is not a valid number.";
            return false;
        }
        if (bits > 128) {
            error = "Prefix in a IPv6 address should be <= 128, not " + std::to_string(bits);
            return false;
        }
        prefix = bits;
    }
    std::string tmp(a);
    if (tmp.size() > 45 || inet_pton(AF_INET6, tmp.c_str(), addr) != 1) {
        error = quoted(a) + " is not a valid hostname or IPv6 address.";
        return false;
    }
    return true;
}

namespace {

int month_index(std::string_view m) {
    static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
    if (m.size() != 3) return -1;
    for (int i = 0; i < 12; ++i) {
        bool eq = true;
        for (int k = 0; k < 3; ++k)
            if ((m[k] | 0x20) != kMonths[i][k]) eq = false;
        if (eq) return i;
    }
    return -1;
}

void skip_blanks(std::string_view s, std::size_t& i) {
    while (i < s.size() && s[i] == ' ') ++i;
}

// "HH:MM[:SS[.frac]]" at s[i].
bool read_clock(std::string_view s, std::size_t& i, struct tm& tm, int64_t& frac) {
    int h = 0, m = 0, sec = 0;
    if (!read_uint(s, i, 2, h) || i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!read_uint(s, i, 2, m)) return false;
    frac = 0;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!read_uint(s, i, 2, sec)) return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            read_fraction(s, i, frac);
        }
    }
    if (h > 23 || m > 59 || sec > 60) return false;
    tm.tm_hour = h, tm.tm_min = m, tm.tm_sec = sec;
    return true;
}

enum class TimeParse { Ok, Invalid, Trailing };

TimeParse finish_time(std::string_view s, std::size_t i, struct tm tm, int64_t frac, bool allow_offset, int64_t& ns) {
    skip_blanks(s, i);
    bool utc = false;
    int64_t offset = 0;
    if (s.substr(i) == "UTC" || s.substr(i) == "Z") {
        utc = true;
        i = s.size();
    } else if (allow_offset && i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '-' ? -1 : 1;
        ++i;
        int hh = 0, mm = 0;
        if (!read_uint(s, i, 2, hh)) return TimeParse::Trailing;
        if (i < s.size() && s[i] == ':') ++i;
        if (i < s.size()) {
            if (!read_uint(s, i, 2, mm)) return TimeParse::Trailing;
        }
        utc = true;
        offset = sign * (hh * 3600 + mm * 60);
    }
    if (i != s.size()) return TimeParse::Trailing;
    tm.tm_isdst = -1;
    time_t secs = utc ? timegm(&tm) : mktime(&tm);
    if (secs == static_cast<time_t>(-1) && !(tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31))
        return TimeParse::Invalid;
    // int64 nanoseconds since 1970 reach only the years 1678-2262.
    const int64_t at = static_cast<int64_t>(secs) - offset;
    if (at > 9'000'000'000 || at < -9'000'000'000) return TimeParse::Invalid;
    ns = at * 1'000'000'000 + frac;
    return TimeParse::Ok;
}

TimeParse parse_iso(std::string_view s, int64_t& ns) {
    std::size_t i = 0;
    int y = 0, mo = 0, d = 0;
    if (!read_uint(s, i, 4, y) || i != 4 || i >= s.size() || s[i] != '-') return TimeParse::Invalid;
    ++i;
    if (!read_uint(s, i, 2, mo) || i >= s.size() || s[i] != '-') return TimeParse::Invalid;
    ++i;
    if (!read_uint(s, i, 2, d)) return TimeParse::Invalid;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return TimeParse::Invalid;
    struct tm tm {};
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
    int64_t frac = 0;
    if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
        std::size_t j = i + 1;
        skip_blanks(s, j);
        if (j < s.size() && is_digit(s[j])) {
            if (!read_clock(s, j, tm, frac)) return TimeParse::Trailing;
            i = j;
        }
    }
    return finish_time(s, i, tm, frac, true, ns);
}

TimeParse parse_legacy(std::string_view s, int64_t& ns) {
    std::size_t i = 0;
    if (s.size() < 3) return TimeParse::Invalid;
    int mo = month_index(s.substr(0, 3));
    if (mo < 0) return TimeParse::Invalid;
    i = 3;
    skip_blanks(s, i);
    int d = 0, y = 0;
    if (!read_uint(s, i, 2, d) || i >= s.size() || s[i] != ',') return TimeParse::Invalid;
    ++i;
    skip_blanks(s, i);
    if (!read_uint(s, i, 4, y)) return TimeParse::Invalid;
    if (d < 1 || d > 31) return TimeParse::Invalid;
    struct tm tm {};
    tm.tm_year = y - 1900, tm.tm_mon = mo, tm.tm_mday = d;
    skip_blanks(s, i);
    int64_t frac = 0;
    if (i < s.size() && is_digit(s[i]) && !read_clock(s, i, tm, frac)) return TimeParse::Invalid;
    return finish_time(s, i, tm, frac, false, ns);
}

}  // namespace

bool parse_abs_time(std::string_view text, int64_t& ns, std::string& error) {
    std::string_view s = text;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    TimeParse r = !s.empty() && is_digit(s[0]) ? parse_iso(s, ns) : parse_legacy(s, ns);
    if (r == TimeParse::Ok) return true;
    if (r == TimeParse::Trailing) {
        error = "Unexpected data after time value.";
    } else {
        error = quoted(text) +
                " is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"";
    }
    return false;
}

bool parse_rel_time(std::string_view s, int64_t& ns) {
    bool neg = false;
    if (!s.empty() && s[0] == '-') neg = true, s.remove_prefix(1);
    if (s.empty()) return false;
    std::size_t i = 0;
    int64_t secs = 0;
    bool digits = false;
    while (i < s.size() && is_digit(s[i])) {
        secs = secs * 10 + (s[i++] - '0');
        digits = true;
        if (secs > 9'000'000'000) return false;  // ns would overflow int64
    }
    int64_t frac = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (i < s.size() && is_digit(s[i])) digits = true;
        read_fraction(s, i, frac);
    }
    if (!digits || i != s.size()) return false;
    ns = secs * 1'000'000'000 + frac;
    if (neg) ns = -ns;
    return true;
}

}  // namespace ms::filter
