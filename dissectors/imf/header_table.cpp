#include "header_table.hpp"

#include <iterator>
#include <unordered_map>

#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
struct Entry {
    const char* name;
    imf_fields::Field field;
    HeaderKind kind;
};

using F = imf_fields::Field;
using K = HeaderKind;
const Entry kHeaders[] = {
    {"date", F::date, K::Date},
    {"from", F::from, K::MailboxList},
    {"sender", F::sender, K::AddressList},
    {"reply-to", F::reply_to, K::AddressList},
    {"to", F::to, K::AddressList},
    {"cc", F::cc, K::AddressList},
    {"bcc", F::bcc, K::AddressList},
    {"message-id", F::message_id, K::MsgIds},
    {"in-reply-to", F::in_reply_to, K::MsgIds},
    {"references", F::references, K::MsgIds},
    {"subject", F::subject, K::Unstructured},
    {"comments", F::comments, K::Unstructured},
    {"user-agent", F::user_agent, K::Plain},
    {"keywords", F::keywords, K::Unstructured},
    {"resent-date", F::resent_date, K::Date},
    {"resent-from", F::resent_from, K::MailboxList},
    {"resent-sender", F::resent_sender, K::AddressList},
    {"resent-to", F::resent_to, K::AddressList},
    {"resent-cc", F::resent_cc, K::AddressList},
    {"resent-bcc", F::resent_bcc, K::AddressList},
    {"resent-message-id", F::resent_message_id, K::MsgIds},
    {"return-path", F::return_path, K::AddressList},
    {"received", F::received, K::Received},
    {"content-type", F::content_type, K::ContentType},
    {"content-description", F::content_description, K::Unstructured},
    {"content-id", F::content_id, K::MsgIds},
    {"content-transfer-encoding", F::content_transfer_encoding, K::Plain},
    {"content-disposition", F::content_disposition, K::Disposition},
    {"mime-version", F::mime_version, K::Plain},
    {"autoforwarded", F::autoforwarded, K::Plain},
    {"autosubmitted", F::autosubmitted, K::Plain},
    {"content-language", F::content_language, K::Plain},
    {"delivery-date", F::delivery_date, K::Date},
    {"expires", F::expires, K::Plain},
    {"importance", F::importance, K::Plain},
    {"priority", F::priority, K::Plain},
    {"sensitivity", F::sensitivity, K::Plain},
    {"supersedes", F::supersedes, K::Plain},
    {"delivered-to", F::delivered_to, K::Plain},
    {"x-mailer", F::ext_mailer, K::Plain},
    {"x-mimeole", F::ext_mimeole, K::Plain},
    {"expiry-date", F::ext_expiry_date, K::Plain},
    {"x-ms-tnef-correlator", F::ext_tnef_correlator, K::Plain},
    {"x-uidl", F::ext_uidl, K::Plain},
    {"x-authentication-warning", F::ext_authentication_warning, K::Plain},
    {"x-virus-scanned", F::ext_virus_scanned, K::Plain},
    {"x-original-to", F::ext_original_to, K::Plain},
    {"thread-index", F::thread_index, K::Plain},
    {"lines", F::lines, K::Plain},
    {"precedence", F::precedence, K::Plain},
    {"list-id", F::list_id, K::Unstructured},
    {"list-unsubscribe", F::list_unsubscribe, K::ListUris},
    {"list-unsubscribe-post", F::list_unsubscribe_post, K::Plain},
    {"list-subscribe", F::list_subscribe, K::ListUris},
    {"list-post", F::list_post, K::ListUris},
    {"list-help", F::list_help, K::ListUris},
    {"list-owner", F::list_owner, K::ListUris},
    {"list-archive", F::list_archive, K::ListUris},
    {"authentication-results", F::authentication_results, K::AuthResults},
    {"arc-authentication-results", F::authentication_results, K::AuthResults},
    {"dkim-signature", F::dkim_signature, K::DkimSignature},
    {"received-spf", F::received_spf, K::ReceivedSpf},
    {"x-originating-ip", F::x_originating_ip, K::Plain},
};

static_assert(std::size(kHeaders) == kHeaderTableSize);

// Longest registered name ("arc-authentication-results") and then some.
constexpr std::size_t kMaxKnownName = 32;

const std::unordered_map<std::string_view, int>& index_by_name() {
    static const std::unordered_map<std::string_view, int> map = [] {
        std::unordered_map<std::string_view, int> m;
        for (std::size_t i = 0; i < kHeaderTableSize; ++i) m.emplace(kHeaders[i].name, int(i));
        return m;
    }();
    return map;
}
}  // namespace

int header_index(std::string_view name) {
    if (name.empty() || name.size() > kMaxKnownName) return -1;
    char lower[kMaxKnownName];
    for (std::size_t i = 0; i < name.size(); ++i) lower[i] = ms::mime::ascii_lower(name[i]);
    const auto& map = index_by_name();
    auto it = map.find(std::string_view(lower, name.size()));
    return it == map.end() ? -1 : it->second;
}

HeaderSpec header_spec_at(std::size_t index) {
    if (index >= kHeaderTableSize) return {imf_fields::extension, HeaderKind::Unstructured};
    return {kHeaders[index].field, kHeaders[index].kind};
}

HeaderSpec header_spec(std::string_view name) {
    int i = header_index(name);
    return i < 0 ? HeaderSpec{imf_fields::extension, HeaderKind::Unstructured} : header_spec_at(std::size_t(i));
}

bool part_header_field(std::string_view name, mime_fields::Field& out) {
    struct P {
        const char* name;
        mime_fields::Field field;
    };
    static const P kPart[] = {
        {"content-description", mime_fields::header_content_description},
        {"content-disposition", mime_fields::header_content_disposition},
        {"content-encoding", mime_fields::header_content_encoding},
        {"content-id", mime_fields::header_content_id},
        {"content-language", mime_fields::header_content_language},
        {"content-length", mime_fields::header_content_length},
        {"content-transfer-encoding", mime_fields::header_content_transfer_encoding},
        {"content-type", mime_fields::header_content_type},
    };
    for (const auto& p : kPart)
        if (ms::mime::iequals(name, p.name)) return out = p.field, true;
    return false;
}

}  // namespace ms::imf
