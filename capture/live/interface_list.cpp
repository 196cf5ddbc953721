#include "capture/live/interface_list.hpp"

#include <charconv>

namespace ms {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t at = s.find(sep, start);
        if (at == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, at - start));
        start = at + 1;
    }
}

bool parse_number(std::string_view s, uint32_t& out) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && out > 0;
}

}  // namespace

std::string format_interface_line(const InterfaceDesc& d) {
    std::string line = std::to_string(d.number) + ". " + d.name;
    if (!d.description.empty()) line += " (" + d.description + ")";
    return line;
}

std::string format_interface_machine_line(const InterfaceDesc& d) {
    std::string line = std::to_string(d.number) + ". " + d.name + "\t" + d.description + "\t";
    line += d.loopback ? "loopback" : "network";
    line += d.up ? "\tup\t" : "\tdown\t";
    for (std::size_t i = 0; i < d.addresses.size(); ++i) {
        if (i) line += ",";
        line += d.addresses[i];
    }
    return line;
}

std::vector<InterfaceDesc> parse_interface_listing(std::string_view text) {
    std::vector<InterfaceDesc> list;
    for (std::string_view line : split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::vector<std::string_view> f = split(line, '\t');
        if (f.size() < 5) continue;
        std::size_t dot = f[0].find(". ");
        if (dot == std::string_view::npos) continue;
        InterfaceDesc d;
        if (!parse_number(f[0].substr(0, dot), d.number)) continue;
        d.name = std::string(f[0].substr(dot + 2));
        if (d.name.empty()) continue;
        d.description = std::string(f[1]);
        d.loopback = f[2] == "loopback";
        d.up = f[3] == "up";
        if (!f[4].empty())
            for (std::string_view a : split(f[4], ',')) d.addresses.emplace_back(a);
        list.push_back(std::move(d));
    }
    return list;
}

const InterfaceDesc* find_interface(const std::vector<InterfaceDesc>& list, std::string_view arg) {
    for (const InterfaceDesc& d : list)
        if (d.name == arg) return &d;
    uint32_t n = 0;
    if (!parse_number(arg, n)) return nullptr;
    for (const InterfaceDesc& d : list)
        if (d.number == n) return &d;
    return nullptr;
}

}  // namespace ms
