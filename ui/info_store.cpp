#include "ui/info_store.hpp"

#include <zlib.h>

#include <algorithm>

namespace ms::ui {

namespace {
void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(char(uint8_t(v) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}
}  // namespace

void InfoStore::clear() {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    packed_.clear();
    packed_.shrink_to_fit();
    blocks_.clear();
    blocks_.shrink_to_fit();
    tail_.clear();
    tail_rows_ = 0;
    count_ = 0;
    cache_.clear();
}

void InfoStore::append(std::string_view text) {
    put_varint(tail_, text.size());
    tail_.append(text);
    ++count_;
    if (++tail_rows_ == kBlockRows) seal_tail();
}

void InfoStore::seal_tail() {
    // Level 1: the GUI thread seals blocks while a capture loads, and
    // summary lines compress well even at the fastest level.
    uLongf bound = compressBound(uLong(tail_.size()));
    const std::size_t at = packed_.size();
    packed_.resize(at + bound);
    int rc = compress2(reinterpret_cast<Bytef*>(packed_.data() + at), &bound,
                       reinterpret_cast<const Bytef*>(tail_.data()), uLong(tail_.size()), 1);
    Block b;
    b.offset = at;
    b.raw_len = uint32_t(tail_.size());
    if (rc == Z_OK) {
        packed_.resize(at + bound);
        b.packed_len = uint32_t(bound);
    } else {
        // Out of memory inside zlib: keep the block stored, uncompressed.
        packed_.replace(at, packed_.size() - at, tail_);
        b.packed_len = 0;
    }
    blocks_.push_back(b);
    tail_.clear();
    tail_rows_ = 0;
}

void InfoStore::inflate_block(std::size_t b, std::string& out) const {
    const Block& blk = blocks_[b];
    if (blk.packed_len == 0) {
        out.assign(packed_, blk.offset, blk.raw_len);
        return;
    }
    out.resize(blk.raw_len);
    uLongf len = blk.raw_len;
    int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &len,
                        reinterpret_cast<const Bytef*>(packed_.data() + blk.offset), blk.packed_len);
    if (rc != Z_OK || len != blk.raw_len) out.clear();  // cannot happen with our own blocks; show nothing
}

std::string_view InfoStore::next_text(const std::string& raw, std::size_t& pos) {
    uint64_t len = 0;
    for (int shift = 0; pos < raw.size() && shift < 64; shift += 7) {
        uint8_t c = uint8_t(raw[pos++]);
        len |= uint64_t(c & 0x7f) << shift;
        if (!(c & 0x80)) break;
    }
    len = std::min<uint64_t>(len, raw.size() - pos);
    std::string_view s(raw.data() + pos, std::size_t(len));
    pos += std::size_t(len);
    return s;
}

std::string InfoStore::get(std::size_t i) const {
    if (i >= count_) return {};
    const std::size_t b = i / kBlockRows;
    std::size_t skip = i % kBlockRows, pos = 0;
    auto pick = [&](const std::string& raw) {
        std::string_view s;
        for (std::size_t k = 0; k <= skip && pos < raw.size(); ++k) s = next_text(raw, pos);
        return std::string(s);
    };
    if (b >= blocks_.size()) return pick(tail_);
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = std::find_if(cache_.begin(), cache_.end(), [&](const Cached& c) { return c.block == b; });
    if (it == cache_.end()) {
        if (cache_.size() >= kCacheBlocks) cache_.pop_back();
        Cached c{b, {}};
        inflate_block(b, c.raw);
        cache_.insert(cache_.begin(), std::move(c));
    } else if (it != cache_.begin()) {
        std::rotate(cache_.begin(), it, it + 1);
    }
    return pick(cache_.front().raw);
}

std::size_t InfoStore::memory_bytes() const {
    std::size_t n = packed_.capacity() + blocks_.capacity() * sizeof(Block) + tail_.capacity();
    for (const auto& c : cache_) n += c.raw.capacity();
    return n;
}

}  // namespace ms::ui
