#include "value_format.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace ms {

unsigned type_bits(FieldType t) {
    switch (t) {
        case FieldType::U8: case FieldType::I8: return 8;
        case FieldType::U16: case FieldType::I16: return 16;
        case FieldType::U24: return 24;
        case FieldType::U32: case FieldType::I32: case FieldType::IPv4: return 32;
        default: return 64;
    }
}

void append_abs_time(std::string& out, int64_t ns) {
    int64_t sec = ns / 1'000'000'000;
    int64_t frac = ns % 1'000'000'000;
    if (frac < 0) frac += 1'000'000'000, --sec;
    time_t t = static_cast<time_t>(sec);
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[96];
    std::size_t n = std::strftime(buf, sizeof buf, "%b %e, %Y %H:%M:%S", &tm);
    char zone[16];
    std::strftime(zone, sizeof zone, "%Z", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%09" PRId64 " %s", frac, zone);
    out += buf;
}

void append_rel_time(std::string& out, int64_t ns) {
    char buf[48];
    bool neg = ns < 0;
    uint64_t a = neg ? uint64_t(-(ns + 1)) + 1 : uint64_t(ns);
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%09" PRIu64, neg ? "-" : "", a / 1'000'000'000, a % 1'000'000'000);
    out += buf;
}

void append_epoch_time(std::string& out, int64_t ns) { append_rel_time(out, ns); }

void append_uint(std::string& out, uint64_t v, FieldType t, Base b) {
    char buf[64];
    if (b == Base::Dec || b == Base::None) {
        // The common case (frame.number, ports, lengths in -T fields): no printf.
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
        return;
    }
    int digits = static_cast<int>(type_bits(t) / 4);
    switch (b) {
        case Base::Hex: std::snprintf(buf, sizeof buf, "0x%0*" PRIx64, digits, v); break;
        case Base::DecHex: std::snprintf(buf, sizeof buf, "%" PRIu64 " (0x%0*" PRIx64 ")", v, digits, v); break;
        case Base::HexDec: std::snprintf(buf, sizeof buf, "0x%0*" PRIx64 " (%" PRIu64 ")", digits, v, v); break;
        case Base::Oct: std::snprintf(buf, sizeof buf, "0%" PRIo64, v); break;
        default: std::snprintf(buf, sizeof buf, "%" PRIu64, v); break;
    }
    out += buf;
}

const char* value_name(const FieldDef& def, uint64_t v) {
    for (const auto& vn : def.values)
        if (vn.value == v) return vn.name;
    return nullptr;
}

void append_hex(std::string& out, std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
}

void append_bit_pattern(std::string& out, uint64_t bitmask, uint64_t v_shifted, unsigned width) {
    unsigned shift = 0;
    while (shift < 64 && !((bitmask >> shift) & 1)) ++shift;
    uint64_t v = v_shifted << shift;
    for (unsigned i = width; i-- > 0;) {
        if ((bitmask >> i) & 1) out += ((v >> i) & 1) ? '1' : '0';
        else out += '.';
        if (i && i % 4 == 0) out += ' ';
    }
    out += " = ";
}

}  // namespace ms
