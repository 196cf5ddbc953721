#include "ui/session_summary.hpp"

#include <string_view>

#include "dissectors/core/ascii.hpp"
#include "dissectors/core/sasl_base64.hpp"

namespace ms::ui {

namespace {

constexpr std::size_t kMaxShown = 200;  // characters of a greeting or name kept

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string_view first_word(std::string_view s) {
    s = trim(s);
    return s.substr(0, s.find(' '));
}

std::string_view after_word(std::string_view s) {
    s = trim(s);
    std::size_t sp = s.find(' ');
    return sp == std::string_view::npos ? std::string_view{} : trim(s.substr(sp + 1));
}

std::string shown(std::string_view s) { return std::string(s.substr(0, kMaxShown)); }

// The path inside "FROM:<a@b> PARAMS" / "TO:<a@b>" (without the brackets);
// tolerates a space after the colon and a missing bracket.
std::string path_after(std::string_view arg, std::string_view prefix) {
    arg = trim(arg);
    if (!istarts_with(arg, prefix)) return {};
    arg = trim(arg.substr(prefix.size()));
    if (!arg.empty() && arg.front() == '<') {
        std::size_t close = arg.find('>');
        return shown(arg.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
    }
    return shown(first_word(arg));
}

// One IMAP astring at the front of `s`: an atom, a "quoted" string or a
// literal whose bytes the dialogue kept inline ("{5}alice"). Advances `s`.
std::string take_astring(std::string_view& s) {
    s = trim(s);
    std::string out;
    if (s.empty()) return out;
    if (s.front() == '"') {
        std::size_t i = 1;
        for (; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] == '\\' && i + 1 < s.size()) ++i;
            out += s[i];
        }
        s.remove_prefix(std::min(s.size(), i + 1));
        return out;
    }
    if (s.front() == '{') {
        std::size_t close = s.find('}');
        uint64_t n = 0;
        bool ok = close != std::string_view::npos && close > 1;
        for (std::size_t i = 1; ok && i < close; ++i) {
            if (s[i] == '+' && i + 1 == close) break;
            if (s[i] < '0' || s[i] > '9' || n > (1u << 20)) ok = false;
            else n = n * 10 + uint64_t(s[i] - '0');
        }
        if (ok) {
            std::string_view body = s.substr(close + 1, n);
            s.remove_prefix(std::min(s.size(), close + 1 + n));
            return std::string(body);
        }
    }
    std::size_t sp = s.find(' ');
    out = s.substr(0, sp);
    s.remove_prefix(sp == std::string_view::npos ? s.size() : sp);
    return out;
}

Verdict verdict_of(MailProtocol p, const DialogueTurn* reply) {
    if (!reply) return Verdict::NoReply;
    const std::string& k = reply->keyword;
    bool ok = p == MailProtocol::Smtp ? (!k.empty() && k[0] == '2') : p == MailProtocol::Pop3 ? k == "+OK" : k == "OK";
    return ok ? Verdict::Accepted : Verdict::Refused;
}

bool intermediate(const DialogueTurn& reply) { return reply.keyword == "334" || reply.keyword == "+"; }

// SASL: the user in a PLAIN ("authzid\0authcid\0password"), LOGIN (the
// first response) or XOAUTH2 ("user=...\1auth=...") response.
struct SaslUser {
    std::string mechanism;
    int responses = 0;
};

void read_sasl(const std::string& b64, SaslUser& sasl, SessionSummary& s) {
    std::string clear;
    if (!decode_base64(trim(b64), clear)) return;
    ++sasl.responses;
    if (iequals(sasl.mechanism, "PLAIN")) {
        std::size_t a = clear.find('\0'), b = a == std::string::npos ? a : clear.find('\0', a + 1);
        if (b != std::string::npos) {
            s.user = shown(printable(clear.substr(a + 1, b - a - 1)));
            s.password_in_clear = true;
        }
    } else if (iequals(sasl.mechanism, "LOGIN")) {
        if (sasl.responses == 1) s.user = shown(printable(clear));
        else s.password_in_clear = true;
    } else if (iequals(sasl.mechanism, "CRAM-MD5")) {  // "user hex-digest"
        s.user = shown(printable(clear.substr(0, clear.find(' '))));
    } else if (iequals(sasl.mechanism, "XOAUTH2") && clear.starts_with("user=")) {
        s.user = shown(printable(clear.substr(5, clear.find('\1') - 5)));
    }
}

}  // namespace

