// The Message-IDs seen so far in one pass over a capture, to flag the same
// message seen again (resent, relayed, retrieved twice, fetched over IMAP
// after arriving over SMTP). Bounded: at most kMaxIds ids are remembered
// (16 bytes each, a hash and not the text), then checking stops with one
// note. Each id remembers the frame of its first message and, when that
// came over SMTP, the session's two ends (at most kMaxSessions distinct
// ones are kept).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wire_context.hpp"

namespace ms::imf {

class MessageIdRegistry {
public:
    static constexpr std::size_t kMaxIds = 786'432;  // 3/4 of 2^20 slots: 16 MiB at most
    static constexpr std::size_t kMaxSessions = 16'384;
    static constexpr uint32_t kNoSession = 0xFFFFFFu;

    struct Result {
        uint64_t first_frame = 0;        // 0: first time seen
        const SmtpEnds* smtp = nullptr;  // the first message's SMTP session (valid until the next call)
        bool stopped_now = false;        // this call found the set full
    };

    // The registry of the calling thread: one pass over a capture runs on
    // one thread (the CLI, each GUI walk), so passes never mix.
    static MessageIdRegistry& of_this_thread();

    // Frames of one pass only go up: a lower number starts a new pass (the
    // second pass of -2, another file) and forgets everything.
    void note_frame(uint64_t frame);
    // Records the message ending in `frame` whose Message-ID is `id` (its
    // first msg-id, as parse_msg_ids gives it), carried over SMTP when
    // `smtp` is set. Returns what was known before.
    Result record(std::string_view id, uint64_t frame, const SmtpEnds* smtp);
    // record() for the message `w` describes (its smtp set): fills in
    // w.duplicate_of, the earlier SMTP session and w.duplicate_check_stopped.
    void check(std::string_view id, uint64_t frame, WireContext& w);
    void reset();

    std::size_t size() const { return count_; }
    bool stopped() const { return stopped_; }
    // For tests: a smaller cap.
    void set_max_ids_for_test(std::size_t n) { max_ids_ = n; }

private:
    struct Slot {
        uint64_t hash = 0;  // 0 = empty
        uint64_t frame_and_session = 0;  // frame << 24 | session index
    };
    uint32_t session_index(const SmtpEnds& ends);
    void grow();

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
    std::size_t max_ids_ = kMaxIds;
    bool stopped_ = false;
    uint64_t last_frame_ = 0;
    std::vector<SmtpEnds> sessions_;
    std::unordered_map<uint64_t, uint32_t> session_by_hash_;  // content hash -> index in sessions_
};

// The Message-ID as the registry keys it: the first msg-id without its
// angle brackets, else the header value as written (trimmed).
std::string message_id_key(const std::string& header_value);

}  // namespace ms::imf
