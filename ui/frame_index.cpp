#include "ui/frame_index.hpp"

#include <algorithm>

namespace ms::ui {

uint32_t NameInterner::intern(std::string_view s, IndexBatch& batch) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(ids_.size());
    ids_.emplace(std::string(s), id);
    batch.new_names.emplace_back(s);
    return id;
}

void FrameIndex::clear() {
    chunks_.clear();
    chunks_.shrink_to_fit();
    count_ = 0;
    infos_.clear();
    names_.clear();
}

void FrameIndex::append(const IndexBatch& batch) {
    for (const FrameRow& r : batch.rows) {
        if (count_ % kChunkRows == 0) {
            chunks_.emplace_back();
            if (count_ > 0) chunks_.back().reserve(kChunkRows);
        }
        chunks_.back().push_back(r);
        ++count_;
    }
    uint64_t at = 0;
    for (std::size_t i = 0; i < batch.rows.size(); ++i) {
        uint64_t len = i < batch.info_lens.size() ? batch.info_lens[i] : 0;
        if (at + len > batch.arena.size()) len = at <= batch.arena.size() ? batch.arena.size() - at : 0;
        infos_.append(std::string_view(batch.arena).substr(std::size_t(std::min<uint64_t>(at, batch.arena.size())),
                                                            std::size_t(len)));
        at += len;
    }
    for (const auto& n : batch.new_names) names_.push_back(n);
}

std::size_t FrameIndex::memory_bytes() const {
    std::size_t n = chunks_.capacity() * sizeof(chunks_[0]) + infos_.memory_bytes();
    for (const auto& c : chunks_) n += c.capacity() * sizeof(FrameRow);
    for (const auto& s : names_) n += sizeof(std::string) + s.capacity();
    return n;
}

void put_info(IndexBatch& batch, std::string_view info) {
    std::string_view kept = info.substr(0, FrameIndex::kMaxInfo);
    const std::size_t before = batch.arena.size();
    batch.arena += kept;
    if (kept.size() < info.size()) batch.arena += "\xE2\x80\xA6";
    batch.info_lens.push_back(static_cast<uint32_t>(batch.arena.size() - before));
}

}  // namespace ms::ui
