// Small pieces every text-protocol tree adapter (SMTP, POP3, IMAP) needs:
// where a stream byte range sits in the current frame, and the Info column
// built from several PDUs of one frame ("C: MAIL ... | C: RCPT ...").
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "packet_info.hpp"
#include "tree.hpp"

namespace ms {

// The delivery being dissected: stream offset of its first byte, its size,
// and where it starts in the frame (-1: not from this frame).
struct DeliveryPosition {
    uint64_t offset = 0;
    std::size_t size = 0;
    int64_t frame_offset = -1;

    // [offset, offset+length) of the stream as a range of the frame, when
    // the whole range lies in this delivery and the delivery is in the frame.
    std::optional<ByteRange> frame_range(uint64_t at, uint64_t length) const {
        if (frame_offset < 0 || at < offset) return std::nullopt;
        if (at - offset > size || length > size - (at - offset)) return std::nullopt;
        return ByteRange{kFrameSource, uint32_t(frame_offset + int64_t(at - offset)), uint32_t(length)};
    }
};

// Adds one PDU's text to the frame's Info column, joining with " | " as
// Wireshark does when a frame carries several PDUs. The text comes in
// pieces (strings and numbers) so that a caller that is not showing
// columns builds nothing: see InfoColumn below.
inline void append_info_text(std::string& s, std::string_view v) { s += v; }
inline void append_info_text(std::string& s, uint64_t n) {
    char b[24];
    s.append(b, std::to_chars(b, b + sizeof b, n).ptr);
}
template <class... Pieces>
inline void append_info_piece(PacketInfo& pi, bool& started, const Pieces&... pieces) {
    if (!started) {
        pi.info.clear();
        started = true;
    } else {
        pi.info += " | ";
    }
    (append_info_text(pi.info, pieces), ...);
}

}  // namespace ms
