#include "capture/net/ip_defrag.hpp"

#include <algorithm>
#include <cstring>

namespace ms {

IpDefragmenter::IpDefragmenter(uint32_t max_datagrams, uint64_t max_bytes)
    : max_datagrams_(max_datagrams), max_bytes_(max_bytes) {}

void IpDefragmenter::clear() {
    pending_.clear();
    age_.clear();
    bytes_ = 0;
}

// What a pending datagram counts against ip.max_pending_bytes: its buffer
// and its bookkeeping, so a flood of tiny fragments is bounded too.
uint64_t IpDefragmenter::cost(const Pending& p) {
    return p.data.size() + p.fragments.size() * sizeof(FragmentRecord) +
           p.covered.size() * sizeof(std::pair<uint32_t, uint32_t>);
}

void IpDefragmenter::drop(std::map<FragmentKey, Pending>::iterator it) {
    bytes_ -= cost(it->second);
    age_.erase(it->second.age);
    pending_.erase(it);
}

uint32_t IpDefragmenter::make_room(const FragmentKey* keep, uint64_t extra, bool new_datagram) {
    uint32_t evicted = 0;
    auto over = [&] {
        return (new_datagram && pending_.size() + 1 > max_datagrams_) || bytes_ + extra > max_bytes_;
    };
    while (over()) {
        auto victim = age_.begin();
        if (keep && victim != age_.end() && *victim == *keep) ++victim;
        if (victim == age_.end()) break;
        drop(pending_.find(*victim));
        ++evicted;
    }
    return evicted;
}

bool IpDefragmenter::complete(const Pending& p) {
    return p.have_total && !p.covered.empty() && p.covered.front().first == 0 &&
           p.covered.front().second >= p.total;
}

DefragResult IpDefragmenter::add(const FragmentKey& key, uint32_t offset, bool more,
                                 std::span<const uint8_t> payload, uint64_t frame) {
    DefragResult r;
    const uint32_t carried = static_cast<uint32_t>(std::min<uint64_t>(payload.size(), kMaxDatagram));
    if (offset >= kMaxDatagram && !payload.empty()) {
        r.too_long = true;
        r.status = DefragResult::Dropped;
        return r;
    }
    uint64_t end = uint64_t(offset) + payload.size();
    if (end > kMaxDatagram) {
        r.too_long = true;
        payload = payload.first(kMaxDatagram - offset);
        end = kMaxDatagram;
    }

    auto it = pending_.find(key);
    if (it == pending_.end()) {
        const uint64_t need = end + sizeof(FragmentRecord) + sizeof(std::pair<uint32_t, uint32_t>);
        if (need > max_bytes_ || max_datagrams_ == 0) {
            r.status = DefragResult::Dropped;
            return r;
        }
        r.evicted = make_room(nullptr, need, true);
        it = pending_.emplace(key, Pending{}).first;
        age_.push_back(key);
        it->second.age = std::prev(age_.end());
    } else {
        Pending& p = it->second;
        const uint64_t grow = (end > p.data.size() ? end - p.data.size() : 0) + sizeof(FragmentRecord) +
                              sizeof(std::pair<uint32_t, uint32_t>);
        if (p.fragments.size() >= kMaxFragmentsPerDatagram || cost(p) + grow > max_bytes_) {
            drop(it);
            r.status = DefragResult::Dropped;
            return r;
        }
        r.evicted = make_room(&key, grow, false);
    }
    Pending& p = it->second;
    bytes_ -= cost(p);

    if (!more) {
        if (p.have_total && p.total != end) {
            r.multiple_tails = true;
        } else if (!p.have_total) {
            p.total = static_cast<uint32_t>(end);
            p.have_total = true;
            if (!p.covered.empty() && p.covered.back().second > p.total) r.too_long = true;
        }
    }
    if (p.have_total && end > p.total) {
        r.too_long = true;
        end = std::max<uint64_t>(offset, p.total);
        payload = payload.first(end - offset);
    }

    const uint32_t b = offset, e = static_cast<uint32_t>(end);
    if (e > b) {
        if (p.data.size() < e) p.data.resize(e);
        // Copy only bytes nobody sent yet; compare the ones already held.
        uint32_t pos = b;
        for (const auto& [cb, ce] : p.covered) {
            if (ce <= pos || cb >= e) continue;
            if (cb > pos) std::memcpy(p.data.data() + pos, payload.data() + (pos - b), cb - pos);
            const uint32_t ob = std::max(cb, pos), oe = std::min(ce, e);
            r.overlap = true;
            if (std::memcmp(p.data.data() + ob, payload.data() + (ob - b), oe - ob) != 0) r.conflict = true;
            pos = oe;
            if (pos >= e) break;
        }
        if (pos < e) std::memcpy(p.data.data() + pos, payload.data() + (pos - b), e - pos);

        p.covered.emplace_back(b, e);
        std::sort(p.covered.begin(), p.covered.end());
        std::size_t out = 0;
        for (std::size_t i = 1; i < p.covered.size(); ++i) {
            if (p.covered[i].first <= p.covered[out].second)
                p.covered[out].second = std::max(p.covered[out].second, p.covered[i].second);
            else
                p.covered[++out] = p.covered[i];
        }
        p.covered.resize(out + 1);
    }
    p.fragments.push_back(FragmentRecord{frame, offset, carried});
    bytes_ += cost(p);

    if (complete(p)) {
        r.status = DefragResult::Complete;
        bytes_ -= cost(p);  // the datagram leaves the pending set
        r.data = std::move(p.data);
        r.data.resize(p.total);
        r.fragments = std::move(p.fragments);
        std::stable_sort(r.fragments.begin(), r.fragments.end(),
                         [](const FragmentRecord& x, const FragmentRecord& y) { return x.offset < y.offset; });
        age_.erase(p.age);
        pending_.erase(it);
    }
    return r;
}

}  // namespace ms
