#include "dissectors/register_mail.hpp"

#include "dissectors/pop3/pop3_protocol.hpp"
#include "dissectors/smtp/smtp_protocol.hpp"

namespace ms {

void register_mail_protocols(FieldRegistry& reg, DissectorTable& apps) {
    smtp::register_fields(reg);
    pop3::register_fields(reg);
    apps.add(smtp::app_protocol());
    apps.add(pop3::app_protocol());
}

}  // namespace ms
