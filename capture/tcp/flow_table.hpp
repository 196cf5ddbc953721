// Which connection slot holds each open FlowKey. Open addressing with linear
// probing over small (hash, slot) entries: a look-up reads one compact array
// and then the connection itself, whose stored key settles equality. (A
// node-based std::unordered_map cost a pointer chase and a cache miss per
// frame; with a thousand open flows that was a tenth of the run time.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "capture/tcp/flow_key.hpp"

namespace ms {

class FlowTable {
public:
    static constexpr uint32_t kNone = 0xFFFFFFFFu;

    static uint64_t hash(const FlowKey& k) { return FlowKeyHash{}(k); }

    // The slot whose key equals k (key_of(slot) gives a slot's key), or kNone.
    template <class KeyOf>
    uint32_t find(const FlowKey& k, uint64_t h, KeyOf&& key_of) const {
        if (entries_.empty()) return kNone;
        const uint32_t tag = uint32_t(h);
        for (std::size_t i = tag & mask_;; i = (i + 1) & mask_) {
            const Entry& e = entries_[i];
            if (e.slot_plus1 == 0) return kNone;
            if (e.tag == tag && key_of(e.slot_plus1 - 1) == k) return e.slot_plus1 - 1;
        }
    }

    // Adds slot under hash h; the caller has checked that its key is absent.
    void insert(uint64_t h, uint32_t slot) {
        if ((used_ + 1) * 2 > entries_.size()) grow();
        place(Entry{uint32_t(h), slot + 1});
        ++used_;
    }

    // Removes the entry of slot (inserted under hash h); absent is a no-op.
    void erase(uint64_t h, uint32_t slot) {
        if (entries_.empty()) return;
        std::size_t i = uint32_t(h) & mask_;
        for (;; i = (i + 1) & mask_) {
            if (entries_[i].slot_plus1 == 0) return;
            if (entries_[i].slot_plus1 == slot + 1) break;
        }
        // Backward-shift deletion: pull later entries of the same probe run
        // into the hole unless that would put them before their home index.
        for (std::size_t j = i;;) {
            j = (j + 1) & mask_;
            if (entries_[j].slot_plus1 == 0) break;
            const std::size_t home = entries_[j].tag & mask_;
            const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (stays) continue;
            entries_[i] = entries_[j];
            i = j;
        }
        entries_[i] = Entry{};
        --used_;
    }

    std::size_t size() const { return used_; }

private:
    struct Entry {
        uint32_t tag = 0;         // low 32 bits of the key's hash
        uint32_t slot_plus1 = 0;  // 0 marks an empty entry
    };

    void place(Entry e) {
        std::size_t i = e.tag & mask_;
        while (entries_[i].slot_plus1 != 0) i = (i + 1) & mask_;
        entries_[i] = e;
    }
    void grow() {
        std::vector<Entry> old = std::move(entries_);
        entries_.assign(old.empty() ? 1024 : old.size() * 2, Entry{});
        mask_ = entries_.size() - 1;
        for (const Entry& e : old)
            if (e.slot_plus1) place(e);
    }

    std::vector<Entry> entries_;
    std::size_t mask_ = 0;
    std::size_t used_ = 0;
};

}  // namespace ms
