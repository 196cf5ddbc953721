#include "ui/frame_index.hpp"

namespace ms::ui {

uint32_t NameInterner::intern(std::string_view s, IndexBatch& batch) {
    auto it = ids_.find(std::string(s));
    if (it != ids_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(ids_.size());
    ids_.emplace(std::string(s), id);
    batch.new_names.emplace_back(s);
    return id;
}

void FrameIndex::clear() {
    rows_.clear();
    rows_.shrink_to_fit();
    arena_.clear();
    arena_.shrink_to_fit();
    names_.clear();
}

void FrameIndex::append(const IndexBatch& batch) {
    // The arena is addressed with 32-bit offsets: past 4 GiB of Info text
    // the rows keep an empty Info rather than wrapping.
    const uint64_t base = arena_.size();
    bool fits = base + batch.arena.size() <= UINT32_MAX;
    if (fits) arena_ += batch.arena;
    rows_.reserve(rows_.size() + batch.rows.size());
    for (FrameRow r : batch.rows) {
        if (fits) r.info_off += static_cast<uint32_t>(base);
        else r.info_off = 0, r.info_len = 0;
        rows_.push_back(r);
    }
    for (const auto& n : batch.new_names) names_.push_back(n);
}

std::size_t FrameIndex::memory_bytes() const {
    std::size_t n = rows_.capacity() * sizeof(FrameRow) + arena_.capacity();
    for (const auto& s : names_) n += sizeof(std::string) + s.capacity();
    return n;
}

void put_info(IndexBatch& batch, FrameRow& row, std::string_view info) {
    std::string_view kept = info.substr(0, FrameIndex::kMaxInfo);
    row.info_off = static_cast<uint32_t>(batch.arena.size());
    batch.arena += kept;
    if (kept.size() < info.size()) batch.arena += "\xE2\x80\xA6";
    row.info_len = static_cast<uint32_t>(batch.arena.size() - row.info_off);
}

}  // namespace ms::ui
