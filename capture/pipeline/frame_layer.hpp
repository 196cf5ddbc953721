// The "frame" protocol of every packet: number, times, lengths, interface,
// encapsulation and the protocols found in it (frame.* fields).
#pragma once

#include "capture/source/frame_source.hpp"
#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms {

#define MS_FRAME_FIELDS(X)                                                                    \
    X(proto, "frame", "Frame", Protocol, None)                                                \
    X(interface_id, "frame.interface_id", "Interface id", U32, Dec)                           \
    X(interface_name, "frame.interface_name", "Interface name", String, None)                 \
    X(encap_type, "frame.encap_type", "Encapsulation type", I16, Dec)                         \
    X(time, "frame.time", "Arrival Time", AbsTime, None)                                      \
    X(offset_shift, "frame.offset_shift", "Time shift for this packet", RelTime, None)        \
    X(time_epoch, "frame.time_epoch", "Epoch Time", RelTime, None)                            \
    X(time_delta, "frame.time_delta", "Time delta from previous captured frame", RelTime, None) \
    X(time_delta_displayed, "frame.time_delta_displayed", "Time delta from previous displayed frame", RelTime, None) \
    X(time_relative, "frame.time_relative", "Time since reference or first frame", RelTime, None) \
    X(number, "frame.number", "Frame Number", U32, Dec)                                       \
    X(len, "frame.len", "Frame Length", U32, Dec)                                             \
    X(cap_len, "frame.cap_len", "Capture Length", U32, Dec)                                   \
    X(marked, "frame.marked", "Frame is marked", Boolean, None)                               \
    X(ignored, "frame.ignored", "Frame is ignored", Boolean, None)                             \
    X(protocols, "frame.protocols", "Protocols in frame", String, None)                       \
    X(comment, "frame.comment", "Comment", String, None)

MS_DECLARE_FIELDS(frame_fields, MS_FRAME_FIELDS)

// Wireshark's WTAP_ENCAP number for a pcap link type (frame.encap_type).
int wtap_encap(uint32_t linktype);

class FrameLayer {
public:
    // Adds the frame subtree; returns it so frame.protocols can be added last.
    NodeRef begin(FrameContext& ctx, const RawFrame& f, const InterfaceInfo* iface);
    // Adds frame.protocols from the protocol nodes the tree holds.
    void end(FrameContext& ctx, NodeRef frame_node);
};

}  // namespace ms
