#include "ui/packet_search.hpp"

#include <algorithm>

#include "capture/source/frame_source.hpp"
#include "dissectors/core/ascii.hpp"
#include "dissectors/filter/filter_literal.hpp"

namespace ms::ui {

namespace {
bool contains(std::string_view hay, std::string_view needle, bool case_sensitive) {
    if (case_sensitive) return hay.find(needle) != std::string_view::npos;
    auto eq = [](char a, char b) { return ascii_lower(a) == ascii_lower(b); };
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), eq) != hay.end();
}
}  // namespace

std::optional<std::string> parse_hex_bytes(std::string_view text) {
    // The display filter's byte strings, plus spaces between the bytes (as
    // a hex dump is copied).
    std::string colons(text);
    std::replace(colons.begin(), colons.end(), ' ', ':');
    std::string out;
    if (!filter::parse_byte_string(colons, out)) return std::nullopt;
    return out;
}

std::string bytes_needle(std::string_view text) {
    if (auto hex = parse_hex_bytes(text)) return *hex;
    return std::string(text);
}

FoundFrames frames_with_bytes(const std::string& path, std::string_view needle, const std::atomic<bool>* cancel,
                              const std::function<void(int)>& progress) {
    FoundFrames out;
    if (needle.empty()) return out;
    auto source = open_capture(path, out.error);
    if (!source) return out;
    RawFrame f;
    ReadStatus st;
    while ((st = source->next(f)) == ReadStatus::Frame) {
        if ((f.number & 4095) == 0) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                out.cancelled = true;
                return out;
            }
            if (progress) progress(-1);
        }
        const std::string_view bytes(reinterpret_cast<const char*>(f.data.data()), f.data.size());
        if (bytes.find(needle) == std::string_view::npos) continue;
        out.frames.push_back(f.number);
        if (out.frames.size() >= kMaxFoundFrames) break;
    }
    if (st == ReadStatus::Error) out.error = source->error();
    return out;
}

std::optional<uint64_t> next_found(const std::vector<uint64_t>& frames, uint64_t after,
                                   const std::function<bool(uint64_t)>& displayed) {
    auto start = std::upper_bound(frames.begin(), frames.end(), after);
    for (auto it = start; it != frames.end(); ++it)
        if (displayed(*it)) return *it;
    for (auto it = frames.begin(); it != start; ++it)
        if (displayed(*it)) return *it;
    return std::nullopt;
}

std::optional<std::size_t> next_info_match(const FrameIndex& index, std::size_t count,
                                           const std::function<std::size_t(std::size_t)>& index_of_row,
                                           std::size_t after_row, std::string_view text, bool case_sensitive) {
    if (count == 0 || text.empty()) return std::nullopt;
    for (std::size_t k = 1; k <= count; ++k) {
        const std::size_t row = (after_row + k) % count;
        if (contains(index.info(index_of_row(row)), text, case_sensitive)) return row;
    }
    return std::nullopt;
}

}  // namespace ms::ui
