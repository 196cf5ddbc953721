#include "field_registry.hpp"

#include <mutex>
#include <stdexcept>
#include <string>

namespace ms {

namespace {
// Fields every tree may hold whatever protocols are registered.
const FieldDef kCoreFields[] = {
    {"_ws.expert", "Expert Info", FieldType::None, Base::None},
    {"_ws.expert.message", "Message", FieldType::String, Base::None},
    {"_ws.expert.severity", "Severity level", FieldType::U32, Base::Hex, {}, 0, ""},
    {"_ws.expert.group", "Group", FieldType::U32, Base::Hex, {}, 0, ""},
    {"_ws.malformed", "Malformed Packet", FieldType::Protocol, Base::None},
    {"_ws.short", "Packet size limited during capture", FieldType::Protocol, Base::None},
    {"data", "Data", FieldType::Protocol, Base::None},
    {"data.data", "Data", FieldType::Bytes, Base::None},
    {"data.len", "Length", FieldType::U32, Base::Dec},
};
}  // namespace

FieldRegistry& FieldRegistry::mutable_global() {
    static FieldRegistry* reg = [] {
        auto* r = new FieldRegistry;
        r->add_table(kCoreFields);
        return r;
    }();
    return *reg;
}

FieldId FieldRegistry::add(const FieldDef& def) {
    FieldId id = static_cast<FieldId>(fields_.size());
    Entry e{def, nullptr, kNoField};
    std::string_view abbrev = def.abbrev;
    // The owning protocol is the registered protocol field whose name is the
    // longest dotted prefix ("tcp" for "tcp.analysis.flags").
    for (auto dot = abbrev.rfind('.'); dot != std::string_view::npos; dot = abbrev.rfind('.', dot - 1)) {
        auto it = by_name_.find(abbrev.substr(0, dot));
        if (it != by_name_.end() && fields_[it->second].def.type == FieldType::Protocol) {
            e.protocol = it->second;
            break;
        }
        if (dot == 0) break;
    }
    if (def.type == FieldType::Protocol) e.protocol = id;
    fields_.push_back(e);
    // First registration of a name wins (Wireshark allows duplicates of one
    // abbrev with different types; mailscope keeps one per name).
    by_name_.emplace(abbrev, id);
    return id;
}

FieldId FieldRegistry::add_expert(const ExpertDef& def) {
    FieldDef fd{def.abbrev, def.summary, FieldType::Expert, Base::None};
    FieldId id = add(fd);
    fields_[id].expert = &def;
    return id;
}

FieldId FieldRegistry::add_table(std::span<const FieldDef> defs) {
    FieldId base = static_cast<FieldId>(fields_.size());
    for (const auto& d : defs) add(d);
    return base;
}

FieldId FieldRegistry::add_expert_table(std::span<const ExpertDef> defs) {
    FieldId base = static_cast<FieldId>(fields_.size());
    for (const auto& d : defs) add_expert(d);
    return base;
}

FieldId FieldRegistry::find(std::string_view abbrev) const {
    auto it = by_name_.find(abbrev);
    return it == by_name_.end() ? kNoField : it->second;
}

}  // namespace ms
