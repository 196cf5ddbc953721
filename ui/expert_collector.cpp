#include "ui/expert_collector.hpp"

#include <cctype>

#include "dissectors/core/field_registry.hpp"

namespace ms::ui {

std::string expert_protocol_name(FieldId field) {
    const FieldRegistry& reg = FieldRegistry::global();
    FieldId p = reg.protocol_of(field);
    std::string name = p == kNoField ? "" : reg.def(p).abbrev;
    if (name == "ip") return "IPv4";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

void ExpertCollector::add(uint64_t frame, const ProtoTree& tree) {
    const FieldRegistry& reg = FieldRegistry::global();
    for (const auto& hit : tree.experts()) {
        const ExpertDef* def = reg.expert(hit.field);
        if (!def) continue;
        std::string text(tree.expert_text(hit));
        Key key{int(hit.severity), uint32_t(def->group), expert_protocol_name(hit.field), text};
        auto it = index_.find(key);
        if (it == index_.end()) {
            if (entries_.size() >= kMaxEntries) {
                std::get<3>(key) = def->summary ? def->summary : "";
                it = index_.find(key);
            }
            if (it == index_.end()) {
                ExpertEntry e;
                e.severity = hit.severity;
                e.group = def->group;
                e.protocol = std::get<2>(key);
                e.summary = std::get<3>(key);
                entries_.push_back(std::move(e));
                it = index_.emplace(std::move(key), entries_.size() - 1).first;
            }
        }
        ExpertEntry& e = entries_[it->second];
        e.count++;
        // Frames arrive in order: a repeat within one frame is the last one.
        if (e.last_frame != frame) {
            e.last_frame = frame;
            e.frames_total++;
            if (e.frames.size() < kMaxFrames && frame <= UINT32_MAX) e.frames.push_back(static_cast<uint32_t>(frame));
        }
    }
}

std::vector<ExpertEntry> ExpertCollector::take() {
    index_.clear();
    return std::move(entries_);
}

}  // namespace ms::ui
