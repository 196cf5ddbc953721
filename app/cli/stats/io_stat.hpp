// -z io,stat,INTERVAL[,FILTER...]: frames and bytes per time interval, one
// column per display filter, in tshark 4.0's text layout (including its
// quirks: "Dur" ending a partial last row at whole-second intervals, and
// the unpadded microseconds it prints for the duration then).
#pragma once

#include <map>
#include <memory>

#include "app/cli/stats/frame_report.hpp"
#include "dissectors/filter/display_filter.hpp"

namespace ms::cli {

class IoStat : public FrameReport {
public:
    // `params` is "INTERVAL[,FILTER...]" (seconds, up to 6 decimals; 0 = the
    // whole capture as one interval). Null with `error` set when invalid.
    static std::unique_ptr<IoStat> create(const std::string& params, std::string& error);

    void wanted_fields(std::vector<FieldId>& out) const override;
    void add_frame(const FrameContext& ctx) override;
    void print(std::string& out) const override;

private:
    struct Column {
        std::string filter_text;                // "" = every frame
        std::unique_ptr<DisplayFilter> filter;  // null = every frame
    };
    struct Cell {
        uint64_t frames = 0, bytes = 0;
    };
    uint64_t interval_us_ = 0;
    int interval_prec_ = 0;  // decimals given for the interval
    std::vector<Column> columns_;
    // Sparse: interval index -> one cell per column. Grows with the number of
    // intervals that saw frames, which is bounded by the frames and by
    // duration/interval, never more than either.
    std::map<uint64_t, std::vector<Cell>> cells_;
    uint64_t duration_us_ = 0;
};

}  // namespace ms::cli
