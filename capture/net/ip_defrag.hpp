// IPv4/IPv6 fragment reassembly. Fragments are keyed by (version, src, dst,
// id, protocol) and may arrive in any order, overlap or never complete.
// Overlapping bytes keep the first copy (a differing later copy is flagged as
// a conflict). Memory is bounded: at most `max_datagrams` pending datagrams
// and `max_bytes` buffered bytes; when a new fragment would exceed either,
// the oldest pending datagrams are dropped and counted in `evicted`.
#pragma once

#include <array>
#include <cstdint>
#include <list>
#include <map>
#include <span>
#include <vector>

namespace ms {

struct FragmentKey {
    uint8_t version = 4;
    uint8_t proto = 0;
    uint32_t id = 0;
    std::array<uint8_t, 16> src{}, dst{};
    auto operator<=>(const FragmentKey&) const = default;
};

// One fragment as it went into a completed datagram (Wireshark's fragment list).
struct FragmentRecord {
    uint64_t frame = 0;
    uint32_t offset = 0;  // payload offset in bytes
    uint32_t length = 0;  // bytes this fragment carried (before overlap trimming)
};

struct DefragResult {
    enum Status : uint8_t {
        Pending,   // stored, datagram still incomplete
        Complete,  // this fragment completed the datagram: see data/fragments
        Dropped,   // not stored (too large for the limits, or its datagram was dropped)
    };
    Status status = Pending;
    bool overlap = false;         // overlapped bytes already held
    bool conflict = false;        // ... and they differed
    bool multiple_tails = false;  // a second last fragment disagreed on the length
    bool too_long = false;        // data past the datagram's end (or past 65535) was cut
    uint32_t evicted = 0;         // older datagrams dropped to make room
    std::vector<uint8_t> data;                // Complete: the reassembled payload
    std::vector<FragmentRecord> fragments;    // Complete: sorted by offset
};

class IpDefragmenter {
public:
    // Largest reassembled payload: the IP length fields are 16 bits.
    static constexpr uint32_t kMaxDatagram = 65535;
    // Most fragments remembered per datagram (65535 / 8 distinct pieces).
    static constexpr uint32_t kMaxFragmentsPerDatagram = 8192;

    IpDefragmenter(uint32_t max_datagrams, uint64_t max_bytes);

    // One fragment: `offset` in bytes, `more` = more fragments follow.
    DefragResult add(const FragmentKey& key, uint32_t offset, bool more,
                     std::span<const uint8_t> payload, uint64_t frame);

    std::size_t pending_datagrams() const { return pending_.size(); }
    uint64_t pending_bytes() const { return bytes_; }
    void clear();

private:
    struct Pending {
        std::vector<uint8_t> data;                           // sized to the highest end seen
        std::vector<std::pair<uint32_t, uint32_t>> covered;  // sorted, merged [begin, end)
        std::vector<FragmentRecord> fragments;
        uint32_t total = 0;  // payload length, known once the last fragment arrived
        bool have_total = false;
        std::list<FragmentKey>::iterator age;  // position in age_ (oldest first)
    };
    static uint64_t cost(const Pending& p);
    void drop(std::map<FragmentKey, Pending>::iterator it);
    // Evicts the oldest datagrams other than `keep` until `extra` more bytes fit.
    uint32_t make_room(const FragmentKey* keep, uint64_t extra, bool new_datagram);
    static bool complete(const Pending& p);

    uint32_t max_datagrams_;
    uint64_t max_bytes_;
    uint64_t bytes_ = 0;
    std::map<FragmentKey, Pending> pending_;
    std::list<FragmentKey> age_;
};

}  // namespace ms
