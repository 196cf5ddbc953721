// The capture helper's interface listing (-D), shared by the helper that
// prints it and the analyzer that parses it. Numbers are 1-based positions
// in libpcap's device list, as tshark and dumpcap number them, so "-i 3"
// means the same interface everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ms {

struct InterfaceDesc {
    uint32_t number = 0;      // 1-based, as printed by -D
    std::string name;         // what -i takes ("eth0", "lo", "any")
    std::string description;  // libpcap's description, or "Loopback"; may be empty
    bool loopback = false;
    bool up = false;
    std::vector<std::string> addresses;  // numeric IPv4/IPv6 addresses
};

// "1. eth0" or "3. lo (Loopback)": the human listing, one line per interface.
std::string format_interface_line(const InterfaceDesc& d);
// Tab-separated for programs (-D -M):
// "N. NAME<TAB>DESCRIPTION<TAB>loopback|network<TAB>up|down<TAB>ADDR,ADDR"
std::string format_interface_machine_line(const InterfaceDesc& d);
// Parses the -D -M listing; lines that do not fit are skipped (so a
// warning line on the same stream cannot break the list).
std::vector<InterfaceDesc> parse_interface_listing(std::string_view text);

// Resolves an -i argument against the list: an exact name wins, otherwise
// an all-digits argument is a 1-based number. Null when neither matches.
const InterfaceDesc* find_interface(const std::vector<InterfaceDesc>& list, std::string_view arg);

}  // namespace ms
