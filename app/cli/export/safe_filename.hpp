// File names for exported objects, made safe from what a hostile message
// can put in a Content-Disposition filename: no directories ("../../etc/
// passwd" becomes "passwd"), no NUL or control bytes, no characters Windows
// refuses, no reserved device names (CON, NUL, COM1, ...), no hidden-file
// leading dots, at most kMaxFilenameBytes bytes (cut on a UTF-8 boundary,
// keeping a short extension). Header-only so the unit tests compile it.
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace ms::cli {

inline constexpr std::size_t kMaxFilenameBytes = 200;

namespace detail {
inline bool is_reserved_device(std::string_view name) {
    // The part before the first dot decides, whatever the case.
    std::string stem(name.substr(0, name.find('.')));
    while (!stem.empty() && stem.back() == ' ') stem.pop_back();
    for (char& c : stem) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL" || stem == "CONIN$" || stem == "CONOUT$") return true;
    if (stem.size() == 4 && (stem.rfind("COM", 0) == 0 || stem.rfind("LPT", 0) == 0) && stem[3] >= '0' && stem[3] <= '9')
        return true;
    return false;
}

// Longest prefix of s no longer than n bytes that does not split a UTF-8 sequence.
inline std::size_t utf8_cut(std::string_view s, std::size_t n) {
    if (n >= s.size()) return s.size();
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
}
}  // namespace detail

// `fallback` (itself assumed safe) is used when nothing usable is left.
inline std::string safe_filename(std::string_view name, std::string_view fallback) {
    // Only the last path component, whichever separator the sender used.
    auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string out;
    out.reserve(name.size());
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) continue;  // NUL, newlines, escapes
        if (std::string_view("<>:\"|?*").find(ch) != std::string_view::npos) ch = '_';
        out += ch;
    }
    // Leading dots/spaces hide the file or climb ("..", "..."); trailing ones
    // are dropped by Windows and would alias another name.
    std::size_t b = out.find_first_not_of(". ");
    if (b == std::string::npos) out.clear();
    else out.erase(0, b);
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
    if (out.empty()) return std::string(fallback);
    if (detail::is_reserved_device(out)) out.insert(0, "_");
    if (out.size() > kMaxFilenameBytes) {
        auto dot = out.rfind('.');
        std::string ext = dot != std::string::npos && out.size() - dot <= 16 ? out.substr(dot) : std::string();
        std::string_view stem(out.data(), out.size() - ext.size());
        std::size_t keep = detail::utf8_cut(stem, kMaxFilenameBytes - ext.size());
        out = std::string(stem.substr(0, keep)) + ext;
    }
    return out;
}

// "name.ext" -> "name(n).ext": the n-th alternative when the name is taken.
inline std::string numbered_filename(const std::string& name, unsigned n) {
    if (n == 0) return name;
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return name + "(" + std::to_string(n) + ")";
    return name.substr(0, dot) + "(" + std::to_string(n) + ")" + name.substr(dot);
}

}  // namespace ms::cli
