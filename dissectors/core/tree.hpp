// The protocol tree of one frame: an arena of nodes, each a field, its value
// and the bytes it came from in one of the frame's data sources (the frame
// itself, a reassembled PDU, later a decoded body). Labels are formatted on
// demand from the registry, so a CLI that wants three fields pays for neither
// labels nor unwanted nodes: a ProtoTree in "selected" mode stores only the
// fields it was asked for (children of skipped nodes attach to the nearest
// stored ancestor).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "field_registry.hpp"

namespace ms {

using SourceId = uint16_t;
inline constexpr SourceId kFrameSource = 0;

struct ByteRange {
    SourceId source = kFrameSource;
    uint32_t offset = 0;
    uint32_t length = 0;
};

// A named byte buffer the tree points into (Wireshark's data source / hex tab).
struct DataSource {
    std::string name;                 // "Frame (74 bytes)", "Reassembled TCP (120 bytes)"
    std::span<const uint8_t> bytes;   // view; owned by FrameResult::owned or the frame
};

// A handle to a node. `stored` is false when the tree skipped the field; its
// children then attach to `index` (the nearest stored ancestor).
struct NodeRef {
    uint32_t index = 0;
    bool stored = false;
    explicit operator bool() const { return stored; }
};

enum NodeFlags : uint8_t {
    kGenerated = 1,  // [bracketed]: derived, not in the packet
    kHidden = 2,     // filterable but not printed
    kHasLabel = 4,   // custom label text in the pool
};

struct Node {
    FieldId field = kNoField;
    uint32_t parent = 0;
    uint32_t first_child = 0;  // 0 = none (node 0 is the root)
    uint32_t last_child = 0;
    uint32_t next_sibling = 0;
    ByteRange range;
    uint8_t flags = 0;
    union {
        uint64_t u;
        int64_t i;
        double d;
    } value{0};
    uint32_t blob_off = 0, blob_len = 0;    // string/bytes/ipv6/ether values
    uint32_t label_off = 0, label_len = 0;  // custom label
};

class ProtoTree {
public:
    ProtoTree();

    // Keep everything (-V, -x, GUI detail) or only the listed fields (-e, -Y).
    void keep_all();
    void keep_only(std::span<const FieldId> fields);
    bool wants(FieldId f) const { return all_ || (f < wanted_.size() && wanted_[f]); }
    // Whether any field of this protocol is wanted (a dissector may skip
    // whole layers of work nobody will read).
    bool wants_protocol(FieldId proto) const {
        return all_ || (proto < wanted_protocols_.size() && wanted_protocols_[proto]);
    }
    // Whether anybody will read labels: dissectors skip formatting them otherwise.
    bool wants_labels() const { return all_; }

    void clear();  // reuse between frames; keeps capacity
    NodeRef root() const { return NodeRef{0, true}; }

    // The wanted check is inline: most calls on the hot path of -T fields
    // and -Y are for fields nobody asked for, and return at once.
    NodeRef add_none(NodeRef parent, FieldId f, ByteRange r) {
        return wants(f) ? attach(parent, f, r) : NodeRef{parent.index, false};
    }
    NodeRef add_uint(NodeRef parent, FieldId f, ByteRange r, uint64_t v) {
        return wants(f) ? store_uint(parent, f, r, v) : NodeRef{parent.index, false};
    }
    NodeRef add_int(NodeRef parent, FieldId f, ByteRange r, int64_t v) {
        return wants(f) ? store_int(parent, f, r, v) : NodeRef{parent.index, false};
    }
    NodeRef add_double(NodeRef parent, FieldId f, ByteRange r, double v);
    NodeRef add_bool(NodeRef parent, FieldId f, ByteRange r, bool v) { return add_uint(parent, f, r, v ? 1 : 0); }
    NodeRef add_time(NodeRef parent, FieldId f, ByteRange r, int64_t ns) { return add_int(parent, f, r, ns); }
    // String, bytes, IPv6 (16 bytes) and Ether (6 bytes) values are copied into the pool.
    NodeRef add_bytes(NodeRef parent, FieldId f, ByteRange r, std::span<const uint8_t> v) {
        return wants(f) ? store_string(parent, f, r, {reinterpret_cast<const char*>(v.data()), v.size()})
                        : NodeRef{parent.index, false};
    }
    NodeRef add_string(NodeRef parent, FieldId f, ByteRange r, std::string_view v) {
        return wants(f) ? store_string(parent, f, r, v) : NodeRef{parent.index, false};
    }
    // Expert info: an "_ws.expert" item under parent with the expert field,
    // message, severity and group below it. `text` empty = the def's summary.
    NodeRef add_expert(NodeRef parent, FieldId expert, ByteRange r, std::string_view text = {});

    void set_label(NodeRef n, std::string_view text);     // replaces "Name: value"
    void append_label(NodeRef n, std::string_view text);  // appends to current label
    void set_generated(NodeRef n) { if (n.stored) nodes_[n.index].flags |= kGenerated; }
    void set_hidden(NodeRef n) { if (n.stored) nodes_[n.index].flags |= kHidden; }
    void set_length(NodeRef n, uint32_t len) { if (n.stored) nodes_[n.index].range.length = len; }

    // ---- reading ----
    std::size_t size() const { return nodes_.size(); }
    const Node& node(uint32_t i) const { return nodes_[i]; }
    std::string_view blob(const Node& n) const { return {pool_.data() + n.blob_off, n.blob_len}; }
    std::string_view custom_label(const Node& n) const { return {pool_.data() + n.label_off, n.label_len}; }
    // Calls fn(node_index) for every stored node of field f, in tree order.
    template <class Fn>
    void for_each(FieldId f, Fn&& fn) const {
        for (uint32_t i = 1; i < nodes_.size(); ++i)
            if (nodes_[i].field == f) fn(i);
    }

    // The label as Wireshark prints it in -V ("Source Port: 52106").
    std::string label(uint32_t i) const;
    // The value as -T fields prints it ("52106", "10.0.0.1", "0x0002").
    std::string value_text(uint32_t i) const;
    void append_value_text(uint32_t i, std::string& out) const;

    // Expert items found while dissecting (indices of their field nodes), even
    // in selected mode, so -z expert and the GUI's colouring need no full tree.
    struct ExpertHit {
        FieldId field;
        Severity severity;
        uint32_t text_off = 0, text_len = 0;  // the message, in the pool
    };
    std::string_view expert_text(const ExpertHit& h) const { return {pool_.data() + h.text_off, h.text_len}; }
    const std::vector<ExpertHit>& experts() const { return experts_; }
    Severity max_severity() const;

private:
    NodeRef attach(NodeRef parent, FieldId f, ByteRange r);
    NodeRef store_uint(NodeRef parent, FieldId f, ByteRange r, uint64_t v);
    NodeRef store_int(NodeRef parent, FieldId f, ByteRange r, int64_t v);
    NodeRef store_string(NodeRef parent, FieldId f, ByteRange r, std::string_view v);
    uint32_t pool_put(std::string_view s);

    std::vector<Node> nodes_;
    std::string pool_;
    std::vector<uint8_t> wanted_;  // bytes, not bits: read for every field added
    std::vector<uint8_t> wanted_protocols_;  // protocols owning a wanted field
    std::vector<ExpertHit> experts_;
    bool all_ = true;
};

}  // namespace ms
