#include "pop3_sasl.hpp"

#include <cstdio>

#include "pop3_syntax.hpp"

namespace ms::pop3 {

namespace {
int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

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

bool decode_base64(std::string_view in, std::string& out) {
    out.clear();
    if (in == "=") return true;
    uint32_t acc = 0;
    int bits = 0;
    std::size_t pad = 0;
    for (char c : in) {
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad) return false;  // data after padding
        int v = sextet(c);
        if (v < 0) return false;
        acc = (acc << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((acc >> bits) & 0xFF));
        }
    }
    return pad <= 2 && (in.size() % 4 == 0 || pad == 0) && bits < 6;
}

std::string printable(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7F) {
            out.push_back(char(c));
        } else {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    return out;
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