SessionSummary summarize(const SessionDialogue& d) {
    SessionSummary s;
    s.protocol = d.protocol;
    s.client = d.client;
    s.server = d.server;
    // The last reply that answered each command (its final word, past any
    // AUTH challenges).
    std::vector<const DialogueTurn*> reply_to(d.turns.size(), nullptr);
    for (const auto& t : d.turns)
        if (t.kind == DialogueTurn::Kind::Reply && t.answers >= 0 && std::size_t(t.answers) < d.turns.size() &&
            (!reply_to[std::size_t(t.answers)] || !intermediate(t)))
            reply_to[std::size_t(t.answers)] = &t;

    SaslUser sasl;
    bool greeted = false;
    for (std::size_t i = 0; i < d.turns.size(); ++i) {
        const DialogueTurn& t = d.turns[i];
        const DialogueTurn* reply = reply_to[i];
        std::string_view line = t.lines.empty() ? std::string_view{} : std::string_view(t.lines.front());
        switch (t.kind) {
            case DialogueTurn::Kind::Tls: s.tls = true; continue;
            case DialogueTurn::Kind::Compressed: s.compressed = true; continue;
            case DialogueTurn::Kind::Message:
                ++s.messages;
                if (!t.from_server && !s.envelopes.empty()) {
                    s.envelopes.back().message_bytes += t.bytes;
                    s.envelopes.back().message_sent = true;
                }
                continue;
            case DialogueTurn::Kind::SaslResponse: read_sasl(std::string(line), sasl, s); continue;
            case DialogueTurn::Kind::Reply:
                if (!greeted) {
                    greeted = true;
                    s.greeting = shown(line);
                    if (d.protocol == MailProtocol::Smtp && t.keyword == "220")
                        s.greeting_host = shown(first_word(line.substr(std::min<std::size_t>(4, line.size()))));
                }
                continue;
            case DialogueTurn::Kind::Command: break;
            default: continue;
        }
        // A command: its words after the verb (IMAP: after the tag too).
        std::string_view arg = after_word(line);
        if (d.protocol == MailProtocol::Imap) arg = after_word(arg);
        const std::string& k = t.keyword;
        auto login = [&](std::string user, std::string method) {
            if (!user.empty()) s.user = shown(printable(user));
            s.login_method = std::move(method);
            s.login_attempted = true;
            s.login = verdict_of(d.protocol, reply);
        };
        if (d.protocol == MailProtocol::Smtp) {
            if (k == "HELO" || k == "EHLO") {
                s.helo_name = shown(first_word(arg));
            } else if (k == "MAIL" && s.envelopes.size() < SessionSummary::kMaxEnvelopes) {
                s.envelopes.push_back({path_after(arg, "FROM:"), verdict_of(d.protocol, reply), {}, 0, false});
            } else if (k == "RCPT" && !s.envelopes.empty() &&
                       s.envelopes.back().to.size() < SessionSummary::kMaxRecipients) {
                s.envelopes.back().to.push_back({path_after(arg, "TO:"), verdict_of(d.protocol, reply)});
            } else if (k == "AUTH") {
                sasl = {std::string(first_word(arg)), 0};
                login({}, "AUTH " + shown(first_word(arg)));
                std::string_view initial = after_word(arg);
                if (!initial.empty() && initial != "=") read_sasl(std::string(initial), sasl, s);
            }
        } else if (d.protocol == MailProtocol::Pop3) {
            if (k == "USER") {
                login(std::string(arg), "USER/PASS");
                s.login = Verdict::NoReply;  // PASS decides
            } else if (k == "PASS") {
                s.password_in_clear = true;
                login({}, "USER/PASS");
            } else if (k == "APOP") {
                login(std::string(first_word(arg)), "APOP");
            } else if (k == "AUTH" && !arg.empty()) {
                sasl = {std::string(first_word(arg)), 0};
                login({}, "AUTH " + shown(first_word(arg)));
                std::string_view initial = after_word(arg);
                if (!initial.empty() && initial != "=") read_sasl(std::string(initial), sasl, s);
            }
        } else if (d.protocol == MailProtocol::Imap) {
            if (k == "LOGIN") {
                std::string_view rest = arg;
                std::string user = take_astring(rest);
                if (!take_astring(rest).empty()) s.password_in_clear = true;
                login(user, "LOGIN");
            } else if (k == "AUTHENTICATE") {
                sasl = {std::string(first_word(arg)), 0};
                login({}, "AUTHENTICATE " + shown(first_word(arg)));
                std::string_view initial = after_word(arg);
                if (!initial.empty() && initial != "=") read_sasl(std::string(initial), sasl, s);
            } else if ((k == "SELECT" || k == "EXAMINE") && verdict_of(d.protocol, reply) != Verdict::Refused) {
                std::string_view rest = arg;
                s.mailbox = shown(printable(take_astring(rest)));
                s.mailbox_read_only = k == "EXAMINE";
                s.mailbox_closed = false;
            } else if ((k == "CLOSE" || k == "UNSELECT") && verdict_of(d.protocol, reply) == Verdict::Accepted) {
                s.mailbox_closed = true;
            }
        }
    }
    return s;
}

