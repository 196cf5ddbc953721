// The whole of `mailscope-cli -r FILE -V`: the input is a capture file,
// read by open_capture, every frame dissected with the full tree kept, and
// every node's label and value formatted; a display filter is evaluated on
// each frame as -Y would.
#include "capture/pipeline/pipeline.hpp"
#include "dissectors/filter/display_filter.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {
// Frames past this are not dissected: keeps one input's run short.
constexpr uint64_t kMaxFrames = 5000;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::register_everything();
    static const std::unique_ptr<ms::DisplayFilter> filter = [] {
        ms::FilterError err;
        auto f = ms::DisplayFilter::compile(
            "smtp.req.command == \"MAIL\" || imap.request contains \"FETCH\" || pop || "
            "imf.subject matches \"^[a-z]\" || tcp.analysis.flags || frame[0:2] == 00:00",
            err);
        if (!f) f = ms::DisplayFilter::compile("tcp", err);  // a field name changed
        return f;
    }();
    ms::fuzz::MemoryFile file({data, size});
    if (!file.ok()) return 0;
    std::string error;
    auto src = ms::open_capture(file.path(), error);
    if (!src) return 0;

    ms::Pipeline pipeline;
    pipeline.set_source(src.get());
    ms::FrameContext ctx;
    ctx.tree.keep_all();
    ms::RawFrame frame;
    volatile int hits = 0;
    while (frame.number < kMaxFrames && src->next(frame) == ms::ReadStatus::Frame) {
        pipeline.dissect(frame, ctx);
        ms::fuzz::exercise_tree(ctx);
        hits = hits + (filter->matches(ctx) ? 1 : 0);
    }
    pipeline.finish(ctx);
    ms::fuzz::exercise_tree(ctx);
    return 0;
}
