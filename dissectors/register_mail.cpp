#include "dissectors/register_mail.hpp"

#include "dissectors/imap/imap_protocol.hpp"
#include "dissectors/imf/message_dissector.hpp"
#include "dissectors/message_layer_sink.hpp"
#include "dissectors/pop3/pop3_protocol.hpp"
#include "dissectors/smtp/smtp_protocol.hpp"

namespace ms {

void register_mail_protocols(FieldRegistry& reg, DissectorTable& apps) {
    smtp::register_fields(reg);
    pop3::register_fields(reg);
    imap::register_fields(reg);
    imf::register_fields(reg);
    // Every transport hands the messages it carries to the message layer.
    smtp::set_message_sink_factory(&make_message_layer_sink);
    pop3::set_message_sink_factory(&make_message_layer_sink);
    imap::set_message_sink_factory(&make_message_layer_sink);
    apps.add(smtp::app_protocol());
    apps.add(pop3::app_protocol());
    apps.add(imap::app_protocol());
}

}  // namespace ms
