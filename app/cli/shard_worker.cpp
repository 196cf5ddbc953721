#include "app/cli/shard_worker.hpp"

#include <algorithm>

#include "app/cli/printers/summary_printer.hpp"
#include "capture/pipeline/time_column.hpp"

namespace ms::cli {

bool can_shard(const Options& opt, const std::vector<FieldId>& printed, const DisplayFilter* filter) {
    if (opt.verbose || opt.hex || opt.line_buffered || opt.count || opt.two_pass || opt.quiet) return false;
    const bool summary = opt.format == OutputFormat::Text;
    const bool selected_ek = opt.format == OutputFormat::Ek && !opt.fields.empty();
    if (!summary && !selected_ek && opt.format != OutputFormat::Fields) return false;
    if (summary && opt.time_column_set && opt.time_column.format == TimeFormat::DeltaDisplayed) return false;
    const FieldRegistry& reg = FieldRegistry::global();
    // What a shard cannot know: stream numbers and displayed-frame deltas
    // count across the capture, and the Message-ID duplicate check remembers
    // every earlier message whatever conversation carried it (its notes, the
    // frame it names, and the Received checks against the earlier session).
    // Expert notes are refused as a whole: some of them come from that check.
    const FieldId cross[] = {reg.find("tcp.stream"), reg.find("frame.time_delta_displayed"),
                             reg.find("imf.message_id.duplicate_of")};
    auto reads_cross = [&](const std::vector<FieldId>& ids) {
        for (FieldId f : ids) {
            if (std::find(std::begin(cross), std::end(cross), f) != std::end(cross)) return true;
            const FieldDef& d = reg.def(f);
            if (d.type == FieldType::Expert || std::string_view(d.abbrev).starts_with("_ws.expert")) return true;
        }
        return false;
    };
    if (reads_cross(printed)) return false;
    if (filter && reads_cross(filter->fields())) return false;
    return true;
}

CliShardWorker::CliShardWorker(const Options& opt, const Limits& limits, const FrameContext& ctx, const FieldsPrinter* fields)
    : opt_(opt), pipeline_(limits), ctx_(ctx) {
    if (!opt.display_filter.empty()) {
        FilterError err;  // compiled once already by the main run: cannot fail here
        filter_ = DisplayFilter::compile(opt.display_filter, err);
    }
    if (opt.format == OutputFormat::Fields && fields) fields_ = std::make_unique<FieldsPrinter>(*fields);
    if (opt.format == OutputFormat::Ek) {
        std::string bad;
        structured_ = make_packet_printer(opt, bad);
    }
}

bool CliShardWorker::frame(const RawFrame& frame, std::string& out) {
    pipeline_.dissect(frame, ctx_);
    if (filter_ && !filter_->matches(ctx_)) return false;
    pipeline_.complete_columns(ctx_);
    if (structured_) {
        structured_->packet(out, ctx_);
    } else if (fields_) {
        fields_->append_line(out, ctx_.tree);
    } else {
        // The precision is that of the interfaces known at this shard's
        // first printed frame, as the single-threaded run fixes it at its own.
        if (digits_ < 0) digits_ = pipeline_.interfaces() ? time_digits(*pipeline_.interfaces()) : 6;
        if (opt_.time_column_set)
            append_summary_line(out, ctx_.pinfo, format_time_column(opt_.time_column, ctx_.pinfo, ctx_.pinfo.ts_ns, digits_));
        else
            append_summary_line(out, ctx_.pinfo, digits_);
    }
    return true;
}

}  // namespace ms::cli
