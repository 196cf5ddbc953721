#include "pop3_syntax.hpp"

namespace ms::pop3 {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Entry {
    Command cmd;
    const char* name;
};
constexpr Entry kCommands[] = {
    {Command::User, "USER"}, {Command::Pass, "PASS"}, {Command::Apop, "APOP"}, {Command::Auth, "AUTH"},
    {Command::Stat, "STAT"}, {Command::List, "LIST"}, {Command::Uidl, "UIDL"}, {Command::Retr, "RETR"},
    {Command::Top, "TOP"},   {Command::Dele, "DELE"}, {Command::Noop, "NOOP"}, {Command::Rset, "RSET"},
    {Command::Quit, "QUIT"}, {Command::Capa, "CAPA"}, {Command::Stls, "STLS"}, {Command::Last, "LAST"},
};

std::string_view first_token(std::string_view s) {
    std::size_t sp = s.find(' ');
    return sp == std::string_view::npos ? s : s.substr(0, sp);
}
}  // namespace

Command command_from_verb(std::string_view verb) {
    for (const Entry& e : kCommands)
        if (iequals(verb, e.name)) return e.cmd;
    return Command::Unknown;
}

std::string_view command_name(Command c) {
    for (const Entry& e : kCommands)
        if (e.cmd == c) return e.name;
    return {};
}

bool allowed_in(Command c, SessionState s) {
    switch (c) {
        case Command::Quit:
        case Command::Capa:  // RFC 2449: valid in every state
            return s != SessionState::Update;
        case Command::User:
        case Command::Pass:
        case Command::Apop:
        case Command::Auth:
        case Command::Stls:
            return s == SessionState::Authorization;
        case Command::Stat:
        case Command::List:
        case Command::Uidl:
        case Command::Retr:
        case Command::Top:
        case Command::Dele:
        case Command::Noop:
        case Command::Rset:
        case Command::Last:
            return s == SessionState::Transaction;
        case Command::Unknown: return true;  // reported as unknown instead
    }
    return true;
}

RequestLine split_request(std::string_view text) {
    RequestLine r;
    std::size_t sp = text.find(' ');
    if (sp == std::string_view::npos) {
        r.verb = text;
        return r;
    }
    r.verb = text.substr(0, sp);
    r.arg = text.substr(sp + 1);
    // Some clients send trailing blanks; they are not part of the argument.
    while (!r.arg.empty() && (r.arg.back() == ' ' || r.arg.back() == '\t')) r.arg.remove_suffix(1);
    return r;
}

bool parse_number(std::string_view s, uint64_t& v) {
    if (s.empty() || s.size() > 19) return false;
    uint64_t n = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        n = n * 10 + uint64_t(c - '0');
    }
    v = n;
    return true;
}

MessageArgs parse_message_args(Command c, std::string_view arg) {
    MessageArgs a;
    std::string_view first = first_token(arg);
    std::string_view rest = first.size() < arg.size() ? arg.substr(first.size() + 1) : std::string_view{};
    switch (c) {
        case Command::List:
        case Command::Uidl:
            if (arg.empty()) return a;
            [[fallthrough]];
        case Command::Retr:
        case Command::Dele:
            a.msg_text = first;
            a.has_msg = parse_number(first, a.msg);
            a.malformed = !a.has_msg || !rest.empty();
            return a;
        case Command::Top:
            a.msg_text = first;
            a.lines_text = first_token(rest);
            a.has_msg = parse_number(first, a.msg);
            a.has_lines = parse_number(a.lines_text, a.lines);
            a.malformed = !a.has_msg || !a.has_lines || a.lines_text.size() != rest.size();
            return a;
        default: return a;
    }
}

bool multiline_answer(Command c, bool has_argument) {
    switch (c) {
        case Command::List:
        case Command::Uidl:
        case Command::Auth:  // without a mechanism: the list of mechanisms
            return !has_argument;
        case Command::Retr:
        case Command::Top:
        case Command::Capa:
            return true;
        default: return false;
    }
}

StatusLine parse_status(std::string_view text) {
    StatusLine s;
    std::size_t ind = 0;
    if (text.size() >= 3 && iequals(text.substr(0, 3), "+OK")) {
        ind = 3;
        s.ok = true;
    } else if (text.size() >= 4 && iequals(text.substr(0, 4), "-ERR")) {
        ind = 4;
    } else {
        return s;
    }
    if (text.size() > ind && text[ind] != ' ' && text[ind] != '\t') return s;  // "+OKAY" is not a status
    s.valid = true;
    s.indicator = text.substr(0, ind);
    if (text.size() > ind + 1) s.description = text.substr(ind + 1);
    if (!s.description.empty() && s.description.front() == '[') {
        std::size_t close = s.description.find(']');
        if (close != std::string_view::npos && close > 1) s.code = s.description.substr(1, close - 1);
    }
    return s;
}

bool is_continuation(std::string_view text, std::string_view& payload) {
    if (text.empty() || text[0] != '+') return false;
    if (text.size() == 1) {
        payload = {};
        return true;
    }
    if (text[1] != ' ') return false;
    payload = text.substr(2);
    while (!payload.empty() && (payload.back() == ' ' || payload.back() == '\t')) payload.remove_suffix(1);
    return true;
}

std::string_view apop_timestamp(std::string_view d) {
    std::size_t open = d.find('<');
    while (open != std::string_view::npos) {
        std::size_t close = d.find('>', open + 1);
        if (close == std::string_view::npos) return {};
        std::string_view ts = d.substr(open, close - open + 1);
        if (ts.find('@') != std::string_view::npos && ts.find(' ') == std::string_view::npos) return ts;
        open = d.find('<', close + 1);
    }
    return {};
}

bool parse_two_numbers(std::string_view text, uint64_t& first, uint64_t& second) {
    std::string_view a = first_token(text);
    if (a.size() == text.size()) return false;
    std::string_view b = first_token(text.substr(a.size() + 1));
    return parse_number(a, first) && parse_number(b, second);
}

bool parse_uidl(std::string_view text, uint64_t& msg, std::string_view& uid) {
    std::string_view a = first_token(text);
    if (a.size() == text.size()) return false;
    uid = first_token(text.substr(a.size() + 1));
    return parse_number(a, msg) && !uid.empty();
}

void split_capa(std::string_view text, std::string_view& name, std::string_view& args) {
    name = first_token(text);
    args = name.size() < text.size() ? text.substr(name.size() + 1) : std::string_view{};
}

bool octets_in(std::string_view d, uint64_t& n) {
    // Accept "529 octets" at the start, or "(529 octets)" / "message 1 (529 octets)".
    std::size_t at = 0;
    while (at < d.size()) {
        std::size_t pos = d.find(" octets", at);
        if (pos == std::string_view::npos) pos = d.find(" OCTETS", at);
        if (pos == std::string_view::npos) return false;
        std::size_t begin = pos;
        while (begin > 0 && is_digit(d[begin - 1])) --begin;
        if (begin < pos && parse_number(d.substr(begin, pos - begin), n)) return true;
        at = pos + 1;
    }
    return false;
}

}  // namespace ms::pop3
