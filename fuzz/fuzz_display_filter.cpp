// The display filter compiler and evaluator: the input is filter text; what
// compiles is evaluated against the frames of a small SMTP session built
// once in memory (so field tests, slices, functions and regexes meet real
// trees), and what fails has its error message formatted.
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "capture/pipeline/pipeline.hpp"
#include "dissectors/filter/display_filter.hpp"
#include "fuzz/fuzz_support.hpp"
#include "fuzz/synthetic_session.hpp"

namespace {

struct DissectedFrames {
    std::vector<std::vector<uint8_t>> bytes;  // the frames the trees point into
    std::vector<std::unique_ptr<ms::FrameContext>> frames;
};

const DissectedFrames& frames() {
    static const DissectedFrames* all = [] {
        auto* d = new DissectedFrames;
        d->bytes = ms::fuzz::synthetic_smtp_session();
        ms::Pipeline pipeline;
        uint64_t n = 0;
        for (const auto& b : d->bytes) {
            ms::RawFrame f;
            f.number = ++n;
            f.ts_ns = int64_t(n) * 1'000'000;
            f.caplen = f.wirelen = uint32_t(b.size());
            f.linktype = ms::kLinkEthernet;
            f.data = b;
            auto ctx = std::make_unique<ms::FrameContext>();
            ctx->tree.keep_all();
            pipeline.dissect(f, *ctx);
            d->frames.push_back(std::move(ctx));
        }
        return d;
    }();
    return *all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::register_everything();
    const DissectedFrames& all = frames();
    // The text in its own block, so the lexer reading past it is reported.
    ms::fuzz::ExactBuffer buf({data, size});
    std::string_view text(reinterpret_cast<const char*>(buf.span().data()), size);

    ms::FilterError err;
    auto f = ms::DisplayFilter::compile(text, err);
    if (!f) {
        // tshark puts the caret one past the end for a missing closing quote.
        if (err.start > size + 1) __builtin_trap();
        std::string msg = ms::format_filter_error("mailscope", text, err);
        if (msg.empty()) __builtin_trap();
        return 0;
    }
    for (ms::FieldId id : f->fields()) (void)id;
    volatile int hits = 0;
    for (const auto& ctx : all.frames) hits = hits + (f->matches(*ctx) ? 1 : 0);
    // Name completion reads the same registry the compiler does.
    std::size_t cut = size < 12 ? size : 12;
    (void)ms::complete_field_names(text.substr(0, cut), 20);
    return 0;
}
