// IMAP AUTHENTICATE uses the core's SASL base64 (shared with SMTP and POP3).
#pragma once

#include "dissectors/core/sasl_base64.hpp"

namespace ms::imap {
using ms::decode_base64;
using ms::printable;
}  // namespace ms::imap
