// One leaf part's body on its way through: transfer decoding, then the
// decoded bytes are hashed, typed (libmagic on the first bytes), converted
// to UTF-8 text (text parts, bounded), kept when small (for a data source)
// and streamed to the sink. Only one leaf is open at a time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dissectors/mime/charset_converter.hpp"
#include "dissectors/mime/decoded_output.hpp"
#include "dissectors/mime/part_digest.hpp"
#include "dissectors/mime/transfer_decoder.hpp"
#include "message_model.hpp"
#include "message_summary.hpp"

namespace ms::imf {

// What the whole message may still spend.
struct MessageBudgets {
    uint64_t decoded_left = 0;  // Limits::max_decoded_bytes
    uint64_t text_left = 0;     // UTF-8 text kept for the tree and filters
    uint64_t kept_left = 0;     // decoded bodies kept for data sources
    // libmagic costs far more than parsing; only run it when somebody will
    // look at the detected type (tree labels, the field, an export).
    bool detect_types = true;
    // Text parts converted to UTF-8 (their text is read by the tree only).
    bool text = true;
};

inline constexpr std::size_t kMaxTextPerPart = 64 * 1024;
inline constexpr uint64_t kMaxTextPerMessage = 1024 * 1024;
inline constexpr std::size_t kMaxKeptPerPart = 1024 * 1024;
inline constexpr uint64_t kMaxKeptPerMessage = 4 * 1024 * 1024;

class LeafBody : public ms::mime::DecodedOutput {
public:
    // With decode false only the part's boundaries matter: its content is
    // passed over (no sizes, hashes, text or decoding notes).
    void begin(const Entity& e, MessageBudgets& budgets, MessageSink* sink, const AttachmentInfo& info,
               bool decode = true);
    void content(std::span<const uint8_t> raw);
    void line_end(std::span<const uint8_t> eol);
    // Fills the entity's results and info's size, hashes and detected type.
    void finish(Entity& e, AttachmentInfo& info);

    void write(std::span<const uint8_t> decoded) override;

private:
    void detect();

    ms::mime::TransferDecoder decoder_;
    ms::mime::PartDigest digest_;
    ms::mime::CharsetConverter converter_;
    MessageBudgets* budgets_ = nullptr;
    MessageSink* sink_ = nullptr;
    bool is_text_ = false;
    std::string text_;
    bool text_truncated_ = false;
    std::vector<uint8_t> head_;
    bool detected_ = false;
    std::string detected_type_;
    bool keep_ = false;
    std::vector<uint8_t> kept_;
    uint64_t decoded_ = 0;
    bool stopped_ = false;
    bool passed_over_ = false;
};

}  // namespace ms::imf
