// What of a message the wanted fields will read, so the parser and the tree
// builder skip the rest: whether the body must be parsed at all, which
// headers must be stored, and which header kinds need their value taken
// apart (address lists, dates, Received...). Decided from the field
// registry (which fields each part of the work produces, tabled once per
// process) and the tree's wanted set.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "dissectors/core/tree.hpp"
#include "header_table.hpp"

namespace ms::imf {

inline constexpr std::size_t kHeaderKindCount = static_cast<std::size_t>(HeaderKind::Unstructured) + 1;

class MessageInterest {
public:
    // Everything: labels, experts, MIME part trees, observers.
    static MessageInterest everything();
    // The tree of a run that reads only the fields `tree` keeps, with no
    // labels and no expert notes beyond wanted expert fields.
    static MessageInterest for_fields(const ProtoTree& tree);
    // Only the summary line's Info ("from: X, subject: Y"), plus the
    // Message-ID when the duplicate check runs.
    static MessageInterest summary_only(bool message_id);

    // Whether any wanted field comes from the body (parts, decoded text,
    // body experts): false lets the caller feed only the header block.
    bool needs_body() const { return body_; }
    // Whether a leaf part's content must be decoded (decoded text, sizes,
    // hashes, detected types, decoding notes): false keeps the MIME
    // structure (and the messages inside message/rfc822 parts) but skips
    // transfer decoding, charset conversion and hashing.
    bool needs_leaf_content() const { return all_ || leaf_content_; }
    // Whether a header of this name must be stored.
    bool stores(std::string_view name) const;
    // Whether a header of this kind needs its structured parse.
    bool parses(HeaderKind kind) const { return all_ || structure_[static_cast<std::size_t>(kind)]; }
    // Whether the Received path (hops, deltas, wire checks) is read.
    bool received_path() const { return all_ || received_path_; }
    // Whether the received_backwards check between hops is read.
    bool received_order() const { return all_ || received_order_; }

private:
    bool all_ = true;
    bool body_ = true;
    bool leaf_content_ = true;
    bool received_path_ = true, received_order_ = true;
    bool extension_ = true;  // unknown header names
    std::array<bool, kHeaderKindCount> structure_{};
    // By header table index (header_index()): the header is stored.
    std::array<bool, kHeaderTableSize> known_{};
};

}  // namespace ms::imf
