#include "pop3_fields.hpp"

namespace ms::pop3 {
// RFC 1939 section 3 session states (pop.state values).
const ValueName kStateNames[3] = {{0, "AUTHORIZATION"}, {1, "TRANSACTION"}, {2, "UPDATE"}};
}  // namespace ms::pop3

namespace {
using ms::pop3::kStateNames;
}  // namespace

MS_DEFINE_FIELDS(pop3_fields, MS_POP3_FIELDS)
MS_DEFINE_EXPERTS(pop3_experts, MS_POP3_EXPERTS)
