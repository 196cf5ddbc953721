#include "app/cli/printers/selected_fields.hpp"

namespace ms::cli {

bool SelectedFields::init(const std::vector<std::string>& names, std::string& bad_name) {
    const FieldRegistry& reg = FieldRegistry::global();
    names_ = names;
    ids_.clear();
    for (const auto& n : names) {
        FieldId id = reg.find(n);
        if (id == kNoField) {
            bad_name = n;
            return false;
        }
        ids_.push_back(id);
    }
    hits_.assign(ids_.size(), {});
    return true;
}

const std::vector<std::vector<uint32_t>>& SelectedFields::collect(const ProtoTree& tree) {
    for (auto& h : hits_) h.clear();
    // One pass over the tree, whatever the number of columns.
    for (uint32_t i = 1; i < tree.size(); ++i) {
        FieldId f = tree.node(i).field;
        for (std::size_t c = 0; c < ids_.size(); ++c)
            if (ids_[c] == f) hits_[c].push_back(i);
    }
    return hits_;
}

}  // namespace ms::cli
