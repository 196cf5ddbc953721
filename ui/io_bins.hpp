// The numbers behind Statistics > I/O Graph: packets or bytes per time
// interval, from the packet index (no re-read of the file). Qt-free.
#pragma once

#include <cstdint>
#include <vector>

#include "ui/frame_index.hpp"

namespace ms::ui {

struct IoSeries {
    int64_t interval_ns = 0;       // may be wider than asked (see io_bins)
    std::vector<uint64_t> values;  // one per interval from the first frame on
    uint64_t total = 0;            // sum of values
    uint64_t max = 0;
};

// Counts the index rows `rows` (every row when null) per interval of
// `interval_ns`, in packets or (wire) bytes. Every series of one capture
// covers the same span (the whole capture), so they can be drawn together.
// The interval is doubled until at most `max_bins` intervals cover the
// capture, so a day-long capture at 1 ms cannot allocate without bound.
IoSeries io_bins(const FrameIndex& index, const std::vector<uint32_t>* rows, int64_t interval_ns, bool bytes,
                 std::size_t max_bins = 100000);

}  // namespace ms::ui
