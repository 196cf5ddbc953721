#include "ui/io_bins.hpp"

#include <algorithm>

namespace ms::ui {

IoSeries io_bins(const FrameIndex& index, const std::vector<uint32_t>* rows, int64_t interval_ns, bool bytes,
                 std::size_t max_bins) {
    IoSeries s;
    s.interval_ns = std::max<int64_t>(interval_ns, 1);
    if (index.size() == 0) return s;
    // Timestamps may go backwards in a capture: the span is the latest one;
    // earlier-than-first frames count in the first interval.
    int64_t last = 0;
    for (std::size_t i = 0; i < index.size(); ++i) last = std::max(last, index.row(i).rel_ns);
    max_bins = std::max<std::size_t>(max_bins, 1);
    while (uint64_t(last / s.interval_ns) + 1 > max_bins) s.interval_ns *= 2;
    s.values.assign(std::size_t(last / s.interval_ns) + 1, 0);
    auto add = [&](std::size_t i) {
        const FrameRow& r = index.row(i);
        std::size_t bin = r.rel_ns <= 0 ? 0 : std::size_t(r.rel_ns / s.interval_ns);
        s.values[bin] += bytes ? r.wirelen : 1;
    };
    if (rows) {
        for (uint32_t i : *rows)
            if (i < index.size()) add(i);
    } else {
        for (std::size_t i = 0; i < index.size(); ++i) add(i);
    }
    for (uint64_t v : s.values) s.total += v, s.max = std::max(s.max, v);
    return s;
}

}  // namespace ms::ui
