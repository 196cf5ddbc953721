#include "deferred_id_check.hpp"


namespace ms::imf {

std::optional<DeferredIdCheck> deferred_id_check_of(const MessageDissector& msg) {
    DeferredIdCheck c;
    c.id = message_id_key(msg.summary().message_id);
    if (c.id.empty()) return std::nullopt;
    c.smtp = msg.wire().smtp;
    return c;
}

std::vector<WireNote> duplicate_notes(const WireContext& w) {
    std::vector<WireNote> notes;
    if (!w.known) return notes;
    if (w.duplicate_of)
        notes.push_back({imf_experts::duplicate_message_id,
                         "Message-ID already seen in the message of frame " + std::to_string(w.duplicate_of)});
    if (w.duplicate_check_stopped) notes.push_back({imf_experts::duplicate_check_stopped, {}});
    return notes;
}

std::vector<WireNote> run_deferred_id_check(MessageIdRegistry& registry, const DeferredIdCheck& check,
                                            uint64_t frame) {
    WireContext w;
    w.known = true;
    w.smtp = check.smtp;
    registry.check(check.id, frame, w);
    return duplicate_notes(w);
}

}  // namespace ms::imf
