#include "dissector_table.hpp"

namespace ms {

DissectorTable& DissectorTable::global() {
    static DissectorTable table;
    return table;
}

void DissectorTable::add(AppProtocol proto) { protos_.push_back(std::move(proto)); }

const AppProtocol* DissectorTable::find(std::string_view name) const {
    for (const auto& p : protos_)
        if (name == p.name) return &p;
    return nullptr;
}

bool DissectorTable::decode_as(uint16_t port, std::string_view name) {
    for (std::size_t i = 0; i < protos_.size(); ++i) {
        if (name == protos_[i].name) {
            decode_as_.emplace_back(port, i);
            return true;
        }
    }
    return false;
}

void DissectorTable::remove_decode_as(uint16_t port) {
    std::erase_if(decode_as_, [port](const auto& rule) { return rule.first == port; });
}

const AppProtocol* DissectorTable::by_port(uint16_t port) const {
    for (auto& [p, idx] : decode_as_)
        if (p == port) return &protos_[idx];
    for (const auto& proto : protos_)
        for (uint16_t p : proto.ports)
            if (p == port) return &proto;
    return nullptr;
}

const AppProtocol* DissectorTable::by_content(Dir dir, std::span<const uint8_t> first_bytes) const {
    for (const auto& proto : protos_)
        if (proto.looks_like && proto.looks_like(dir, first_bytes)) return &proto;
    return nullptr;
}

}  // namespace ms
