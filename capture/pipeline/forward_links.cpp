#include "capture/pipeline/forward_links.hpp"

namespace ms {

ForwardLinks::ForwardLinks() {
    const FieldRegistry& reg = FieldRegistry::global();
    for (const char* proto : {"smtp", "pop", "imap"}) {
        FieldId to = reg.find(std::string(proto) + ".response_to");
        FieldId in = reg.find(std::string(proto) + ".response_in");
        if (to == kNoField || in == kNoField) continue;
        backward_.push_back(to);
        forward_.push_back(in);
    }
}

void ForwardLinks::record(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    for (uint32_t i = 1; i < t.size(); ++i) {
        const Node& n = t.node(i);
        for (std::size_t k = 0; k < backward_.size(); ++k)
            if (n.field == backward_[k] && n.value.u < ctx.pinfo.number)
                by_frame_[n.value.u].push_back({forward_[k], ctx.pinfo.number});
    }
}

void ForwardLinks::apply(FrameContext& ctx) const {
    auto it = by_frame_.find(ctx.pinfo.number);
    if (it == by_frame_.end()) return;
    ProtoTree& t = ctx.tree;
    const FieldRegistry& reg = FieldRegistry::global();
    for (const Link& l : it->second) {
        if (!t.wants(l.field)) continue;
        // Under the frame's node of the field's protocol, else the root.
        FieldId proto = reg.protocol_of(l.field);
        NodeRef parent = t.root();
        for (uint32_t i = 1; i < t.size(); ++i)
            if (t.node(i).field == proto && t.node(i).parent == 0) {
                parent = NodeRef{i, true};
                break;
            }
        t.set_generated(t.add_uint(parent, l.field, {}, l.target));
    }
}

}  // namespace ms
