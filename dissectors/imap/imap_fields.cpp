#include "imap_fields.hpp"

namespace {
const ms::ValueName kStateNames[] = {
    {0, "Not authenticated"}, {1, "Authenticated"}, {2, "Selected"}, {3, "Logout"}};
}  // namespace

MS_DEFINE_FIELDS(imap_fields, MS_IMAP_FIELDS)
MS_DEFINE_EXPERTS(imap_experts, MS_IMAP_EXPERTS)
