// register_all(): every field of every layer, in the order -G fields lists
// them, then the mail protocols. Called once by each program at start.
#include <mutex>

#include "capture/link/link_registration.hpp"
#include "capture/pipeline/frame_layer.hpp"
#include "capture/tcp/tcp_fields.hpp"
#include "dissectors/register_mail.hpp"

namespace ms {

void register_all() {
    static std::once_flag once;
    std::call_once(once, [] {
        FieldRegistry& reg = FieldRegistry::mutable_global();
        frame_fields::register_fields(reg);
        register_link_ip_fields(reg);
        register_tcp_fields(reg);
        register_mail_protocols(reg, DissectorTable::global());
    });
}

}  // namespace ms
