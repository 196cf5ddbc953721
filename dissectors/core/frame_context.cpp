#include "frame_context.hpp"

#include <string>

namespace ms {

void FrameContext::begin_frame(std::span<const uint8_t> frame_bytes) {
    pinfo.reset();
    tree.clear();
    sources.clear();
    owned_used_ = 0;
    // The name is shown by -x and the GUI, which keep whole trees; skip
    // formatting it for every frame otherwise.
    sources.push_back(DataSource{tree.wants_labels() ? "Frame (" + std::to_string(frame_bytes.size()) + " bytes)"
                                                     : std::string("Frame"),
                                 frame_bytes});
}

SourceId FrameContext::add_source(std::string name, std::span<const uint8_t> bytes) {
    // Reuse the buffers of earlier frames (their capacity stays).
    if (owned_used_ == owned_.size()) owned_.emplace_back();
    auto& buf = owned_[owned_used_++];
    buf.assign(bytes.begin(), bytes.end());
    sources.push_back(DataSource{std::move(name), std::span<const uint8_t>(buf.data(), buf.size())});
    return static_cast<SourceId>(sources.size() - 1);
}

}  // namespace ms
