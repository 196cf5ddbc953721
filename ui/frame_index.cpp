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
    protocols_.clear();
    stream_ports_.clear();
    stream_ports_.shrink_to_fit();
    unusual_.clear();
    infos_.clear();
    names_.clear();
    epoch_ns_.reset();
}

void FrameIndex::append(const IndexBatch& batch) {
    if (!epoch_ns_) epoch_ns_ = batch.epoch_ns;
    for (const FrameRow& r : batch.rows) {
        if (count_ % kChunkRows == 0) {
            chunks_.emplace_back();
            if (count_ > 0) chunks_.back().reserve(kChunkRows);
        }
        chunks_.back().push_back(pack(r, count_));
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

FrameIndex::StoredRow FrameIndex::pack(const FrameRow& r, std::size_t index) {
    StoredRow s{};
    s.rel_ns = r.rel_ns;
    s.src = r.src;
    s.dst = r.dst;
    bool fits = r.tcp_stream < 0xfffffe && r.wirelen <= 0xffffff;
    const uint32_t stream = r.tcp_stream < 0 ? 0 : uint32_t(r.tcp_stream) + 1;
    bool reversed = false;
    if (fits && r.tcp_stream >= 0) {
        // Streams are numbered densely as they appear: the table grows in step.
        const auto id = std::size_t(r.tcp_stream);
        if (id >= stream_ports_.size()) stream_ports_.resize(id + 1, {r.srcport, r.dstport});
        const auto [a, b] = stream_ports_[id];
        if (r.srcport == a && r.dstport == b) reversed = false;
        else if (r.srcport == b && r.dstport == a) reversed = true;
        else fits = false;
    } else if (r.srcport || r.dstport) {
        fits = false;  // ports outside a TCP stream: rare, kept whole
    }
    auto it = std::find(protocols_.begin(), protocols_.end(), r.protocol);
    if (it == protocols_.end() && protocols_.size() < kUnusual) it = protocols_.insert(protocols_.end(), r.protocol);
    if (it == protocols_.end()) fits = false;
    if (!fits) {
        unusual_.emplace(index, r);
        s.protocol = kUnusual;
        return s;
    }
    for (int k = 0; k < 3; ++k) {
        s.stream[k] = uint8_t(stream >> (8 * k));
        s.wirelen[k] = uint8_t(r.wirelen >> (8 * k));
    }
    s.protocol = uint8_t(it - protocols_.begin());
    s.flags = uint8_t((uint8_t(r.row_class) & 0x0f) | ((r.severity & 0x07) << 4) | (reversed ? 0x80 : 0));
    return s;
}

FrameRow FrameIndex::row(std::size_t i) const {
    const StoredRow& s = chunks_[i / kChunkRows][i % kChunkRows];
    if (s.protocol == kUnusual) {
        auto it = unusual_.find(i);
        return it != unusual_.end() ? it->second : FrameRow{};
    }
    FrameRow r;
    r.rel_ns = s.rel_ns;
    r.src = s.src;
    r.dst = s.dst;
    uint32_t stream = 0, wirelen = 0;
    for (int k = 0; k < 3; ++k) {
        stream |= uint32_t(s.stream[k]) << (8 * k);
        wirelen |= uint32_t(s.wirelen[k]) << (8 * k);
    }
    r.tcp_stream = int32_t(stream) - 1;
    r.wirelen = wirelen;
    r.protocol = protocols_[s.protocol];
    r.row_class = RowClass(s.flags & 0x0f);
    r.severity = uint8_t((s.flags >> 4) & 0x07);
    if (r.tcp_stream >= 0 && std::size_t(r.tcp_stream) < stream_ports_.size()) {
        const auto [a, b] = stream_ports_[std::size_t(r.tcp_stream)];
        r.srcport = s.flags & 0x80 ? b : a;
        r.dstport = s.flags & 0x80 ? a : b;
    }
    return r;
}

std::size_t FrameIndex::memory_bytes() const {
    std::size_t n = chunks_.capacity() * sizeof(chunks_[0]) + infos_.memory_bytes() +
                    stream_ports_.capacity() * sizeof(stream_ports_[0]) + protocols_.capacity() * 4 +
                    unusual_.size() * (sizeof(FrameRow) + 32);
    for (const auto& c : chunks_) n += c.capacity() * sizeof(StoredRow);
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
