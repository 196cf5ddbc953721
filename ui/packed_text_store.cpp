#include "ui/packed_text_store.hpp"

#include <zstd.h>

#include <algorithm>

#include "ui/varint.hpp"

namespace ms::ui {

void PackedTextStore::clear() {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    packed_bytes_ = 0;
    blocks_.clear();
    blocks_.shrink_to_fit();
    tail_.clear();
    tail_rows_ = 0;
    count_ = 0;
    cache_.clear();
    cctx_.reset();
    scratch_.clear();
    scratch_.shrink_to_fit();
}

void PackedTextStore::append(std::string_view text) {
    put_varint(tail_, text.size());
    tail_.append(text);
    ++count_;
    if (++tail_rows_ == block_rows_) seal_tail();
}

void PackedTextStore::CCtxFree::operator()(void* c) const { ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(c)); }

void PackedTextStore::seal_tail() {
    // zstd at its default level: on summary lines and message records it
    // packs tighter than zlib's best level, and about three times faster
    // than zlib's fastest (the GUI thread seals blocks while a capture loads).
    if (!cctx_) cctx_.reset(ZSTD_createCCtx());
    scratch_.resize(ZSTD_compressBound(tail_.size()));
    const std::size_t n =
        cctx_ ? ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(cctx_.get()), scratch_.data(), scratch_.size(), tail_.data(),
                                  tail_.size(), 3)
              : ZSTD_compress(scratch_.data(), scratch_.size(), tail_.data(), tail_.size(), 3);
    const bool packed = !ZSTD_isError(n);
    Block b;
    b.raw_len = uint32_t(tail_.size());
    // Should zstd fail (out of memory), the block is kept as it is (packed_len 0).
    const std::string_view kept = packed ? std::string_view(scratch_.data(), n) : std::string_view(tail_);
    b.packed_len = packed ? uint32_t(n) : 0;
    // Each block in an allocation of its exact size: one growing buffer
    // would hold up to twice the packed bytes while it grows.
    b.data = std::make_unique_for_overwrite<char[]>(kept.size());
    std::copy(kept.begin(), kept.end(), b.data.get());
    packed_bytes_ += kept.size();
    blocks_.push_back(std::move(b));
    tail_.clear();
    tail_rows_ = 0;
}

void PackedTextStore::unpack_block(std::size_t b, std::string& out) const {
    const Block& blk = blocks_[b];
    if (blk.packed_len == 0) {
        out.assign(blk.data.get(), blk.raw_len);
        return;
    }
    out.resize(blk.raw_len);
    // One context per reading thread, as for compressing.
    thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    const std::size_t n = dctx ? ZSTD_decompressDCtx(dctx.get(), out.data(), out.size(), blk.data.get(), blk.packed_len)
                               : ZSTD_decompress(out.data(), out.size(), blk.data.get(), blk.packed_len);
    if (ZSTD_isError(n) || n != blk.raw_len) out.clear();  // cannot happen with our own blocks; show nothing
}

std::string_view PackedTextStore::next_text(const std::string& raw, std::size_t& pos) {
    const uint64_t len = std::min<uint64_t>(get_varint(raw, pos), raw.size() - pos);
    std::string_view s(raw.data() + pos, std::size_t(len));
    pos += std::size_t(len);
    return s;
}

std::string PackedTextStore::get(std::size_t i) const {
    if (i >= count_) return {};
    const std::size_t b = i / block_rows_;
    std::size_t skip = i % block_rows_, pos = 0;
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
        unpack_block(b, c.raw);
        cache_.insert(cache_.begin(), std::move(c));
    } else if (it != cache_.begin()) {
        std::rotate(cache_.begin(), it, it + 1);
    }
    return pick(cache_.front().raw);
}

std::size_t PackedTextStore::memory_bytes() const {
    std::size_t n = packed_bytes_ + blocks_.capacity() * sizeof(Block) + tail_.capacity() + scratch_.capacity();
    if (cctx_) n += ZSTD_sizeof_CCtx(static_cast<const ZSTD_CCtx*>(cctx_.get()));
    for (const auto& c : cache_) n += c.raw.capacity();
    return n;
}

}  // namespace ms::ui
