// The message layer on its own: RFC 5322 headers, RFC 2047 encoded words,
// MIME multipart, transfer decoding, fed in fuzzer-chosen pieces, then the
// tree built and every label formatted.
//
// Input layout: byte 0 flags (bit 0 tiny limits, bit 1 truncated end,
// bit 2 selected-fields tree), byte 1 piece size (0 = everything at once),
// then the message bytes.
#include <vector>

#include "dissectors/imf/message_dissector.hpp"
#include "fuzz/fuzz_limits.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

// Reads each decoded part back so ASan sees any bad span.
class TouchingSink final : public ms::imf::MessageSink {
public:
    void on_part_begin(const ms::imf::AttachmentInfo& part) override { sum_ += part.filename.size(); }
    void on_part_data(std::span<const uint8_t> decoded) override {
        for (uint8_t b : decoded) sum_ += b;
    }
    void on_part_end(const ms::imf::AttachmentInfo& part) override { sum_ += part.size; }

private:
    volatile uint64_t sum_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ms::fuzz::register_everything();
    ms::fuzz::InputScript in(data, size);
    const uint8_t flags = in.u8();
    const std::size_t piece = in.u8();
    const ms::Limits limits = ms::fuzz::pick_limits(flags & 1);

    ms::imf::MessageDissector msg(limits);
    TouchingSink sink;
    msg.set_sink(&sink);
    std::vector<uint8_t> whole;
    while (!in.empty()) {
        ms::fuzz::ExactBuffer buf(in.take(piece ? piece : in.remaining()));
        msg.feed(buf.span());
        whole.insert(whole.end(), buf.span().begin(), buf.span().end());
    }
    msg.finish(flags & 2);

    ms::FrameContext ctx;
    ctx.limits = &limits;
    if (flags & 4) {
        static const std::vector<ms::FieldId> selected = [] {
            std::vector<ms::FieldId> ids;
            for (const char* n : {"imf.subject", "imf.from", "mime_multipart.boundary", "imf.content.type"}) {
                ms::FieldId f = ms::FieldRegistry::global().find(n);
                if (f != ms::kNoField) ids.push_back(f);
            }
            return ids;
        }();
        ctx.tree.keep_only(selected);
    } else {
        ctx.tree.keep_all();
    }
    ms::fuzz::ExactBuffer message(whole);
    ctx.begin_frame(message.span());
    msg.add_tree(ctx, ctx.tree.root(), ms::kFrameSource);
    ms::fuzz::exercise_tree(ctx);
    const ms::imf::MessageSummary& s = msg.summary();
    if (s.size != whole.size()) __builtin_trap();  // every byte fed is counted
    return 0;
}
