// The packet list's memory: one compact row per frame (32 bytes) plus the
// Info text of every frame compressed in blocks (PackedTextStore) and the addresses
// and protocol names interned once. Nothing here holds a tree or frame bytes;
// the detail view re-dissects the frame it shows. Qt-free.
#pragma once

#include <cstdint>
#include <optional>
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

// A row as the loader makes it and the list reads it (FrameIndex stores it
// packed in 24 bytes).
struct FrameRow {
    int64_t rel_ns = 0;       // since the first frame
    uint32_t wirelen = 0;
    uint32_t src = 0, dst = 0;  // name ids (addresses)
    int32_t tcp_stream = -1;
    uint32_t protocol = 0;    // name id (ids are shared with addresses: 32 bits)
    uint16_t srcport = 0, dstport = 0;
    RowClass row_class = RowClass::Other;
    uint8_t severity = 0;     // max expert severity + 1 (0 = none)
};

// What a loader hands over at a time: rows, their Info texts one after the
// other in `arena` (info_lens[i] bytes for rows[i]), and the names first
// seen in this batch (ids continue the table).
struct IndexBatch {
    std::vector<FrameRow> rows;
    // Absolute time of the capture's first frame (ts_ns - rel_ns of any
    // frame), for the absolute time formats; set by the batch that knows it.
    std::optional<int64_t> epoch_ns;
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
    // Row i as the loader made it (unpacked from its 24 stored bytes).
    FrameRow row(std::size_t i) const;
    // Frames are numbered in file order from 1, so row i is frame i + 1.
    static uint64_t frame_number(std::size_t row) { return row + 1; }
    // Info of row i (unpacks its block when it is not cached).
    std::string info(std::size_t i) const { return infos_.get(i); }
    const PackedTextStore& infos() const { return infos_; }
    std::optional<int64_t> epoch_ns() const { return epoch_ns_; }
    std::size_t name_count() const { return names_.size(); }
    std::string_view name(uint32_t id) const { return id < names_.size() ? std::string_view(names_[id]) : std::string_view(); }
    std::size_t memory_bytes() const;

private:
    // Rows live in chunks of kChunkRows: a vector of millions of rows would
    // hold up to twice its size while it grows, and copy everything at each
    // doubling. The first chunk grows as a small capture needs; every later
    // one is allocated at its full size once.
    static constexpr std::size_t kChunkRows = 1 << 16;

    // What a row costs once stored: 24 bytes instead of FrameRow's 32. The
    // ports live once per TCP stream (a row keeps which way it goes), the
    // protocol is an index into a short table, and the stream number and
    // length take 3 bytes each. A row that does not fit (a 16 M-th stream,
    // a 16 MiB frame, a 255th protocol name, ports its stream never had)
    // is kept whole in `unusual_`, which only hostile captures fill.
    struct StoredRow {
        int64_t rel_ns;
        uint32_t src, dst;
        uint8_t stream[3];   // tcp_stream + 1 (0 = none)
        uint8_t wirelen[3];
        uint8_t protocol;    // index into protocols_; kUnusual: see unusual_
        uint8_t flags;       // row_class (4 bits), severity (3), reversed ports (1)
    };
    static_assert(sizeof(StoredRow) == 24, "24 bytes a frame");
    static constexpr uint8_t kUnusual = 0xff;
    StoredRow pack(const FrameRow& r, std::size_t index);

    std::vector<std::vector<StoredRow>> chunks_;
    std::size_t count_ = 0;
    std::vector<uint32_t> protocols_;                           // protocol name ids, by StoredRow::protocol
    std::vector<std::pair<uint16_t, uint16_t>> stream_ports_;   // per stream: its first frame's src, dst port
    std::unordered_map<std::size_t, FrameRow> unusual_;
    PackedTextStore infos_;
    std::vector<std::string> names_;
    std::optional<int64_t> epoch_ns_;
};

// Adds the next row's Info text to a batch arena, cut at kMaxInfo.
void put_info(IndexBatch& batch, std::string_view info);

}  // namespace ms::ui
