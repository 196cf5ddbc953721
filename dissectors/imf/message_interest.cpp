#include "message_interest.hpp"

#include <initializer_list>
#include <vector>

namespace ms::imf {

namespace {
using F = imf_fields::Field;
using E = imf_experts::Expert;

// Which fields each piece of work produces. Tabled once per process; only
// the wanted checks against them run per message (a few dozen bit tests).
struct Producers {
    std::vector<FieldId> body;  // fields and experts only the body gives
    std::vector<FieldId> everything;  // wanted: keep the full parse (generic expert fields, the protocol node)
    std::array<std::vector<FieldId>, kHeaderKindCount> structure;
    std::vector<FieldId> received_path;
    std::vector<FieldId> extension;
};

const Producers& producers() {
    static const Producers p = [] {
        Producers t;
        auto fields = [](std::initializer_list<F> fs) {
            std::vector<FieldId> out;
            for (F f : fs) out.push_back(imf_fields::id(f));
            return out;
        };
        for (uint32_t f = F::body; f <= F::body_text; ++f) t.body.push_back(imf_fields::id(F(f)));
        t.body.push_back(imf_fields::id(F::message_text));
        // Any expert field: the notes come from every stage, keep them all.
        for (uint32_t x = 0; x < imf_experts::kCount; ++x) t.everything.push_back(imf_experts::id(E(x)));
        t.everything.push_back(imf_fields::id(F::proto));  // its range is the whole message
        const FieldRegistry& reg = FieldRegistry::global();
        for (const char* name : {"_ws.expert", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"})
            if (FieldId id = reg.find(name); id != kNoField) t.everything.push_back(id);
        auto& s = t.structure;
        auto at = [&](HeaderKind k) -> std::vector<FieldId>& { return s[static_cast<std::size_t>(k)]; };
        at(HeaderKind::MailboxList) = fields({F::mailbox_list_item, F::address_list_item, F::address_group,
                                              F::display_name, F::decoded, F::address_route, F::address});
        at(HeaderKind::AddressList) = at(HeaderKind::MailboxList);
        at(HeaderKind::Date) = fields({F::date_utc});
        at(HeaderKind::MsgIds) = fields({F::msg_id});
        at(HeaderKind::Received) = fields({F::received_from, F::received_helo, F::received_rdns, F::received_ip,
                                           F::received_by, F::received_via, F::received_with, F::received_id,
                                           F::received_for, F::received_date});
        at(HeaderKind::ContentType) = fields({F::content_type_type, F::content_type_parameters, F::content_param});
        at(HeaderKind::Disposition) = fields({F::content_param});
        at(HeaderKind::DkimSignature) = fields({F::dkim_tag, F::dkim_domain, F::dkim_selector});
        at(HeaderKind::AuthResults) = fields({F::auth_serv_id, F::auth_result});
        at(HeaderKind::ReceivedSpf) = fields({F::received_spf_result});
        at(HeaderKind::ListUris) = fields({F::list_uri});
        at(HeaderKind::Unstructured) = fields({F::decoded});
        t.received_path = fields({F::received_path, F::received_hop, F::received_delta});
        t.extension = fields({F::extension, F::extension_type, F::extension_value});
        return t;
    }();
    return p;
}

bool any_wanted(const ProtoTree& tree, const std::vector<FieldId>& ids) {
    for (FieldId id : ids)
        if (tree.wants(id)) return true;
    return false;
}
}  // namespace

MessageInterest MessageInterest::everything() { return MessageInterest(); }

MessageInterest MessageInterest::for_fields(const ProtoTree& tree) {
    MessageInterest m;
    const Producers& p = producers();
    static const FieldId mime = mime_fields::id(mime_fields::proto);
    if (tree.wants_labels() || tree.wants_protocol(mime) || any_wanted(tree, p.everything)) return m;
    m.all_ = false;
    // Header fields come from the body too: a message/rfc822 part carries a
    // message with its own From, Subject, Received... Only the MIME parse
    // finds it, so any wanted imf field needs the body; the leaves' content
    // is decoded only when a body field reads it.
    m.body_ = true;
    m.leaf_content_ = any_wanted(tree, p.body);
    for (std::size_t k = 0; k < kHeaderKindCount; ++k) m.structure_[k] = any_wanted(tree, p.structure[k]);
    m.received_path_ = any_wanted(tree, p.received_path);
    m.received_order_ = false;  // only an expert reads it
    m.extension_ = m.parses(HeaderKind::Unstructured) || any_wanted(tree, p.extension);
    for (std::size_t i = 0; i < kHeaderTableSize; ++i) {
        HeaderSpec spec = header_spec_at(i);
        // From, Subject and Message-ID make the Info text and the duplicate check.
        bool summary = spec.field == F::from || spec.field == F::subject || spec.field == F::message_id;
        bool received = spec.kind == HeaderKind::Received && m.received_path_;
        m.known_[i] = summary || received || tree.wants(imf_fields::id(spec.field)) || m.parses(spec.kind);
    }
    return m;
}

MessageInterest MessageInterest::summary_only(bool message_id) {
    MessageInterest m;
    m.all_ = false;
    m.body_ = false;
    m.leaf_content_ = false;
    m.received_path_ = m.received_order_ = false;
    m.extension_ = false;
    for (std::size_t i = 0; i < kHeaderTableSize; ++i) {
        F f = header_spec_at(i).field;
        m.known_[i] = f == F::from || f == F::subject || (message_id && f == F::message_id);
    }
    return m;
}

bool MessageInterest::stores(std::string_view name) const {
    if (all_) return true;
    int i = header_index(name);
    return i < 0 ? extension_ : known_[std::size_t(i)];
}

}  // namespace ms::imf
