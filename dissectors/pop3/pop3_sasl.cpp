#include "pop3_sasl.hpp"

#include "pop3_syntax.hpp"

namespace ms::pop3 {

AuthMech mech_from_name(std::string_view name) {
    if (name.empty()) return AuthMech::None;
    if (iequals(name, "PLAIN")) return AuthMech::Plain;
    if (iequals(name, "LOGIN")) return AuthMech::Login;
    if (iequals(name, "CRAM-MD5")) return AuthMech::CramMd5;
    return AuthMech::Other;
}

AuthStep step_for(AuthMech mech, uint32_t index, std::string_view line) {
    if (line == "*") return AuthStep::Cancel;
    switch (mech) {
        case AuthMech::Plain: return index == 0 ? AuthStep::Credentials : AuthStep::Response;
        case AuthMech::Login:
            return index == 0 ? AuthStep::Username : index == 1 ? AuthStep::Password : AuthStep::Response;
        case AuthMech::CramMd5: return index == 0 ? AuthStep::CramMd5 : AuthStep::Response;
        default: return AuthStep::Response;
    }
}

PlainCredentials split_plain(std::string_view d) {
    PlainCredentials p;
    std::size_t a = d.find('\0');
    if (a == std::string_view::npos) return p;
    std::size_t b = d.find('\0', a + 1);
    if (b == std::string_view::npos) return p;
    p.ok = true;
    p.authzid = d.substr(0, a);
    p.user = d.substr(a + 1, b - a - 1);
    p.password = d.substr(b + 1);
    return p;
}

}  // namespace ms::pop3
