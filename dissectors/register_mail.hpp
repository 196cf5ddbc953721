#pragma once

#include "dissectors/core/dissector_table.hpp"
#include "dissectors/core/field_registry.hpp"

namespace ms {
// Fields and application dissectors of the mail protocols (SMTP, POP3, IMAP,
// IMF/MIME): the explicit list, no static-initialiser registration.
void register_mail_protocols(FieldRegistry& reg, DissectorTable& apps);
}  // namespace ms
