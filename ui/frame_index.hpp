// The packet list's memory: one compact row per frame (32 bytes) plus the
// Info text of every frame compressed in blocks (PackedTextStore) and the addresses
// and protocol names interned once. Nothing here holds a tree or frame bytes;
// the detail view re-dissects the frame it shows. Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <vector>

#include "ui/packed_text_store.hpp"

namespace ms::ui {

// Colour class of a row: the worst problem it shows, else its protocol.
enum class RowClass : uint8_t {
    Other, Tcp, Smtp, Pop, Imap, Imf,
    ReplyError,   // SMTP 4xx/5xx, POP3 -ERR, IMAP NO/BAD
    ExpertWarn,   // an expert item of severity Warn
    ExpertError,  // an expert item of severity Error (malformed, ...)
    Count
};

struct FrameRow {
    int64_t rel_ns = 0;       // since the first frame
    uint32_t wirelen = 0;
    uint32_t src = 0, dst = 0;  // name ids (addresses)
    int32_t tcp_stream = -1;
    uint16_t srcport = 0, dstport = 0;
    uint16_t protocol = 0;    // name id
    RowClass row_class = RowClass::Other;
    uint8_t severity = 0;     // max expert severity + 1 (0 = none)
};
static_assert(sizeof(FrameRow) <= 32, "the index must stay compact");

// What a loader hands over at a time: rows, their Info texts one after the
// other in `arena` (info_lens[i] bytes for rows[i]), and the names first
// seen in this batch (ids continue the table).
struct IndexBatch {
    std::vector<FrameRow> rows;
    std::string arena;
    std::vector<uint32_t> info_lens;
    std::vector<std::string> new_names;
};

// Hashes std::string keys and string_view probes alike (heterogeneous look-up).
struct TransparentStringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Assigns dense ids to strings on the loader's side and remembers which
// ones the receiving FrameIndex has not been told about yet.
class NameInterner {
public:
    uint32_t intern(std::string_view s, IndexBatch& batch);

private:
    // Looked up by string_view: no string is built for a name already seen.
    std::unordered_map<std::string, uint32_t, TransparentStringHash, std::equal_to<>> ids_;
};

class FrameIndex {
public:
    // Longest Info text kept per frame; longer ones end in "…".
    static constexpr std::size_t kMaxInfo = 400;

    void clear();
    void append(const IndexBatch& batch);
    std::size_t size() const { return count_; }
    const FrameRow& row(std::size_t i) const { return chunks_[i / kChunkRows][i % kChunkRows]; }
    // Frames are numbered in file order from 1, so row i is frame i + 1.
    static uint64_t frame_number(std::size_t row) { return row + 1; }
    // Info of row i (unpacks its block when it is not cached).
    std::string info(std::size_t i) const { return infos_.get(i); }
    const PackedTextStore& infos() const { return infos_; }
    std::string_view name(uint32_t id) const { return id < names_.size() ? std::string_view(names_[id]) : std::string_view(); }
    std::size_t memory_bytes() const;

private:
    // Rows live in chunks of kChunkRows: a vector of millions of rows would
    // hold up to twice its size while it grows, and copy everything at each
    // doubling. The first chunk grows as a small capture needs; every later
    // one is allocated at its full size once.
    static constexpr std::size_t kChunkRows = 1 << 16;
    std::vector<std::vector<FrameRow>> chunks_;
    std::size_t count_ = 0;
    PackedTextStore infos_;
    std::vector<std::string> names_;
};

// Adds the next row's Info text to a batch arena, cut at kMaxInfo.
void put_info(IndexBatch& batch, std::string_view info);

}  // namespace ms::ui
