// Everything one frame's dissection writes into: the packet info and columns,
// the tree, and the data sources its nodes point into. Reused across frames
// (clear() keeps capacity), so the steady state allocates nothing.
#pragma once

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "limits.hpp"
#include "packet_info.hpp"
#include "tree.hpp"

namespace ms {

class MessageObserver;  // dissectors/message_layer_sink.hpp

struct FrameContext {
    PacketInfo pinfo;
    ProtoTree tree;
    std::vector<DataSource> sources;  // [0] is the frame itself
    const Limits* limits = nullptr;
    // Told about every message the transports carry (export objects, the
    // messages report, the GUI's Messages panel); may be null.
    MessageObserver* message_observer = nullptr;
    // False when nothing will read the application layer (e.g. -q -z
    // conv,tcp): TCP still reassembles every stream but runs no mail
    // dissector. Set once before the first frame, never changed mid-run.
    bool want_app_layer = true;
    // Application protocols (DissectorTable names) nobody reads in this run
    // (DissectorTable::unread_by): their connections are still tracked and
    // reassembled, and still claimed by port or content as before, but
    // their dissector never runs. Set once before the first frame.
    std::vector<std::string> skipped_apps;
    bool app_skipped(std::string_view name) const {
        for (const auto& s : skipped_apps)
            if (s == name) return true;
        return false;
    }
    // False when nobody prints the summary columns (-T fields, -q): layers
    // then skip formatting pinfo.info and, when no field of theirs is
    // wanted, skip building their subtree too.
    bool want_columns = true;
    // False when nobody reads expert notes that no wanted field carries
    // (no -z expert, no GUI colouring): TCP then skips its SEQ/ACK analysis
    // unless a tcp field or the columns are wanted.
    bool want_experts = true;
    // True when only some frames' summary lines will be printed (-Y): TCP
    // then keeps the numbers of its Info text and formats it only when
    // Pipeline::complete_columns asks, for a frame that is printed and
    // whose Info no application protocol wrote.
    bool defer_transport_info = false;
    // True in a pass that dissects conversations on several threads (the
    // GUI's sharded load): a message's Message-ID is not checked against
    // the earlier messages of the capture while it is dissected (they may be
    // on another thread); the pass runs imf::run_deferred_id_check in frame
    // order instead.
    bool defer_message_id_check = false;

    // Adds a data source holding a copy of `bytes` (reassembled or decoded
    // bytes that outlive the buffers they came from). Returns its id.
    SourceId add_source(std::string name, std::span<const uint8_t> bytes);

    void begin_frame(std::span<const uint8_t> frame_bytes);

private:
    std::deque<std::vector<uint8_t>> owned_;  // storage for added sources
    std::size_t owned_used_ = 0;
};

}  // namespace ms
