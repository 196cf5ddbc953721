// The one interface between TCP reassembly and the application dissectors
// (and later between message transports and the message layer): ordered
// bytes per direction, explicit gaps, and the end of each direction.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "frame_context.hpp"

namespace ms {

enum class Dir : uint8_t { ToServer = 0, ToClient = 1 };

struct StreamData {
    Dir dir;
    uint64_t offset;                  // stream offset of bytes[0] (0 = first payload byte)
    std::span<const uint8_t> bytes;
    // Where bytes[0] sits in the current frame (source 0), or -1 when the
    // bytes came from an earlier frame (buffered out-of-order data).
    int64_t frame_offset;
    uint64_t frame_number;            // frame the bytes were captured in
};

enum class EndReason : uint8_t { Fin, Rst, CaptureEnd, Limit };

class StreamDissector {
public:
    virtual ~StreamDissector() = default;
    virtual void on_data(FrameContext& ctx, const StreamData& data) = 0;
    // `length` bytes at stream `offset` were not captured; data resumes after.
    virtual void on_gap(FrameContext& ctx, Dir dir, uint64_t offset, uint64_t length) = 0;
    virtual void on_end(FrameContext& ctx, Dir dir, EndReason why) { (void)ctx, (void)dir, (void)why; }
};

}  // namespace ms
