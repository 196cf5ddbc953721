// The -e fields of a run, resolved once, and their nodes in each frame's
// tree (one pass whatever the number of columns): -T fields and the
// structured formats' -e read them the same way.
#pragma once

#include <string>
#include <vector>

#include "dissectors/core/tree.hpp"

namespace ms::cli {

// -e fields resolved once; the printers read the tree in one pass per frame.
class SelectedFields {
public:
    // False (with the unknown name) when a name is not a field.
    bool init(const std::vector<std::string>& names, std::string& bad_name);
    bool empty() const { return ids_.empty(); }
    const std::vector<FieldId>& ids() const { return ids_; }
    const std::string& name(std::size_t column) const { return names_[column]; }
    // Node indices per column, in tree order, for this frame's tree.
    const std::vector<std::vector<uint32_t>>& collect(const ProtoTree& tree);

private:
    std::vector<std::string> names_;
    std::vector<FieldId> ids_;
    std::vector<std::vector<uint32_t>> hits_;
};

}  // namespace ms::cli
