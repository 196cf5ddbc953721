#include "message_id_registry.hpp"

#include <algorithm>
#include <functional>

#include "dissectors/imf/structured_headers.hpp"
#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
constexpr uint64_t kMaxFrame = (uint64_t(1) << 40) - 1;

uint64_t hash_of(std::string_view s) {
    uint64_t h = std::hash<std::string_view>{}(s);
    return h == 0 ? 1 : h;  // 0 marks an empty slot
}
}  // namespace

MessageIdRegistry& MessageIdRegistry::of_this_thread() {
    thread_local MessageIdRegistry registry;
    return registry;
}

void MessageIdRegistry::reset() {
    slots_.clear();
    slots_.shrink_to_fit();
    count_ = 0;
    stopped_ = false;
    last_frame_ = 0;
    sessions_.clear();
    sessions_.shrink_to_fit();
    session_by_hash_.clear();
}

void MessageIdRegistry::note_frame(uint64_t frame) {
    if (frame < last_frame_) reset();
    last_frame_ = frame;
}

uint32_t MessageIdRegistry::session_index(const SmtpEnds& ends) {
    std::string key = ends.client_helo + '\n' + ends.server_host + '\n' + ends.client_ip;
    uint64_t h = hash_of(key);
    auto it = session_by_hash_.find(h);
    if (it != session_by_hash_.end() && it->second < sessions_.size() && sessions_[it->second] == ends)
        return it->second;
    if (sessions_.size() >= kMaxSessions) return kNoSession;
    sessions_.push_back(ends);
    uint32_t index = uint32_t(sessions_.size() - 1);
    session_by_hash_[h] = index;
    return index;
}

void MessageIdRegistry::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (s.hash == 0) continue;
        std::size_t i = s.hash & mask;
        while (slots_[i].hash != 0) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

MessageIdRegistry::Result MessageIdRegistry::record(std::string_view id, uint64_t frame, const SmtpEnds* smtp) {
    Result r;
    if (id.empty()) return r;
    if (slots_.empty()) grow();
    const uint64_t h = hash_of(id);
    std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].hash != 0 && slots_[i].hash != h) i = (i + 1) & mask;
    Slot* slot = &slots_[i];
    if (slot->hash == h) {
        r.first_frame = slot->frame_and_session >> 24;
        uint32_t session = uint32_t(slot->frame_and_session & kNoSession);
        if (session != kNoSession && session < sessions_.size()) r.smtp = &sessions_[session];
        return r;
    }
    if (count_ >= max_ids_) {
        r.stopped_now = !stopped_;
        stopped_ = true;
        return r;
    }
    if ((count_ + 1) * 4 > slots_.size() * 3) {
        grow();
        mask = slots_.size() - 1;
        i = h & mask;
        while (slots_[i].hash != 0) i = (i + 1) & mask;
        slot = &slots_[i];
    }
    uint32_t session = smtp ? session_index(*smtp) : kNoSession;
    slot->hash = h;
    slot->frame_and_session = (std::min(frame, kMaxFrame) << 24) | session;
    ++count_;
    return r;
}

void MessageIdRegistry::check(std::string_view id, uint64_t frame, WireContext& w) {
    if (id.empty()) return;
    const Result seen = record(id, frame, w.smtp ? &*w.smtp : nullptr);
    w.duplicate_check_stopped = seen.stopped_now;
    if (!seen.first_frame) return;
    w.duplicate_of = seen.first_frame;
    // The same session sending it again says nothing new.
    if (seen.smtp && !(w.smtp && *seen.smtp == *w.smtp)) {
        w.earlier_smtp = *seen.smtp;
        w.earlier_smtp_frame = seen.first_frame;
    }
}

std::string message_id_key(const std::string& header_value) {
    if (header_value.find('<') != std::string::npos) {
        auto ids = parse_msg_ids(header_value);
        if (!ids.empty()) return std::move(ids.front());
    }
    return std::string(ms::mime::trim(header_value));
}

}  // namespace ms::imf
