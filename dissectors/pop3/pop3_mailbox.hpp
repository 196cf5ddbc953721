// The maildrop as the session reveals it: sizes from LIST, what was
// retrieved and what was marked for deletion (RSET unmarks; the marks take
// effect when QUIT is answered +OK in the TRANSACTION state, RFC 1939 6).
// Every table is capped so a hostile server cannot grow it without bound.
#pragma once

#include <cstdint>
#include <set>
#include <unordered_map>

namespace ms::pop3 {

class Mailbox {
public:
    static constexpr std::size_t kMaxEntries = 65536;

    void listed(uint64_t msg, uint64_t size);
    // The LIST size of msg, if known.
    bool listed_size(uint64_t msg, uint64_t& size) const;
    void retrieved(uint64_t msg) { insert(retrieved_, msg); }
    void mark_deleted(uint64_t msg) { insert(marked_, msg); }
    void reset() { marked_.clear(); }

    uint64_t listed_count() const { return sizes_.size(); }
    uint64_t retrieved_count() const { return retrieved_.size(); }
    const std::set<uint64_t>& marked() const { return marked_; }

private:
    static void insert(std::set<uint64_t>& s, uint64_t v) {
        if (s.size() < kMaxEntries) s.insert(v);
    }
    std::unordered_map<uint64_t, uint64_t> sizes_;
    std::set<uint64_t> retrieved_;
    std::set<uint64_t> marked_;
};

}  // namespace ms::pop3
