// A -z report that reads each dissected frame (its packet info and the tree
// fields it asked for) and prints one text block at the end of the capture.
// Reports keep per-stream or per-key state only, never per-frame state, so
// memory follows the number of conversations, not the capture's length.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dissectors/core/frame_context.hpp"

namespace ms::cli {

class FrameReport {
public:
    virtual ~FrameReport() = default;
    // Tree fields the report reads; the CLI keeps them in the tree.
    virtual void wanted_fields(std::vector<FieldId>& out) const { (void)out; }
    // Every frame, before the display filter (as tshark's taps see them).
    virtual void add_frame(const FrameContext& ctx) = 0;
    virtual void print(std::string& out) const = 0;
};

// The report for a -z argument, or null when `arg` names none of these
// (then `error` is empty) or names one with bad parameters (`error` says why).
std::unique_ptr<FrameReport> make_frame_report(const std::string& arg, std::string& error);

// Text of the first/every stored node of a field in the frame's tree.
std::string first_value(const ProtoTree& tree, FieldId f);
std::vector<std::string> all_values(const ProtoTree& tree, FieldId f);
// The field's id; registration happens before reports are made.
FieldId field_id(const char* abbrev);

}  // namespace ms::cli
