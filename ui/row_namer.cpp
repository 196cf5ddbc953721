#include "ui/row_namer.hpp"

#include <cstring>

namespace ms::ui {

uint32_t RowNamer::address(const Address& a, IndexBatch& batch) {
    char raw[17];
    raw[0] = char(a.kind);
    std::memcpy(raw + 1, a.bytes, 16);
    const std::string_view key(raw, sizeof raw);
    if (auto it = address_ids_.find(key); it != address_ids_.end()) return it->second;
    const uint32_t id = names_.intern(a.to_string(), batch);
    address_ids_.emplace(std::string(key), id);
    return id;
}

}  // namespace ms::ui
