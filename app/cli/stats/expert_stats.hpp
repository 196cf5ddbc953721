// -z expert: expert items counted by severity, group, protocol and text, in
// tshark's layout.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "dissectors/core/tree.hpp"

namespace ms::cli {

class ExpertStats {
public:
    void add_frame(const ProtoTree& tree);
    void print(std::string& out) const;

private:
    struct Row {
        Severity severity;
        ExpertGroup group;
        std::string protocol;
        std::string summary;
        uint64_t count = 0;
        uint64_t first_seen = 0;
    };
    std::map<std::tuple<int, uint32_t, std::string, std::string>, Row> rows_;
    uint64_t seq_ = 0;
};

// "TCP", "SMTP", ...: the short protocol name tshark prints for a field.
std::string protocol_short_name(FieldId field);

}  // namespace ms::cli
