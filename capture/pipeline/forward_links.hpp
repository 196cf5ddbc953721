// Links that point forward in the capture ("Response In: frame 12" on a
// request) can only be known after the later frame was read. The first
// pass of a two-pass run (-2, and the GUI's indexing pass) records every
// backward link ("Request In: frame 9" on the response) and the second pass
// adds the matching forward link to the earlier frame. Dissectors need do
// nothing beyond adding their *.response_to field.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "dissectors/core/frame_context.hpp"

namespace ms {

class ForwardLinks {
public:
    // The registered (backward field, forward field) pairs, e.g.
    // smtp.response_to -> smtp.response_in.
    ForwardLinks();

    // The backward fields a first pass must keep in its trees.
    const std::vector<FieldId>& backward_fields() const { return backward_; }
    // The forward fields a second pass may add.
    const std::vector<FieldId>& forward_fields() const { return forward_; }

    // First pass: note the backward links of this frame.
    void record(const FrameContext& ctx);
    // Second pass: add the forward links that point from this frame.
    void apply(FrameContext& ctx) const;

private:
    struct Link {
        FieldId field;
        uint64_t target;
    };
    std::vector<FieldId> backward_, forward_;
    std::unordered_map<uint64_t, std::vector<Link>> by_frame_;
};

}  // namespace ms
