#include "deferred_id_check.hpp"

#include "dissectors/mime/text_util.hpp"
#include "received_checks.hpp"

namespace ms::imf {

std::optional<DeferredIdCheck> deferred_id_check_of(const MessageDissector& msg) {
    DeferredIdCheck c;
    c.id = message_id_key(msg.summary().message_id);
    if (c.id.empty()) return std::nullopt;
    c.smtp = msg.wire().smtp;
    c.hops = received_hops_of(msg);
    return c;
}

std::vector<ReceivedInfo> received_hops_of(const MessageDissector& msg) {
    std::vector<ReceivedInfo> hops;
    const auto& entities = msg.entities();
    if (!entities.empty() && entities.front().is_message)
        for (const auto& h : entities.front().headers)
            if (ms::mime::iequals(h.name, "received")) hops.push_back(parse_received(h.value));
    return hops;
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
    std::vector<WireNote> notes = duplicate_notes(w);
    std::vector<ReceivedFinding> findings;
    check_received_against_earlier(check.hops, w, findings);
    for (auto& f : findings) notes.push_back({f.expert, std::move(f.text)});
    return notes;
}

}  // namespace ms::imf
