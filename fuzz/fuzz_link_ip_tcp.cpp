// Link, IP (with defragmentation) and TCP (with analysis and reassembly):
// the input is a sequence of frames for one link type, each with a 2-byte
// length in front, dissected in order by the real pipeline (so reassembled
// streams go on to the mail dissectors too), then the capture ends.
//
// Input layout: byte 0 flags: bits 0-1 link type (Ethernet, raw IP, BSD
// null, Linux SLL), bit 2 tiny limits, bit 3 selected-fields tree, bit 4
// wire length larger than captured; then frames: u16 little-endian length,
// bytes.
#include <optional>
#include <vector>

#include "capture/pipeline/pipeline.hpp"
#include "fuzz/fuzz_limits.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::register_everything();
    ms::fuzz::InputScript in(data, size);
    const uint8_t flags = in.u8();
    static const uint32_t kLinks[4] = {ms::kLinkEthernet, ms::kLinkRaw, ms::kLinkNull, ms::kLinkLinuxSll};
    const uint32_t link = kLinks[flags & 3];
    const ms::Limits limits = ms::fuzz::pick_limits(flags & 4);

    ms::FrameContext ctx;
    if (flags & 8) {
        static const std::vector<ms::FieldId> selected = [] {
            std::vector<ms::FieldId> ids;
            for (const char* n : {"frame.number", "tcp.stream", "tcp.len", "ip.src", "smtp.req.command",
                                  "imap.request.command", "pop.request.command"}) {
                ms::FieldId f = ms::FieldRegistry::global().find(n);
                if (f != ms::kNoField) ids.push_back(f);
            }
            return ids;
        }();
        ctx.tree.keep_only(selected);
    } else {
        ctx.tree.keep_all();
    }

    ms::Pipeline pipeline(limits);
    uint64_t n = 0;
    // The last frame stays alive through finish(), as a reader's buffer does
    // for mailscope-cli: end-of-capture items may point into it.
    std::optional<ms::fuzz::ExactBuffer> last;
    while (!in.empty()) {
        const std::size_t len = in.u16();
        ms::fuzz::ExactBuffer& buf = last.emplace(in.take(len));
        ms::RawFrame f;
        f.number = ++n;
        f.ts_ns = int64_t(n) * 1000;
        f.caplen = uint32_t(buf.span().size());
        f.wirelen = f.caplen + ((flags & 16) ? 100 : 0);
        f.linktype = link;
        f.data = buf.span();
        pipeline.dissect(f, ctx);
        ms::fuzz::exercise_tree(ctx);
    }
    pipeline.finish(ctx);
    ms::fuzz::exercise_tree(ctx);
    return 0;
}
