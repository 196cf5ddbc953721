// The CLI's per-shard work when a run is dissected on several cores
// (ShardedRun): its own pipeline, frame context, filter and printer, each a
// copy of the main run's set-up. Used only for outputs where every frame
// prints on its own (-T fields, -T ek -e, summary lines) and nothing printed
// or filtered on spans conversations (see can_shard()).
#pragma once

#include <memory>
#include <string>

#include "app/cli/options.hpp"
#include "app/cli/printers/fields_printer.hpp"
#include "app/cli/printers/packet_printer.hpp"
#include "capture/pipeline/sharded_run.hpp"
#include "dissectors/filter/display_filter.hpp"

namespace ms::cli {

// Whether this run's output can be produced shard by shard: true when the
// output format prints each frame from that frame's own tree, and neither
// the printed fields nor the filter read tcp.stream (numbered across the
// whole capture), frame.time_delta_displayed (depends on every frame
// displayed before), the Message-ID duplicate check's results or any expert
// note (the check remembers messages of every conversation). The caller checks that no report, export, writer or
// second pass reads the frames as well.
bool can_shard(const Options& opt, const std::vector<FieldId>& printed, const DisplayFilter* filter);

class CliShardWorker : public ShardWorker {
public:
    // `ctx`: the configured (still empty) frame context of the main run.
    CliShardWorker(const Options& opt, const Limits& limits, const FrameContext& ctx, const FieldsPrinter* fields);

    bool frame(const RawFrame& frame, std::string& out) override;
    Pipeline& pipeline() override { return pipeline_; }

private:
    const Options& opt_;
    Pipeline pipeline_;
    FrameContext ctx_;
    std::unique_ptr<DisplayFilter> filter_;
    std::unique_ptr<PacketPrinter> structured_;
    std::unique_ptr<FieldsPrinter> fields_;
    int digits_ = -1;
};

}  // namespace ms::cli
