// What the Messages panel shows of the selected message beyond its record:
// its MIME tree, its readable body and its Received path. The index keeps
// no message bodies, so the file is read again up to the message (as for
// saving an attachment) and the message is parsed once more as it streams.
// Qt-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dissectors/imf/received.hpp"
#include "ui/capture_walk.hpp"

namespace ms::ui {

// One entity of the message: the message itself (path ""), a part, or an
// encapsulated message/rfc822. `parent` indexes the same list (-1 = root).
struct MimeEntityInfo {
    int parent = -1;
    uint32_t depth = 0;
    std::string path;  // IMAP-style: "" (the message), "1", "2.1"
    std::string type;  // "multipart/mixed", "text/plain" (also when absent)
    std::string charset, encoding, filename, disposition;
    bool leaf = false;          // a body that is decoded (not multipart, not message/rfc822)
    bool is_message = false;    // its headers are a message's
    uint64_t decoded_size = 0;  // leaves only
};

struct HopFinding {
    std::string text;
    bool warning = false;  // Warn or worse (else a note)
};

// One Received header as a hop of the path: hop 1 is the bottom-most
// header, the first server the message passed through.
struct ReceivedHop {
    uint32_t number = 0;
    imf::ReceivedInfo info;
    std::optional<int64_t> since_previous_ns;  // this hop's date minus the previous dated hop's
    std::vector<HopFinding> findings;
};

// A readable text of the message: a text part decoded to UTF-8.
struct BodyText {
    bool present = false;
    std::string part;  // MIME path of the part it came from, as in the attachments table
    std::string text;  // UTF-8, at most kMaxBodyText bytes
    bool truncated = false;
};

struct MessageDetail {
    std::vector<MimeEntityInfo> mime;
    BodyText plain;  // the first text/plain part that is not an attachment
    BodyText html;   // the first text/html part that is not an attachment, as plain text
    std::vector<ReceivedHop> received;  // hop order
    bool complete = true;  // false when the capture cut the message
};

inline constexpr std::size_t kMaxBodyText = 1u << 20;

// Reads the message that began `ordinal`-th (0-based) in the capture.
// false + error when the file cannot be read, the message is not found, or
// `control` cancelled the walk (error "cancelled").
bool read_message_detail(const std::string& path, uint64_t ordinal, MessageDetail& out, std::string& error,
                         const WalkControl& control = {});

}  // namespace ms::ui
