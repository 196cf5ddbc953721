#include "imf_fields.hpp"

MS_DEFINE_FIELDS(imf_fields, MS_IMF_FIELDS)
MS_DEFINE_FIELDS(mime_fields, MS_MIME_FIELDS)
MS_DEFINE_EXPERTS(imf_experts, MS_IMF_EXPERTS)

namespace ms::imf {
void register_message_fields(ms::FieldRegistry& reg) {
    imf_fields::register_fields(reg);
    mime_fields::register_fields(reg);
    imf_experts::register_experts(reg);
}
}  // namespace ms::imf
