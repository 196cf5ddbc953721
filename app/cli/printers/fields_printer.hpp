// -T fields: one line per frame with the -e fields, shaped by -E.
#pragma once

#include <string>
#include <vector>

#include "app/cli/options.hpp"
#include "app/cli/printers/selected_fields.hpp"
#include "dissectors/core/tree.hpp"

namespace ms::cli {

class FieldsPrinter {
public:
    // Resolves the names; returns false (with the bad name) when one is unknown.
    bool init(const std::vector<std::string>& names, const FieldsOptions& opts, std::string& bad_name);
    const std::vector<FieldId>& ids() const { return fields_.ids(); }
    void append_header(std::string& out) const;
    void append_line(std::string& out, const ProtoTree& tree);

private:
    SelectedFields fields_;
    FieldsOptions opts_;
};

}  // namespace ms::cli
