#include "ui/expert_collector.hpp"

#include <algorithm>
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

std::vector<ExpertEntry> merge_expert_entries(std::vector<std::vector<ExpertEntry>> parts) {
    using Key = std::tuple<int, uint32_t, std::string, std::string>;
    std::map<Key, std::size_t> index;
    std::vector<ExpertEntry> out;
    for (auto& part : parts)
        for (auto& e : part) {
            Key key{int(e.severity), uint32_t(e.group), e.protocol, e.summary};
            auto it = index.find(key);
            if (it == index.end()) {
                index.emplace(std::move(key), out.size());
                out.push_back(std::move(e));
                continue;
            }
            ExpertEntry& m = out[it->second];
            m.count += e.count;
            m.frames_total += e.frames_total;
            std::vector<uint32_t> frames;
            frames.reserve(std::min(m.frames.size() + e.frames.size(), ExpertCollector::kMaxFrames));
            std::merge(m.frames.begin(), m.frames.end(), e.frames.begin(), e.frames.end(), std::back_inserter(frames));
            if (frames.size() > ExpertCollector::kMaxFrames) frames.resize(ExpertCollector::kMaxFrames);
            m.frames = std::move(frames);
            m.last_frame = std::max(m.last_frame, e.last_frame);
        }
    // A collector lists entries as first seen, i.e. by their first frame.
    std::stable_sort(out.begin(), out.end(), [](const ExpertEntry& a, const ExpertEntry& b) {
        const uint64_t fa = a.frames.empty() ? UINT64_MAX : a.frames.front();
        const uint64_t fb = b.frames.empty() ? UINT64_MAX : b.frames.front();
        return fa < fb;
    });
    return out;
}

}  // namespace ms::ui
