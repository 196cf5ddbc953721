// Header names to fields, and how each header's value is taken apart
// (Wireshark's imf_fields[] table in packet-imf.c plays this role).
#pragma once

#include <cstddef>
#include <string_view>

#include "imf_fields.hpp"

namespace ms::imf {

enum class HeaderKind : uint8_t {
    Plain,        // shown as written (and decoded, if it has encoded words)
    MailboxList,  // From, Resent-From
    AddressList,  // To, Cc, Bcc, Reply-To, Sender...
    Date,
    MsgIds,
    Received,
    ContentType,
    Disposition,
    DkimSignature,
    AuthResults,
    ReceivedSpf,
    ListUris,
    Unstructured,  // Subject, Comments: encoded words decoded
};

struct HeaderSpec {
    imf_fields::Field field;
    HeaderKind kind;
};

// The spec for a header name (case-insensitive); field == imf_fields::extension
// for names nobody registered.
HeaderSpec header_spec(std::string_view name);

// The table behind header_spec, by index: header_index() is the name's
// index (a hash lookup, not a scan), -1 for names nobody registered.
inline constexpr std::size_t kHeaderTableSize = 63;
int header_index(std::string_view name);
HeaderSpec header_spec_at(std::size_t index);

// Content-* headers inside a MIME part use Wireshark's mime_multipart.header.*
// fields; false when the part header has none.
bool part_header_field(std::string_view name, mime_fields::Field& out);

}  // namespace ms::imf
