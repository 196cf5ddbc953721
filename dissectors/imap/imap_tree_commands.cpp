// TreeWindow and the fields of each command's arguments.
#include <charconv>

#include "imap_tree.hpp"
#include "sasl_base64.hpp"

namespace ms::imap {

namespace F = imap_fields;
using X = imap_experts::Expert;

bool parse_number(std::string_view s, uint64_t& v) {
    if (s.empty()) return false;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

ByteRange TreeWindow::range(std::size_t i) const {
    const Token* t = toks_.at(i);
    if (!t || t->segment != segment_ || t->kind == TokenKind::Literal) return ByteRange{line_.source, line_.offset, 0};
    uint32_t end = t->pos + t->len;
    if ((t->kind == TokenKind::Open || t->kind == TokenKind::CodeOpen) && t->match < toks_.size()) {
        const Token& c = toks_.tokens[t->match];
        if (c.segment == segment_) end = c.pos + c.len;
    }
    if (end > line_.length) end = line_.length;
    const uint32_t pos = t->pos < end ? t->pos : end;
    return ByteRange{line_.source, line_.offset + pos, end - pos};
}

NodeRef TreeWindow::str(NodeRef parent, F::Field f, std::size_t i, std::string_view v) const {
    if (!visible(i)) return parent;
    return t_.add_string(parent, F::id(f), range(i), v);
}

NodeRef TreeWindow::num(NodeRef parent, F::Field f, std::size_t i) const {
    uint64_t v = 0;
    if (!visible(i) || !parse_number(toks_.value(i), v)) return parent;
    return t_.add_uint(parent, F::id(f), range(i), v);
}

NodeRef TreeWindow::none(NodeRef parent, F::Field f, std::size_t i) const {
    if (!visible(i)) return parent;
    return t_.add_none(parent, F::id(f), range(i));
}

NodeRef TreeWindow::mailbox(NodeRef parent, F::Field f, std::size_t i) const {
    if (!visible(i) || toks_.is(i, TokenKind::Open) || toks_.is(i, TokenKind::Close)) return parent;
    const std::string_view wire = toks_.value(i);
    bool valid = true;
    const std::string name = mailbox_utf8(wire, &valid);
    NodeRef n = t_.add_string(parent, F::id(f), range(i), name);
    if (name != wire) t_.add_string(n, F::id(F::mailbox_wire), range(i), wire);
    if (!valid)
        t_.add_expert(n, imap_experts::id(X::bad_utf7), range(i),
                      "Mailbox name " + std::string(wire.substr(0, 200)) + " is not valid modified UTF-7");
    return n;
}

void TreeWindow::expert(NodeRef parent, X e, std::size_t i, std::string_view text) const {
    if (!visible(i)) return;
    t_.add_expert(parent, imap_experts::id(e), range(i), text);
}

namespace {

// Atoms (and strings) inside the list at `open`, or the single token there.
template <class Fn>
void each_item(const TokenList& t, std::size_t at, Fn&& fn) {
    if (t.is(at, TokenKind::Open)) {
        const std::size_t end = t.skip(at) - 1;
        const uint16_t inner = uint16_t(t.tokens[at].depth + 1);
        for (std::size_t i = at + 1; i < end && i < t.size(); ++i)
            if (t.tokens[i].depth == inner && t.tokens[i].kind != TokenKind::Open && t.tokens[i].kind != TokenKind::Close)
                fn(i);
    } else if (at < t.size() && t.tokens[at].kind != TokenKind::Close) {
        fn(at);
    }
}

}  // namespace

void add_command_args(const TreeWindow& w, NodeRef parent, const ImapMessage& m) {
    const TokenList& T = w.toks();
    const std::size_t a = m.args;
    switch (m.cmd) {
        case Command::Login:
            w.str(parent, F::request_username, a);
            w.str(parent, F::request_password, a + 1);
            break;
        case Command::Authenticate: {
            w.str(parent, F::mechanism, a);
            if (a + 1 < T.size() && w.visible(a + 1))
                add_sasl(w.tree(), parent, w.range(a + 1), sasl_mech_from_name(T.value(a)), 0, T.value(a + 1));
            break;
        }
        case Command::Select:
        case Command::Examine:
        case Command::Create:
        case Command::Delete:
        case Command::Subscribe:
        case Command::Unsubscribe:
        case Command::GetQuotaRoot:
            w.mailbox(parent, F::request_folder, a);
            break;
        case Command::Status:
            w.mailbox(parent, F::request_folder, a);
            each_item(T, a + 1, [&](std::size_t i) { w.str(parent, F::status_item, i); });
            break;
        case Command::Append: {
            w.mailbox(parent, F::request_folder, a);
            std::size_t i = a + 1;
            if (T.is(i, TokenKind::Open)) {
                each_item(T, i, [&](std::size_t k) { w.str(parent, F::flag, k); });
                i = T.skip(i);
            }
            if (T.is(i, TokenKind::Quoted)) w.str(parent, F::date, i), ++i;
            if (T.is(i, TokenKind::Literal) && w.visible(i)) {
                const Token& lt = T.tokens[i];
                w.tree().add_uint(parent, F::id(F::literal_size), w.range(i), lt.literal_size);
            }
            break;
        }
        case Command::Rename:
            w.mailbox(parent, F::request_folder, a);
            w.mailbox(parent, F::folder_new, a + 1);
            break;
        case Command::List:
        case Command::Lsub: {
            std::size_t i = a;
            if (T.is(i, TokenKind::Open)) i = T.skip(i);  // LIST-EXTENDED selection options
            w.mailbox(parent, F::list_reference, i);
            if (T.is(i + 1, TokenKind::Open)) each_item(T, i + 1, [&](std::size_t k) { w.mailbox(parent, F::list_pattern, k); });
            else w.mailbox(parent, F::list_pattern, i + 1);
            break;
        }
        case Command::Copy:
        case Command::Move:
            w.str(parent, F::sequence_set, a);
            w.mailbox(parent, F::request_folder, a + 1);
            break;
        case Command::Fetch:
            w.str(parent, F::sequence_set, a);
            each_item(T, a + 1, [&](std::size_t i) { w.str(parent, F::fetch_item, i); });
            break;
        case Command::Store: {
            w.str(parent, F::sequence_set, a);
            std::size_t i = a + 1;
            if (T.is(i, TokenKind::Open)) i = T.skip(i);  // CONDSTORE modifiers
            w.str(parent, F::store_action, i);
            for (std::size_t k = i + 1; k < T.size(); ++k)
                if (T.tokens[k].kind != TokenKind::Open && T.tokens[k].kind != TokenKind::Close) w.str(parent, F::flag, k);
            break;
        }
        case Command::Search:
            for (std::size_t k = a; k < T.size(); ++k)
                if (T.tokens[k].kind != TokenKind::Open && T.tokens[k].kind != TokenKind::Close)
                    w.str(parent, F::search_key, k);
            break;
        case Command::Expunge:
            if (m.uid) w.str(parent, F::sequence_set, a);
            break;
        case Command::Enable:
            for (std::size_t k = a; k < T.size(); ++k) w.str(parent, F::capability, k);
            break;
        case Command::Id:
            if (T.is(a, TokenKind::Open)) {
                std::size_t end = T.skip(a) - 1;
                for (std::size_t k = a + 1; k + 1 <= end && k + 1 < T.size(); k += 2) {
                    std::string kv(T.value(k));
                    kv += '=';
                    kv += T.is(k + 1, TokenKind::Nil) ? std::string_view("NIL") : T.value(k + 1);
                    w.str(parent, F::id_param, k, kv);
                }
            }
            break;
        case Command::GetQuota:
            w.str(parent, F::quota_root, a);
            break;
        case Command::Compress:
        case Command::Unknown:
        case Command::SetQuota:
            for (std::size_t k = a; k < T.size(); ++k)
                if (T.tokens[k].kind != TokenKind::Open && T.tokens[k].kind != TokenKind::Close)
                    w.str(parent, F::argument, k);
            break;
        default: break;
    }
}

void add_sasl(ProtoTree& t, NodeRef parent, ByteRange r, SaslMech mech, uint32_t step, std::string_view b64) {
    if (b64 == "*") {
        t.add_string(parent, F::id(F::auth_data), r, "* (exchange cancelled)");
        return;
    }
    std::string dec;
    if (b64 != "=" && !decode_base64(b64, dec)) {
        t.add_expert(parent, imap_experts::id(X::base64_decode), r);
        return;
    }
    switch (mech) {
        case SaslMech::Plain: {
            // authzid NUL authcid NUL passwd (RFC 4616)
            const std::string_view d = dec;
            const std::size_t p1 = d.find('\0');
            const std::size_t p2 = p1 == std::string_view::npos ? p1 : d.find('\0', p1 + 1);
            if (p2 == std::string_view::npos) break;
            if (p1 > 0) t.add_string(parent, F::id(F::auth_authzid), r, printable(d.substr(0, p1)));
            t.add_string(parent, F::id(F::request_username), r, printable(d.substr(p1 + 1, p2 - p1 - 1)));
            t.add_string(parent, F::id(F::request_password), r, printable(d.substr(p2 + 1)));
            return;
        }
        case SaslMech::Login:
            if (step <= 1) {
                t.add_string(parent, F::id(step == 0 ? F::request_username : F::request_password), r, printable(dec));
                return;
            }
            break;
        case SaslMech::CramMd5: {
            const std::size_t sp = dec.rfind(' ');
            if (sp == std::string::npos) break;
            t.add_string(parent, F::id(F::request_username), r, printable(std::string_view(dec).substr(0, sp)));
            t.add_string(parent, F::id(F::auth_data), r, printable(dec));
            return;
        }
        case SaslMech::XOAuth2: {
            const std::size_t u = dec.find("user=");
            if (u != std::string::npos) {
                const std::size_t e = dec.find('\x01', u);
                t.add_string(parent, F::id(F::request_username), r,
                             printable(std::string_view(dec).substr(u + 5, e == std::string::npos ? std::string::npos : e - u - 5)));
            }
            break;
        }
        case SaslMech::Other: break;
    }
    t.add_string(parent, F::id(F::auth_data), r, printable(dec));
}

}  // namespace ms::imap