std::vector<std::pair<std::string, std::string>> summary_rows(const SessionSummary& s) {
    auto verdict = [](Verdict v) {
        return v == Verdict::Accepted ? std::string(" (accepted)")
               : v == Verdict::Refused ? std::string(" (refused)")
                                       : std::string(" (no reply)");
    };
    std::vector<std::pair<std::string, std::string>> rows;
    rows.push_back({"Protocol", protocol_name(s.protocol)});
    rows.push_back({"Client → server", s.client + " → " + s.server});
    if (!s.greeting.empty())
        rows.push_back({"Greeting", s.greeting_host.empty() ? s.greeting : s.greeting_host + "  (" + s.greeting + ")"});
    if (!s.helo_name.empty()) rows.push_back({"HELO/EHLO", s.helo_name});
    std::size_t n = 0;
    for (const auto& e : s.envelopes) {
        std::string to;
        for (const auto& r : e.to) to += (to.empty() ? "" : ", ") + r.address + verdict(r.verdict);
        std::string text = "from <" + e.from + ">" + verdict(e.from_verdict) + " to " + (to.empty() ? "nobody" : to);
        if (e.message_sent) text += "; message " + std::to_string(e.message_bytes) + " bytes";
        rows.push_back({s.envelopes.size() == 1 ? "Envelope" : "Envelope " + std::to_string(++n), text});
    }
    if (!s.mailbox.empty())
        rows.push_back({"Mailbox", s.mailbox + (s.mailbox_read_only ? " (read-only)" : "") +
                                       (s.mailbox_closed ? ", closed later" : "")});
    if (s.login_attempted)
        rows.push_back({"Login", (s.user.empty() ? std::string("?") : s.user) + " by " + s.login_method +
                                     verdict(s.login) + (s.password_in_clear ? ", password readable" : "")});
    rows.push_back({"TLS", s.tls ? "started (the rest is encrypted)" : "not started"});
    if (s.compressed) rows.push_back({"Compression", "DEFLATE (the rest is compressed)"});
    return rows;
}

}  // namespace ms::ui
