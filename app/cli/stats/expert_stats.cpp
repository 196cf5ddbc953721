#include "app/cli/stats/expert_stats.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ms::cli {

std::string protocol_short_name(FieldId field) {
    const FieldRegistry& reg = FieldRegistry::global();
    FieldId p = reg.protocol_of(field);
    std::string name = p == kNoField ? "" : reg.def(p).abbrev;
    if (name == "ip") return "IPv4";
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

void ExpertStats::add_frame(const ProtoTree& tree) {
    const FieldRegistry& reg = FieldRegistry::global();
    for (const auto& hit : tree.experts()) {
        const ExpertDef* def = reg.expert(hit.field);
        if (!def) continue;
        std::string proto = protocol_short_name(hit.field);
        std::string text(tree.expert_text(hit));
        auto key = std::make_tuple(int(hit.severity), uint32_t(def->group), proto, text);
        auto [it, fresh] = rows_.try_emplace(key);
        if (fresh) it->second = Row{hit.severity, def->group, proto, text, 0, seq_++};
        it->second.count++;
    }
}

void ExpertStats::print(std::string& out) const {
    static const struct {
        Severity sev;
        const char* title;
    } sections[] = {{Severity::Error, "Errors"}, {Severity::Warn, "Warns"}, {Severity::Note, "Notes"},
                    {Severity::Chat, "Chats"}, {Severity::Comment, "Comments"}};
    for (const auto& sec : sections) {
        std::vector<const Row*> rows;
        uint64_t total = 0;
        for (const auto& [k, r] : rows_)
            if (r.severity == sec.sev) rows.push_back(&r), total += r.count;
        if (rows.empty()) continue;
        std::stable_sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) {
            if (a->count != b->count) return a->count > b->count;
            return a->first_seen < b->first_seen;
        });
        char buf[512];
        std::snprintf(buf, sizeof buf, "\n%s (%llu)\n=============\n", sec.title, (unsigned long long)total);
        out += buf;
        out += "   Frequency      Group           Protocol  Summary\n";
        for (const Row* r : rows) {
            std::snprintf(buf, sizeof buf, "%12llu %10s %18s  ", (unsigned long long)r->count,
                          std::string(group_name(r->group)).c_str(), r->protocol.c_str());
            out += buf;
            out += r->summary;
            out += '\n';
        }
    }
}

}  // namespace ms::cli
