// What the streaming parser keeps of one message: per entity (the message,
// each MIME part, each encapsulated message) its stored headers, structure,
// byte positions and the results of decoding its body. Everything here is
// bounded by the Limits; the body bytes themselves are not kept (except
// small decoded bodies, for the tree's decoded data sources).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dissectors/mime/content_header.hpp"
#include "dissectors/mime/transfer_decoder.hpp"
#include "imf_fields.hpp"

namespace ms::imf {

inline constexpr uint32_t kNoEntity = 0xFFFFFFFFu;

struct HeaderField {
    std::string name;   // as written
    std::string value;  // unfolded (line breaks of folding removed), maybe cut
    uint64_t offset = 0;  // of the field's first byte in the message
    uint64_t length = 0;  // through its last line end
    bool truncated = false;
    // The first From/To/Cc/Subject/Date/Message-ID of an entity: stored
    // whole (up to the message's header budget) even when other fields
    // have used the entity's share, so the summary fields survive long
    // Received chains.
    bool summary = false;
};

struct ExpertNote {
    imf_experts::Expert expert;
    uint64_t offset = 0, length = 0;
    std::string text;  // "" = the expert's summary
};

struct BoundaryMark {
    enum Kind : uint8_t { First, Middle, Close };
    Kind kind;
    uint64_t offset = 0, length = 0;  // from the CRLF before it through its line end
    std::string text;                 // as written, bounded
};

enum class EntityKind : uint8_t {
    Leaf,         // a body that is decoded
    Multipart,    // parts between boundaries
    Encapsulated, // message/rfc822 or message/global: holds one message entity
};

struct Entity {
    uint32_t parent = kNoEntity;
    uint32_t depth = 0;
    bool is_message = false;  // its headers are a message's (the root, or inside message/rfc822)
    std::string path;         // IMAP-style part number: "" (root), "1", "2.1"
    uint32_t part_number = 0; // among its multipart parent's parts, 1-based

    uint64_t start = 0;       // first header byte
    uint64_t body_start = 0;  // first byte after the blank line
    uint64_t end = 0;         // one past the last byte (before the next boundary's CRLF)
    bool headers_done = false;
    bool ended = false;

    std::vector<HeaderField> headers;  // in order, duplicates kept, up to the budget
    uint64_t header_bytes = 0;         // stored header text
    uint32_t received_count = 0;
    uint32_t headers_seen = 0;
    // Which of the structural and summary headers (message_parser.cpp's
    // first_header_bit) have been stored or counted as if stored: a later
    // one of the same name is not "the first" any more.
    uint16_t firsts_taken = 0;

    // Structure, from Content-Type and friends.
    EntityKind kind = EntityKind::Leaf;
    ms::mime::ContentHeader content_type;  // value "text/plain" when absent
    bool content_type_present = false;
    ms::mime::ContentHeader disposition;
    ms::mime::TransferEncoding encoding = ms::mime::TransferEncoding::SevenBit;
    std::string encoding_text;
    std::string filename;
    std::string charset;
    std::string content_id;
    std::string description;
    std::string boundary;
    bool raw = false;  // a limit or missing parameter: the body is not parsed further

    std::vector<uint32_t> children;
    // Multipart: boundaries and the text around them.
    std::vector<BoundaryMark> marks;
    bool saw_close = false;
    uint64_t preamble_offset = 0, preamble_length = 0;
    uint64_t epilogue_offset = 0, epilogue_length = 0;
    std::string preamble_head, epilogue_head;  // first bytes, for the tree's Bytes values

    // Leaf: the decoded body.
    uint64_t raw_size = 0;
    uint64_t decoded_size = 0;
    bool decode_stopped = false;  // max_decoded_bytes reached
    std::string md5_hex, sha256_hex;
    std::string detected_type;
    bool type_mismatch = false;
    bool is_text = false;
    std::string text;  // UTF-8, bounded
    bool text_truncated = false;
    std::vector<uint8_t> kept_decoded;  // small decoded bodies, for a data source
    bool kept_complete = false;

    std::vector<ExpertNote> notes;
};

}  // namespace ms::imf
