#include "dissectors/register_mail.hpp"

#include "dissectors/pop3/pop3_protocol.hpp"

namespace ms {

void register_mail_protocols(FieldRegistry& reg, DissectorTable& apps) {
    pop3::register_fields(reg);
    apps.add(pop3::app_protocol());
}

}  // namespace ms
