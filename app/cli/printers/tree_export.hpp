// What the structured outputs (-T json|jsonraw|ek|pdml) share when they walk
// a frame's ProtoTree: tshark's -j/-J protocol filter, which nodes are
// Wireshark "text items" (keyed by their label), each node's value in the
// form those outputs print, and the bytes a node covers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/tree.hpp"

namespace ms::cli {

// -j "proto ..." / -J "proto ...": names of the subtrees to print in full.
struct ProtocolFilter {
    std::vector<std::string> names;
    bool include_children = false;  // -J: everything below a kept name too

    bool active() const { return !names.empty(); }
    bool keeps(std::string_view key) const;
    // Splits a -j/-J argument on spaces and commas.
    void add(std::string_view arg, bool children);
};

// A node Wireshark adds as a text item (no filter name): tshark keys it by its
// label. mailscope names a few of them so they can be filtered on.
bool is_text_item(const ProtoTree& tree, uint32_t i);
// tshark's json key: the label for text items, the filter name otherwise.
std::string json_key(const ProtoTree& tree, uint32_t i);
// Whether the node carries a value (FT_NONE, FT_PROTOCOL and expert items do not).
bool has_value(const ProtoTree& tree, uint32_t i);

enum class ValueStyle {
    Json,  // -T json and pdml's show: bytes as "0a:1b", booleans "0"/"1"
    Ek,    // like Json, but absolute times in ISO 8601 UTC
};
void append_display_value(std::string& out, const ProtoTree& tree, uint32_t i, ValueStyle style);

// The bytes the node covers in its data source (empty when out of range).
std::string_view node_bytes(const FrameContext& ctx, const Node& n);
// The hex tshark's *_raw members hold: the covered bytes, or for a field
// inside a wider one (a bitmask field) its own value, unpadded.
void append_raw_hex(std::string& out, const FrameContext& ctx, uint32_t i);
// Wireshark's ftenum number for the type (the last item of tshark's *_raw arrays).
int ftenum_number(FieldType t);
// "2026-11-23T00:46:14.932391000Z"
void append_iso_utc(std::string& out, int64_t ns);

}  // namespace ms::cli
