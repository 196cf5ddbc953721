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
#include "ui/row_namer.hpp"

namespace ms::ui {

class FrameScanner {
public:
    FrameScanner();
    // The fields the loading tree must keep for classify() and credentials.
    const std::vector<FieldId>& fields() const { return fields_; }

    void add(const FrameContext& ctx, IndexBatch& batch);
    // What add() does but naming and Info: the row with its name ids unset
    // (src, dst, protocol), experts and credentials gathered. A shard of a
    // sharded load (shard_load_worker.hpp) scans; the merger names.
    FrameRow scan(const FrameContext& ctx);
    // The row's source and destination as shown: network addresses, else link ones.
    static const Address& row_source(const PacketInfo& pi) { return pi.net_src.kind != Address::None ? pi.net_src : pi.dl_src; }
    static const Address& row_destination(const PacketInfo& pi) { return pi.net_dst.kind != Address::None ? pi.net_dst : pi.dl_dst; }

    const std::vector<CredentialRecord>& credentials() const { return credentials_; }
    std::vector<CredentialRecord> take_credentials() { return std::move(credentials_); }
    const ExpertCounts& experts() const { return experts_; }
    // The Expert Information entries (moved out: call once, at the end).
    std::vector<ExpertEntry> take_expert_entries() { return expert_items_.take(); }

    // The colour class of a frame from its (selected) tree and columns.
    RowClass classify(const FrameContext& ctx) const;

private:
    void scan_credentials(const FrameContext& ctx);
    // The server's answer to the stream's open credentials, from this
    // frame's reply fields.
    void scan_verdict(const FrameContext& ctx);
    CredentialRecord& open_credential(const FrameContext& ctx, const char* protocol);

    std::vector<FieldId> fields_;
    FieldId smtp_code_, pop_indicator_, imap_status_, imap_tag_;
    struct CredField {
        FieldId id;
        const char* protocol;
        enum { User, Pass, Mech, Apop } role;
    };
    std::vector<CredField> cred_fields_;
    RowNamer names_;
    std::vector<CredentialRecord> credentials_;
    std::map<int64_t, std::size_t> open_by_stream_;
    // Credentials still waiting for the server's answer: while none does,
    // scan_verdict looks nothing up (it runs for every frame).
    std::size_t unanswered_ = 0;
    ExpertCounts experts_;
    ExpertCollector expert_items_;
};

}  // namespace ms::ui
