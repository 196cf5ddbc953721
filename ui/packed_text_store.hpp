// Many short texts kept compressed, read back by their index: the Info text
// of every frame, the packed record of every message. Texts are grouped in
// blocks of block_rows, each block compressed once it is full (zstd), and a
// small cache holds the last few blocks unpacked for display.
// Neighbouring texts look alike, so a block compresses far better than each
// text alone would: a few bytes per frame instead of the whole text. Thread-safe for concurrent readers
// (the cache is locked); appending is the owner's job alone. Qt-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ms::ui {

class PackedTextStore {
public:
    // Large blocks pack much tighter (summary lines of one stream recur
    // thousands of rows apart); unpacking one to show a row takes well
    // under a millisecond.
    static constexpr std::size_t kDefaultBlockRows = 4096;

    // Texts per block: large for short texts (Info), small for long ones
    // (a message record), so that reading one unpacks little.
    explicit PackedTextStore(std::size_t block_rows = kDefaultBlockRows) : block_rows_(block_rows ? block_rows : 1) {}

    void clear();
    void append(std::string_view text);
    std::size_t size() const { return count_; }
    // The text of row i ("" when out of range).
    std::string get(std::size_t i) const;
    // Every text of rows [0, size()) in order, unpacking each block once:
    // calls f(row, text) (sorting by Info reads them all).
    template <typename F>
    void for_each(F&& f) const {
        std::string raw;
        for (std::size_t b = 0; b * block_rows_ < count_; ++b) {
            const std::string* block = &tail_;
            if (b < blocks_.size()) {
                unpack_block(b, raw);
                block = &raw;
            }
            std::size_t pos = 0, row = b * block_rows_;
            while (pos < block->size()) f(row++, next_text(*block, pos));
        }
    }
    std::size_t memory_bytes() const;
    // Deflated bytes of the sealed blocks (what the store costs in the long run).
    std::size_t packed_bytes() const { return packed_bytes_; }

private:
    struct Block {
        std::unique_ptr<char[]> data;    // packed_len bytes (raw_len when stored)
        uint32_t packed_len = 0, raw_len = 0;  // packed_len 0: stored uncompressed
    };
    static std::string_view next_text(const std::string& raw, std::size_t& pos);
    void seal_tail();
    void unpack_block(std::size_t b, std::string& out) const;

    std::size_t block_rows_;
    std::size_t packed_bytes_ = 0;
    std::vector<Block> blocks_;
    std::string tail_;          // the open block: varint length + text per row
    // One compression context and output buffer for every block: a context
    // made per block (ZSTD_compress) cost more than compressing the block.
    struct CCtxFree {
        void operator()(void* c) const;
    };
    std::unique_ptr<void, CCtxFree> cctx_;
    std::string scratch_;
    std::size_t tail_rows_ = 0;
    std::size_t count_ = 0;

    // A few unpacked blocks, most recently used first.
    struct Cached {
        std::size_t block;
        std::string raw;
    };
    static constexpr std::size_t kCacheBlocks = 8;
    mutable std::mutex cache_mutex_;
    mutable std::vector<Cached> cache_;
};

}  // namespace ms::ui
