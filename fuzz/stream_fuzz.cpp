#include "fuzz/stream_fuzz.hpp"

#include <optional>
#include <vector>

#include "dissectors/core/field_registry.hpp"
#include "fuzz/fuzz_limits.hpp"
#include "fuzz/fuzz_support.hpp"

namespace ms::fuzz {

namespace {

std::vector<FieldId> resolve(const char* const* names) {
    std::vector<FieldId> ids;
    const FieldRegistry& reg = FieldRegistry::global();
    for (; names && *names; ++names) {
        FieldId f = reg.find(*names);
        if (f != kNoField) ids.push_back(f);
    }
    return ids;
}

void begin(FrameContext& ctx, std::span<const uint8_t> bytes, uint64_t frame) {
    ctx.begin_frame(bytes);
    ctx.pinfo.number = frame;
    ctx.pinfo.ts_ns = int64_t(frame) * 1'000'000;
}

}  // namespace

void run_stream_script(const uint8_t* data, std::size_t size, MakeDissector make, uint16_t port,
                       const char* const* selected_fields) {
    register_everything();
    InputScript in(data, size);
    const uint8_t flags = in.u8();
    const Limits limits = pick_limits(flags & 1);

    FrameContext ctx;
    ctx.limits = &limits;
    if (flags & 2) {
        static const std::vector<FieldId> selected = resolve(selected_fields);
        ctx.tree.keep_only(selected);
    } else {
        ctx.tree.keep_all();
    }

    std::unique_ptr<StreamDissector> d = make(ConnectionInfo{0, port, 40000});
    uint64_t offset[2] = {0, 0};
    bool ended[2] = {false, false};
    uint64_t frame = 0;

    while (!in.empty()) {
        // The chunk outlives the tree walk below: the tree points into it.
        std::optional<ExactBuffer> buf;
        const uint8_t ctl = in.u8();
        const Dir dir = (ctl & 1) ? Dir::ToClient : Dir::ToServer;
        const int di = ctl & 1;
        const int kind = (ctl >> 1) & 7;
        ++frame;
        if (kind == 7) {
            if (ended[di]) continue;  // the TCP layer ends a direction once
            ended[di] = true;
            begin(ctx, {}, frame);
            d->on_end(ctx, dir, static_cast<EndReason>((ctl >> 4) & 3));
        } else if (kind == 6) {
            const uint64_t len = uint64_t(in.u16()) + 1;
            if (ended[di]) continue;
            begin(ctx, {}, frame);
            d->on_gap(ctx, dir, offset[di], len);
            offset[di] += len;
        } else {
            std::size_t len = in.u8();
            if (len == 0) len = in.remaining();
            buf.emplace(in.take(len));
            if (ended[di] || buf->span().empty()) continue;
            begin(ctx, buf->span(), frame);
            d->on_data(ctx, StreamData{dir, offset[di], buf->span(), 0, frame});
            offset[di] += buf->span().size();
        }
        exercise_tree(ctx);
    }
    for (int di = 0; di < 2; ++di) {
        if (ended[di]) continue;
        begin(ctx, {}, ++frame);
        d->on_end(ctx, di ? Dir::ToClient : Dir::ToServer, EndReason::CaptureEnd);
        exercise_tree(ctx);
    }
}

}  // namespace ms::fuzz
