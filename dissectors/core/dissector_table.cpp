#include "dissector_table.hpp"

#include <algorithm>

#include "field_registry.hpp"

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

std::vector<std::string> DissectorTable::unread_by(std::span<const FieldId> wanted) const {
    // Families that the link, network and transport layers add whatever the
    // application protocol is. frame.protocols lists the application layers,
    // so it counts as a field of every protocol.
    static constexpr std::string_view kTransportFamilies[] = {
        "frame", "eth", "vlan", "ieee8021ad", "sll", "null", "raw", "ip", "ipv6", "ah", "udp", "icmp", "icmpv6", "tcp"};
    const FieldRegistry& reg = FieldRegistry::global();
    std::vector<bool> read(protos_.size(), false);
    for (FieldId f : wanted) {
        if (f == kNoField) continue;
        std::string_view name = reg.def(f).abbrev;
        std::string_view family = name.substr(0, name.find('.'));
        if (name == "frame.protocols") return {};
        if (std::find(std::begin(kTransportFamilies), std::end(kTransportFamilies), family) !=
            std::end(kTransportFamilies))
            continue;
        bool known = false;
        for (std::size_t i = 0; i < protos_.size(); ++i)
            if (family == protos_[i].name) read[i] = known = true;
        if (!known) return {};
    }
    std::vector<std::string> unread;
    for (std::size_t i = 0; i < protos_.size(); ++i)
        if (!read[i]) unread.emplace_back(protos_[i].name);
    return unread;
}

}  // namespace ms
