#include "dissectors/register_mail.hpp"

namespace ms {

void register_mail_protocols(FieldRegistry& reg, DissectorTable& apps) {
    (void)reg;
    (void)apps;
}

}  // namespace ms
