#include "app/cli/printers/summary_printer.hpp"

#include <cinttypes>
#include <cstdio>

namespace ms::cli {

namespace {
void pad_left(std::string& out, const std::string& s, std::size_t width) {
    if (s.size() < width) out.append(width - s.size(), ' ');
    out += s;
}
void pad_right(std::string& out, const std::string& s, std::size_t width) {
    out += s;
    if (s.size() < width) out.append(width - s.size(), ' ');
}
}  // namespace

void append_summary_line(std::string& out, const PacketInfo& pi, int time_digits) {
    char buf[64];
    int64_t ns = pi.rel_ns;
    bool neg = ns < 0;
    uint64_t a = neg ? uint64_t(-(ns + 1)) + 1 : uint64_t(ns);
    uint64_t div = 1;
    for (int i = time_digits; i < 9; ++i) div *= 10;
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%0*" PRIu64, neg ? "-" : "", a / 1'000'000'000, time_digits,
                  (a % 1'000'000'000) / div);
    append_summary_line(out, pi, std::string(buf));
}

void append_summary_line(std::string& out, const PacketInfo& pi, const std::string& time_text) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%" PRIu64, pi.number);
    pad_left(out, buf, 5);
    out += ' ';
    pad_left(out, time_text, 10);
    out += ' ';
    std::string src = pi.net_src.kind != Address::None ? pi.net_src.to_string() : pi.dl_src.to_string();
    std::string dst = pi.net_dst.kind != Address::None ? pi.net_dst.to_string() : pi.dl_dst.to_string();
    pad_left(out, src, 12);
    out += " \xE2\x86\x92 ";
    pad_right(out, dst, 12);
    out += ' ';
    out += pi.protocol;
    out += ' ';
    out += std::to_string(pi.wirelen);
    out += ' ';
    out += pi.info;
    out += '\n';
}

}  // namespace ms::cli
