// -T fields: one line per frame with the -e fields, shaped by -E.
#pragma once

#include <string>
#include <vector>

#include "app/cli/options.hpp"
#include "dissectors/core/tree.hpp"

namespace ms::cli {

class FieldsPrinter {
public:
    // Resolves the names; returns false (with the bad name) when one is unknown.
    bool init(const std::vector<std::string>& names, const FieldsOptions& opts, std::string& bad_name);
    const std::vector<FieldId>& ids() const { return ids_; }
    void append_header(std::string& out) const;
    void append_line(std::string& out, const ProtoTree& tree);

private:
    std::vector<std::string> names_;
    std::vector<FieldId> ids_;
    FieldsOptions opts_;
    std::vector<std::vector<uint32_t>> hits_;  // per column, node indices (reused)
};

}  // namespace ms::cli
