// Turns each dissected frame of the loading pass into a compact FrameRow
// and picks up what the side panels need (credentials, expert totals). The
// tree it reads keeps only fields(): no labels, no other nodes. Qt-free.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "ui/capture_records.hpp"
#include "ui/expert_collector.hpp"
#include "ui/frame_index.hpp"

namespace ms::ui {

class FrameScanner {
public:
    FrameScanner();
    // The fields the loading tree must keep for classify() and credentials.
    const std::vector<FieldId>& fields() const { return fields_; }

    void add(const FrameContext& ctx, IndexBatch& batch);

    const std::vector<CredentialRecord>& credentials() const { return credentials_; }
    const ExpertCounts& experts() const { return experts_; }
    // The Expert Information entries (moved out: call once, at the end).
    std::vector<ExpertEntry> take_expert_entries() { return expert_items_.take(); }

    // The colour class of a frame from its (selected) tree and columns.
    RowClass classify(const FrameContext& ctx) const;

private:
    void scan_credentials(const FrameContext& ctx);
    CredentialRecord& open_credential(const FrameContext& ctx, const char* protocol);

    std::vector<FieldId> fields_;
    FieldId smtp_code_, pop_indicator_, imap_status_;
    struct CredField {
        FieldId id;
        const char* protocol;
        enum { User, Pass, Mech } role;
    };
    std::vector<CredField> cred_fields_;
    NameInterner names_;
    // Address -> name id, keyed by the address's raw bytes: the text form
    // is made once per distinct address, not twice per frame.
    uint32_t address_id(const Address& a, IndexBatch& batch);
    std::unordered_map<std::string, uint32_t, TransparentStringHash, std::equal_to<>> address_ids_;
    std::vector<CredentialRecord> credentials_;
    std::map<int64_t, std::size_t> open_by_stream_;
    ExpertCounts experts_;
    ExpertCollector expert_items_;
};

}  // namespace ms::ui
