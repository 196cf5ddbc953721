#include "smtp_fields.hpp"

#include "smtp_codes.hpp"

namespace {
using ms::smtp::kCodeCategoryNames;
using ms::smtp::kCodeClassNames;
using ms::smtp::kEnhancedClassNames;
using ms::smtp::kEnhancedSubjectNames;
using ms::smtp::kReplyCodeNames;
}  // namespace

MS_DEFINE_FIELDS(smtp_fields, MS_SMTP_FIELDS)
MS_DEFINE_EXPERTS(smtp_experts, MS_SMTP_EXPERTS)
