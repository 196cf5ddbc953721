// The Info text of every frame, kept compressed: rows are grouped in blocks
// of kBlockRows, each block deflated once it is full (zlib), and a small
// cache holds the last few blocks inflated for display. Costs a few bytes
// per frame instead of the whole text. Thread-safe for concurrent readers
// (the cache is locked); appending is the owner's job alone. Qt-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ms::ui {

class InfoStore {
public:
    static constexpr std::size_t kBlockRows = 256;

    void clear();
    void append(std::string_view text);
    std::size_t size() const { return count_; }
    // The text of row i ("" when out of range).
    std::string get(std::size_t i) const;
    // Every text of rows [0, size()) in order, inflating each block once:
    // calls f(row, text) (sorting by Info reads them all).
    template <typename F>
    void for_each(F&& f) const {
        std::string raw;
        for (std::size_t b = 0; b * kBlockRows < count_; ++b) {
            const std::string* block = &tail_;
            if (b < blocks_.size()) {
                inflate_block(b, raw);
                block = &raw;
            }
            std::size_t pos = 0, row = b * kBlockRows;
            while (pos < block->size()) f(row++, next_text(*block, pos));
        }
    }
    std::size_t memory_bytes() const;
    // Deflated bytes of the sealed blocks (what the store costs in the long run).
    std::size_t packed_bytes() const { return packed_.size(); }

private:
    struct Block {
        uint64_t offset = 0;  // into packed_
        uint32_t packed_len = 0, raw_len = 0;
    };
    static std::string_view next_text(const std::string& raw, std::size_t& pos);
    void seal_tail();
    void inflate_block(std::size_t b, std::string& out) const;

    std::string packed_;        // every sealed block's deflated bytes
    std::vector<Block> blocks_;
    std::string tail_;          // the open block: varint length + text per row
    std::size_t tail_rows_ = 0;
    std::size_t count_ = 0;

    // A few inflated blocks, most recently used first.
    struct Cached {
        std::size_t block;
        std::string raw;
    };
    static constexpr std::size_t kCacheBlocks = 8;
    mutable std::mutex cache_mutex_;
    mutable std::vector<Cached> cache_;
};

}  // namespace ms::ui
