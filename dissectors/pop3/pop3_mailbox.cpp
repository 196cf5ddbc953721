#include "pop3_mailbox.hpp"

namespace ms::pop3 {

void Mailbox::listed(uint64_t msg, uint64_t size) {
    auto it = sizes_.find(msg);
    if (it != sizes_.end()) it->second = size;
    else if (sizes_.size() < kMaxEntries) sizes_.emplace(msg, size);
}

bool Mailbox::listed_size(uint64_t msg, uint64_t& size) const {
    auto it = sizes_.find(msg);
    if (it == sizes_.end()) return false;
    size = it->second;
    return true;
}

}  // namespace ms::pop3
