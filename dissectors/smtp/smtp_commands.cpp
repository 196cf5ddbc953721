#include "smtp_commands.hpp"

namespace ms::smtp {

namespace {
struct VerbName {
    const char* verb;
    Command cmd;
};
constexpr VerbName kVerbs[] = {
    {"HELO", Command::Helo},         {"EHLO", Command::Ehlo},   {"MAIL", Command::Mail},
    {"RCPT", Command::Rcpt},         {"DATA", Command::Data},   {"BDAT", Command::Bdat},
    {"RSET", Command::Rset},         {"NOOP", Command::Noop},   {"QUIT", Command::Quit},
    {"VRFY", Command::Vrfy},         {"EXPN", Command::Expn},   {"HELP", Command::Help},
    {"TURN", Command::Turn},         {"ETRN", Command::Etrn},   {"ATRN", Command::Atrn},
    {"SEND", Command::Send},         {"SOML", Command::Soml},   {"SAML", Command::Saml},
    {"STARTTLS", Command::Starttls}, {"AUTH", Command::Auth},   {"XCLIENT", Command::Xclient},
    {"XFORWARD", Command::Xforward},
};

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}
}  // namespace

Command command_from_verb(std::string_view verb) {
    for (const auto& v : kVerbs)
        if (iequals(verb, v.verb)) return v.cmd;
    return Command::Unknown;
}

const char* command_name(Command c) {
    for (const auto& v : kVerbs)
        if (v.cmd == c) return v.verb;
    switch (c) {
        case Command::Greeting: return "<greeting>";
        case Command::MessageEnd: return "<end of message>";
        case Command::AuthResponse: return "<AUTH response>";
        default: return "<unknown>";
    }
}

CommandLine split_command_line(std::string_view text) {
    CommandLine cl;
    std::size_t sp = text.find(' ');
    if (sp == std::string_view::npos) {
        cl.verb = text;
    } else {
        cl.verb = text.substr(0, sp);
        cl.arg = text.substr(sp + 1);
    }
    return cl;
}

std::vector<Param> parse_params(std::string_view text) {
    std::vector<Param> out;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && blank(text[at])) ++at;
        std::size_t start = at;
        while (at < text.size() && !blank(text[at])) ++at;
        if (at == start) break;
        std::string_view tok = text.substr(start, at - start);
        Param p;
        std::size_t eq = tok.find('=');
        if (eq == std::string_view::npos) {
            p.keyword = tok;
        } else {
            p.keyword = tok.substr(0, eq);
            p.value = tok.substr(eq + 1);
            p.has_value = true;
        }
        out.push_back(p);
        if (out.size() >= 64) break;  // more parameters than any extension defines
    }
    return out;
}

PathArg parse_path_arg(std::string_view arg, std::string_view prefix) {
    PathArg r;
    std::string_view s = trim(arg);
    if (s.size() < prefix.size() || !iequals(s.substr(0, prefix.size()), prefix)) {
        r.params = parse_params(s);
        return r;
    }
    s.remove_prefix(prefix.size());
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);  // "FROM: <x>" is common
    std::size_t end = 0;
    if (!s.empty() && s.front() == '<') {
        // Up to the closing bracket; a quoted local part may hold one.
        bool quoted = false;
        std::size_t i = 1;
        for (; i < s.size(); ++i) {
            char c = s[i];
            if (quoted && c == '\\' && i + 1 < s.size()) { ++i; continue; }
            if (c == '"') quoted = !quoted;
            else if (c == '>' && !quoted) break;
        }
        if (i < s.size()) {
            end = i + 1;
            r.ok = true;
            r.path = s.substr(0, end);
            std::string_view inner = s.substr(1, i - 1);
            // A source route "@a,@b:user@c" (RFC 5321 4.1.2) is ignored.
            if (!inner.empty() && inner.front() == '@') {
                std::size_t colon = inner.find(':');
                if (colon != std::string_view::npos) inner.remove_prefix(colon + 1);
            }
            r.mailbox = inner;
        } else {
            end = s.size();
            r.path = s;
            r.mailbox = s.substr(1);
        }
    } else {
        // Without brackets (seen from sloppy clients): up to the first blank.
        while (end < s.size() && !blank(s[end])) ++end;
        r.path = s.substr(0, end);
        r.mailbox = r.path;
        r.ok = false;
    }
    r.params = parse_params(s.substr(end));
    return r;
}

AuthMech auth_mech_from_name(std::string_view name) {
    if (name.empty()) return AuthMech::None;
    if (iequals(name, "PLAIN")) return AuthMech::Plain;
    if (iequals(name, "LOGIN")) return AuthMech::Login;
    if (iequals(name, "CRAM-MD5")) return AuthMech::CramMd5;
    if (iequals(name, "XOAUTH2") || iequals(name, "OAUTHBEARER")) return AuthMech::XOAuth2;
    return AuthMech::Other;
}

AuthArg parse_auth_arg(std::string_view arg) {
    AuthArg a;
    std::string_view s = trim(arg);
    std::size_t sp = 0;
    while (sp < s.size() && !blank(s[sp])) ++sp;
    a.mechanism = s.substr(0, sp);
    a.initial_response = trim(s.substr(sp));
    a.mech = auth_mech_from_name(a.mechanism);
    return a;
}

Extension parse_extension(std::string_view text) {
    Extension e;
    std::string_view s = trim(text);
    std::size_t sp = 0;
    // Old servers write "AUTH=LOGIN": '=' ends the keyword too.
    while (sp < s.size() && !blank(s[sp]) && s[sp] != '=') ++sp;
    e.keyword = s.substr(0, sp);
    e.params = sp < s.size() ? trim(s.substr(sp + 1)) : std::string_view{};
    return e;
}

std::vector<std::string_view> find_angle_addresses(std::string_view text, std::size_t max) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (out.size() < max) {
        std::size_t open = text.find('<', at);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find('>', open + 1);
        if (close == std::string_view::npos) break;
        out.push_back(text.substr(open + 1, close - open - 1));
        at = close + 1;
    }
    return out;
}

}  // namespace ms::smtp
