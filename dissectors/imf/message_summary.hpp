// What callers learn about a message without walking its tree: the summary,
// each leaf part's identity, and the sink that receives decoded parts as
// they stream (for --export-objects).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ms::imf {

struct AttachmentInfo {
    std::string filename;       // decoded (RFC 2231 / RFC 2047), "" when none
    std::string declared_type;  // "application/pdf" from Content-Type
    std::string detected_type;  // from libmagic, known at on_part_end
    uint64_t size = 0;          // decoded bytes
    std::string md5_hex, sha256_hex;
    std::string path;           // IMAP-style MIME part number: "1", "2.1"
    std::string disposition;    // "attachment", "inline" or ""
    bool complete = true;       // false when a limit or the message end cut it
    std::string charset;        // Content-Type charset parameter as written ("" when none), for text parts
};

struct MessageSummary {
    std::string from, to, cc;  // decoded UTF-8, as written otherwise
    std::string subject;       // decoded UTF-8
    std::string date;          // as written
    std::string message_id;
    uint64_t size = 0;         // message bytes fed
    // Leaf parts that are attachments: a filename, Content-Disposition
    // attachment, or a type that is not text; in message order.
    std::vector<AttachmentInfo> attachments;
    std::size_t received_hops = 0;
    bool truncated = false;
};

class MessageSink {
public:
    virtual ~MessageSink() = default;
    // For every leaf part (attachments and text bodies alike), in order.
    virtual void on_part_begin(const AttachmentInfo& part_so_far) {}
    virtual void on_part_data(std::span<const uint8_t> decoded) {}
    virtual void on_part_end(const AttachmentInfo& final_info) {}
};

}  // namespace ms::imf
