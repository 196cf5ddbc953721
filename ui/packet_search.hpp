// Edit > Find Packet (Ctrl+F), as in Wireshark: by display filter, by a
// string in the packet list's Info column, or by bytes (hex "aa:bb:cc" or
// text) anywhere in a frame. The searches that need the file (filter,
// bytes) list the matching frames in one pass; the window then picks the
// next displayed one after the selection, wrapping around. Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/frame_index.hpp"

namespace ms::ui {

enum class FindKind { DisplayFilter, InfoText, Bytes };

// A display filter byte string ("aa:bb:cc", "aa-bb", "aabbcc", "0x1f") or
// bytes separated by spaces ("aa bb cc"); nullopt when the text is not one.
std::optional<std::string> parse_hex_bytes(std::string_view text);

// The needle a bytes search looks for: the hex bytes, else the text as typed.
std::string bytes_needle(std::string_view text);

// At most this many matching frames are listed by one file search: the
// next one after any selection is among them unless a capture has more.
inline constexpr std::size_t kMaxFoundFrames = 1'000'000;

struct FoundFrames {
    std::vector<uint64_t> frames;  // ascending frame numbers
    std::string error;             // could not read the file or compile the filter
    bool cancelled = false;
};

// Frames whose bytes (as captured) contain `needle`.
FoundFrames frames_with_bytes(const std::string& path, std::string_view needle,
                              const std::atomic<bool>* cancel = nullptr,
                              const std::function<void(int)>& progress = {});

// The next frame after `after` (0 = from the start) in `frames` that
// `displayed` accepts, wrapping around to the first; nullopt when none.
std::optional<uint64_t> next_found(const std::vector<uint64_t>& frames, uint64_t after,
                                   const std::function<bool(uint64_t)>& displayed);

// The next displayed row after `after_row` (wrapping; rows 0..count-1,
// `index_of_row` gives each one's index row) whose Info contains `text`
// (ASCII case-insensitive unless `case_sensitive`); nullopt when none.
std::optional<std::size_t> next_info_match(const FrameIndex& index, std::size_t count,
                                           const std::function<std::size_t(std::size_t)>& index_of_row,
                                           std::size_t after_row, std::string_view text, bool case_sensitive);

}  // namespace ms::ui
