// One pass over a capture file: open, then dissect frame after frame with
// whatever tree, TCP tap and message observer the caller set up. Every GUI
// job (loading, filtering, re-dissecting the selected frame, following a
// stream, saving an attachment) is such a pass. Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "capture/pipeline/pipeline.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms::ui {

class CaptureWalk;

// How a job that walks a capture is steered from the GUI: a cancel flag it
// polls and a progress callback. Both optional (tests run walks bare).
struct WalkControl {
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int permille)> progress;  // -1 = unknown

    // Polled once per frame; looks at the flag and reports progress every
    // 4096 frames only, so a walk pays nothing measurable for it. True when
    // the job must stop.
    bool should_stop(const CaptureWalk& walk) const;
};

class CaptureWalk {
public:
    CaptureWalk() = default;
    CaptureWalk(const CaptureWalk&) = delete;
    CaptureWalk& operator=(const CaptureWalk&) = delete;

    // false + error when the file cannot be opened as a capture.
    bool open(const std::string& path, std::string& error);

    // Reads and dissects the next frame into ctx(); false at the end of the
    // file or on a read error (then error() is set).
    bool next();
    // End of capture: flushes TCP streams (late message ends, gaps).
    void finish();

    FrameContext& ctx() { return ctx_; }
    const FrameContext& ctx() const { return ctx_; }
    Pipeline& pipeline() { return *pipeline_; }
    const RawFrame& frame() const { return frame_; }
    uint64_t frames_read() const { return frames_; }
    const std::string& error() const { return error_; }
    std::string format_name() const { return source_ ? source_->format_name() : std::string(); }
    // Fraction of the file read so far (0..1), or -1 when it cannot be told
    // (compressed input, standard input).
    double progress() const;

private:
    std::unique_ptr<FrameSource> source_;
    std::unique_ptr<Pipeline> pipeline_;
    FrameContext ctx_;
    RawFrame frame_;
    uint64_t frames_ = 0;
    uint64_t file_size_ = 0;
    uint64_t bytes_seen_ = 0;
    bool compressed_ = false;
    std::string error_;
};

}  // namespace ms::ui
