#include "capture/pipeline/frame_layer.hpp"

#include <string>

namespace ms {

MS_DEFINE_FIELDS(frame_fields, MS_FRAME_FIELDS)

int wtap_encap(uint32_t linktype) {
    switch (linktype) {
        case kLinkNull: return 15;
        case kLinkEthernet: return 1;
        case kLinkRaw: case 12: case 14: return 7;
        case kLinkLoop: return 15;
        case kLinkLinuxSll: return 25;
        case kLinkIPv4: return 129;
        case kLinkIPv6: return 130;
        case kLinkLinuxSll2: return 210;
    }
    return 0;
}

namespace {
const char* encap_name(int encap) {
    switch (encap) {
        case 1: return "Ethernet";
        case 7: return "Raw IP";
        case 15: return "NULL/Loopback";
        case 25: return "Linux cooked-mode capture v1";
        case 129: return "Raw IPv4";
        case 130: return "Raw IPv6";
        case 210: return "Linux cooked-mode capture v2";
    }
    return "Unknown";
}

std::string bytes_bits(uint32_t n) {
    return std::to_string(n) + " bytes (" + std::to_string(uint64_t(n) * 8) + " bits)";
}
}  // namespace

NodeRef FrameLayer::begin(FrameContext& ctx, const RawFrame& f, const InterfaceInfo* iface) {
    using namespace frame_fields;
    ProtoTree& t = ctx.tree;
    const PacketInfo& pi = ctx.pinfo;
    ByteRange all{kFrameSource, 0, f.caplen};
    if (!t.wants_protocol(id(proto))) return NodeRef{0, false};
    NodeRef top = t.add_none(t.root(), id(proto), all);
    bool labels = t.wants_labels();
    if (labels) {
        std::string l = "Frame " + std::to_string(f.number) + ": " + bytes_bits(f.wirelen) + " on wire, " +
                        bytes_bits(f.caplen) + " captured";
        // tshark writes "(432 bits)" without the comma form; keep its exact shape.
        l = "Frame " + std::to_string(f.number) + ": " + std::to_string(f.wirelen) + " bytes on wire (" +
            std::to_string(uint64_t(f.wirelen) * 8) + " bits), " + std::to_string(f.caplen) + " bytes captured (" +
            std::to_string(uint64_t(f.caplen) * 8) + " bits)";
        if (iface && !iface->name.empty())
            l += " on interface " + iface->name + ", id " + std::to_string(f.interface_id);
        t.set_label(top, l);
    }
    if (iface && !iface->name.empty()) {
        NodeRef n = t.add_uint(top, id(interface_id), {}, f.interface_id);
        if (labels) t.set_label(n, "Interface id: " + std::to_string(f.interface_id) + " (" + iface->name + ")");
        t.add_string(n, id(interface_name), {}, iface->name);
    }
    int encap = wtap_encap(f.linktype);
    NodeRef n = t.add_int(top, id(encap_type), {}, encap);
    if (labels) t.set_label(n, std::string("Encapsulation type: ") + encap_name(encap) + " (" + std::to_string(encap) + ")");
    t.add_time(top, id(time), {}, f.ts_ns);
    t.set_generated(t.add_time(top, id(offset_shift), {}, 0));
    n = t.add_time(top, id(time_epoch), {}, f.ts_ns);
    t.set_generated(t.add_time(top, id(time_delta), {}, pi.delta_ns));
    t.set_generated(t.add_time(top, id(time_delta_displayed), {}, pi.delta_ns));
    t.set_generated(t.add_time(top, id(time_relative), {}, pi.rel_ns));
    t.add_uint(top, id(number), {}, f.number);
    n = t.add_uint(top, id(len), {}, f.wirelen);
    if (labels) t.set_label(n, "Frame Length: " + bytes_bits(f.wirelen));
    n = t.add_uint(top, id(cap_len), {}, f.caplen);
    if (labels) t.set_label(n, "Capture Length: " + bytes_bits(f.caplen));
    t.set_generated(t.add_bool(top, id(marked), {}, false));
    t.set_generated(t.add_bool(top, id(ignored), {}, false));
    if (!f.comment.empty()) t.add_string(top, id(comment), {}, f.comment);
    return top;
}

void FrameLayer::end(FrameContext& ctx, NodeRef frame_node) {
    ProtoTree& t = ctx.tree;
    FieldId pf = frame_fields::id(frame_fields::protocols);
    if (!t.wants(pf)) return;
    const FieldRegistry& reg = FieldRegistry::global();
    std::string list;
    FieldId frame_proto = frame_fields::id(frame_fields::proto);
    for (uint32_t i = 1; i < t.size(); ++i) {
        const Node& n = t.node(i);
        // Only the layers of the frame: protocol items nested inside a
        // layer (TCP options are registered as protocols) are not layers.
        if (n.field == frame_proto || n.parent != 0) continue;
        const FieldDef& d = reg.def(n.field);
        if (d.type != FieldType::Protocol || n.field == kNoField) continue;
        std::string_view name = d.abbrev;
        if (name.starts_with("_ws.")) continue;
        if (!list.empty()) list += ':';
        list += name;
        // Wireshark counts the EtherType dispatch as a protocol of its own.
        if (name == "eth" || name == "vlan" || name == "sll") list += ":ethertype";
    }
    NodeRef n = t.add_string(frame_node, pf, {}, list);
    t.set_generated(n);
}

}  // namespace ms
