// The Message-ID check of a message, run after the message was dissected.
// A pass that dissects conversations on several threads (the GUI's sharded
// load) cannot check a message against the earlier messages of the capture
// while dissecting it: they may be on another thread, not yet seen. The
// thread that dissected it keeps what the check needs (DeferredIdCheck, a
// few strings); the pass runs the checks in frame order on one registry and
// gets the notes the tree carries on the Message-ID (the duplicate, the stop
// of checking). The Received checks against the earlier session are left to
// the tree of the selected message: they need every Received header parsed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imf_fields.hpp"
#include "message_dissector.hpp"
#include "message_id_registry.hpp"
#include "wire_context.hpp"

namespace ms::imf {

struct DeferredIdCheck {
    std::string id;                // message_id_key of its Message-ID, never empty
    std::optional<SmtpEnds> smtp;  // the SMTP session that carried it
};

struct WireNote {
    imf_experts::Expert expert;
    std::string text;  // "" = the expert's summary
};

// What the check of `msg` (dissected with FrameContext::defer_message_id_check)
// needs; nullopt when it has no Message-ID.
std::optional<DeferredIdCheck> deferred_id_check_of(const MessageDissector& msg);

// Records the message ending in `frame` and returns its notes.
std::vector<WireNote> run_deferred_id_check(MessageIdRegistry& registry, const DeferredIdCheck& check,
                                            uint64_t frame);

// The notes on a message's Message-ID header that `w` gives (the duplicate
// and the stop of checking); the tree and run_deferred_id_check share them.
std::vector<WireNote> duplicate_notes(const WireContext& w);

}  // namespace ms::imf
