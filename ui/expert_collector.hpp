// The Expert Information of a capture, gathered during the loading pass:
// one entry per (severity, group, protocol, summary) with how many items
// carried it and which frames. Grouped as `-z expert` groups, so the dialog
// and the CLI agree. Qt-free; bounded on hostile input.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "dissectors/core/tree.hpp"

namespace ms::ui {

struct ExpertEntry {
    Severity severity = Severity::Note;
    ExpertGroup group = ExpertGroup::Protocol;
    std::string protocol;          // "SMTP", "TCP", "IPv4"
    std::string summary;           // the item's text
    uint64_t count = 0;            // items (a frame may carry several)
    std::vector<uint32_t> frames;  // frames carrying it, ascending, at most kMaxFrames
    uint64_t frames_total = 0;     // frames carrying it, all of them
    uint64_t last_frame = 0;       // while collecting: the last frame counted
};

class ExpertCollector {
public:
    // Distinct summaries kept as they are; past this, texts of the same
    // expert field share the field's default summary (a hostile capture
    // cannot grow the table without bound).
    static constexpr std::size_t kMaxEntries = 20000;
    static constexpr std::size_t kMaxFrames = 1000000;

    void add(uint64_t frame, const ProtoTree& tree);
    const std::vector<ExpertEntry>& entries() const { return entries_; }
    std::vector<ExpertEntry> take();

private:
    using Key = std::tuple<int, uint32_t, std::string, std::string>;
    std::map<Key, std::size_t> index_;
    std::vector<ExpertEntry> entries_;
};

// The entries of several collectors that each saw some of the frames (the
// shards of a sharded load) as one collector seeing them all would have
// made them: same entries summed, frames merged in order, entries in the
// order of their first frame.
std::vector<ExpertEntry> merge_expert_entries(std::vector<std::vector<ExpertEntry>> parts);

// "SMTP" for smtp.* fields, "IPv4" for ip.*: the expert's protocol column.
std::string expert_protocol_name(FieldId field);

}  // namespace ms::ui
