// The names a packet-list row refers to by id (addresses, protocol column
// texts), interned as rows are made: each distinct one is turned into text
// once and sent to the FrameIndex once (IndexBatch::new_names). Qt-free.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dissectors/core/packet_info.hpp"
#include "ui/frame_index.hpp"

namespace ms::ui {

class RowNamer {
public:
    uint32_t address(const Address& a, IndexBatch& batch);
    uint32_t text(std::string_view s, IndexBatch& batch) { return names_.intern(s, batch); }

private:
    NameInterner names_;
    // Address -> name id, keyed by the address's raw bytes: the text form
    // is made once per distinct address, not twice per frame.
    std::unordered_map<std::string, uint32_t, TransparentStringHash, std::equal_to<>> address_ids_;
};

}  // namespace ms::ui
