// Field-name completion over the registry, for the GUI's filter bar and the
// CLI's shell completion.
#include <algorithm>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/filter/display_filter.hpp"

namespace ms {

std::vector<std::string> complete_field_names(std::string_view prefix, std::size_t max) {
    const FieldRegistry& reg = FieldRegistry::global();
    std::vector<std::string_view> names;
    for (FieldId id = 0; id < reg.size(); ++id) {
        std::string_view name = reg.def(id).abbrev;
        if (name.substr(0, prefix.size()) == prefix) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.size() > max) names.resize(max);
    return {names.begin(), names.end()};
}

}  // namespace ms
