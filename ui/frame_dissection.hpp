// The full tree of one frame for the detail and hex views. The index keeps
// no frame bytes and the pipeline's state (TCP reassembly, sessions) cannot
// be copied, so the file is read again from the start up to that frame:
// frames before it with an empty tree (the core runs ~1 M frames/s), the
// frame itself with everything kept. Qt-free.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "ui/capture_walk.hpp"

namespace ms::ui {

class FrameDissection {
public:
    // `full_from`: frames from this number on are dissected with the full
    // tree too (0 = only `number`); a message's layer keeps its bytes for the
    // "Message" data source only when the tree is full where it begins.
    // Null + error when the file cannot be read, has fewer frames, or
    // `control` cancelled the walk (then error is "cancelled").
    static std::unique_ptr<FrameDissection> run(const std::string& path, uint64_t number, uint64_t full_from,
                                                std::string& error, const WalkControl& control = {});

    uint64_t number() const { return number_; }
    const FrameContext& ctx() const { return walk_.ctx(); }
    const ProtoTree& tree() const { return walk_.ctx().tree; }

private:
    // The walk stays open at the frame: the frame's bytes and the data
    // sources point into its buffers.
    CaptureWalk walk_;
    uint64_t number_ = 0;
};

}  // namespace ms::ui
