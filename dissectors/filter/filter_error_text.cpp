// tshark prints a filter error as the message, then the filter indented by
// four spaces, then a caret line under the offending text.
#include <algorithm>

#include "dissectors/filter/display_filter.hpp"

namespace ms {

std::string format_filter_error(std::string_view program, std::string_view filter, const FilterError& e) {
    std::string out;
    out.append(program);
    out += ": ";
    out += e.message;
    out += '\n';
    if (e.length == 0) return out;
    out += "    ";
    out.append(filter);
    out += "\n    ";
    std::size_t start = std::min(e.start, filter.size());
    // Keep tabs so the caret lines up under tab-indented text.
    for (std::size_t i = 0; i < start; ++i) out += filter[i] == '\t' ? '\t' : ' ';
    out += '^';
    out.append(e.length - 1, '~');
    out += '\n';
    return out;
}

}  // namespace ms
