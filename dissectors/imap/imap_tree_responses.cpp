// The fields of untagged data, response codes and FETCH items (ENVELOPE,
// BODYSTRUCTURE, sections).
#include <string>

#include "imap_tree.hpp"
#include "sasl_base64.hpp"

namespace ms::imap {

namespace F = imap_fields;
using X = imap_experts::Expert;

namespace {

// How deep BODYSTRUCTURE recursion goes (token nesting is capped as well).
constexpr int kMaxBodyLevels = 32;

bool is_list(const TokenList& T, std::size_t i) { return T.is(i, TokenKind::Open); }

// nstring value: empty view for NIL.
std::string_view nstr(const TokenList& T, std::size_t i) {
    if (i >= T.size() || T.tokens[i].kind == TokenKind::Nil || T.tokens[i].kind == TokenKind::Open ||
        T.tokens[i].kind == TokenKind::Close)
        return {};
    return T.value(i);
}

class ResponseTree {
public:
    ResponseTree(const TreeWindow& w, const ImapMessage& m) : w_(w), T_(w.toks()), m_(m) {}

    void run(NodeRef parent, bool sasl_challenge) {
        if (m_.kind == MessageKind::Continuation) {
            if (T_.is(1, TokenKind::Text)) {
                NodeRef c = w_.str(parent, F::continuation, 1);
                std::string dec;
                if (sasl_challenge && w_.visible(1) && decode_base64(T_.value(1), dec))
                    w_.tree().add_string(c, F::id(F::auth_challenge), w_.range(1), printable(dec));
            }
            return;
        }
        const std::size_t k = m_.has_number ? 2 : 1;
        if (!m_.has_number && is_status_word(m_.keyword)) {
            status(parent, k + 1);
            return;
        }
        const std::string& kw = m_.keyword;
        if (kw == "CAPABILITY") {
            for (std::size_t i = k + 1; i < T_.size(); ++i) w_.str(parent, F::capability, i);
        } else if (kw == "FLAGS") {
            list_items(parent, F::flag, k + 1);
        } else if (kw == "EXISTS" && m_.has_number) {
            w_.num(parent, F::exists, 1);
        } else if (kw == "RECENT" && m_.has_number) {
            w_.num(parent, F::recent, 1);
        } else if (kw == "EXPUNGE" && m_.has_number) {
            w_.num(parent, F::expunge, 1);
        } else if (kw == "LIST" || kw == "LSUB") {
            std::size_t i = k + 1;
            if (is_list(T_, i)) {
                list_items(parent, F::list_attribute, i);
                i = T_.skip(i);
            }
            if (!T_.is(i, TokenKind::Nil)) w_.str(parent, F::list_delimiter, i);
            w_.mailbox(parent, F::list_mailbox, i + 1);
        } else if (kw == "STATUS") {
            w_.mailbox(parent, F::status_mailbox, k + 1);
            status_items(parent, k + 2);
        } else if (kw == "SEARCH" || kw == "SORT") {
            for (std::size_t i = k + 1; i < T_.size(); ++i) w_.num(parent, F::search_result, i);
        } else if (kw == "ENABLED") {
            for (std::size_t i = k + 1; i < T_.size(); ++i) w_.str(parent, F::enabled, i);
        } else if (kw == "QUOTA") {
            w_.str(parent, F::quota_root, k + 1);
            const std::size_t open = k + 2;
            if (is_list(T_, open)) {
                const std::size_t end = T_.skip(open) - 1;
                for (std::size_t i = open + 1; i + 2 < end + 1 && i + 2 < T_.size(); i += 3) {
                    NodeRef r = w_.str(parent, F::quota_resource, i);
                    w_.num(r, F::quota_usage, i + 1);
                    w_.num(r, F::quota_limit, i + 2);
                }
            }
        } else if (kw == "QUOTAROOT") {
            w_.mailbox(parent, F::request_folder, k + 1);
            for (std::size_t i = k + 2; i < T_.size(); ++i) w_.str(parent, F::quota_root, i);
        } else if (kw == "FETCH" && m_.has_number) {
            w_.num(parent, F::fetch_msn, 1);
            fetch(parent, k + 1);
        }
    }

private:
    void list_items(NodeRef parent, F::Field f, std::size_t open) {
        if (!is_list(T_, open)) return;
        const std::size_t end = T_.skip(open) - 1;
        for (std::size_t i = open + 1; i < end && i < T_.size(); ++i)
            if (T_.tokens[i].kind != TokenKind::Open && T_.tokens[i].kind != TokenKind::Close) w_.str(parent, f, i);
    }

    // resp-text: [code args] text
    void status(NodeRef parent, std::size_t i) {
        if (T_.is(i, TokenKind::CodeOpen)) {
            const std::size_t close = T_.skip(i) - 1;
            const std::size_t name = i + 1;
            NodeRef code = w_.str(parent, F::resp_code, name);
            const std::string_view n = T_.value(name);
            for (std::size_t a = name + 1; a < close && a < T_.size(); ++a) {
                if (iequals(n, "UIDVALIDITY")) w_.num(code, F::code_uidvalidity, a);
                else if (iequals(n, "UIDNEXT")) w_.num(code, F::code_uidnext, a);
                else if (iequals(n, "UNSEEN")) w_.num(code, F::code_unseen, a);
                else if (iequals(n, "HIGHESTMODSEQ")) w_.num(code, F::code_highestmodseq, a);
                else if (iequals(n, "PERMANENTFLAGS")) {
                    if (T_.tokens[a].kind != TokenKind::Open && T_.tokens[a].kind != TokenKind::Close)
                        w_.str(code, F::code_permanentflag, a);
                } else if (iequals(n, "CAPABILITY")) w_.str(code, F::capability, a);
                else if (T_.tokens[a].kind != TokenKind::Open && T_.tokens[a].kind != TokenKind::Close)
                    w_.str(code, F::code_arg, a);
            }
            i = close + 1;
        }
        if (T_.is(i, TokenKind::Text)) w_.str(parent, F::response_text, i);
    }

    void status_items(NodeRef parent, std::size_t open) {
        if (!is_list(T_, open)) return;
        const std::size_t end = T_.skip(open) - 1;
        for (std::size_t i = open + 1; i + 1 < end + 1 && i + 1 < T_.size() && i < end; i += 2) {
            const std::string_view n = T_.value(i);
            if (iequals(n, "MESSAGES")) w_.num(parent, F::status_messages, i + 1);
            else if (iequals(n, "RECENT")) w_.num(parent, F::status_recent, i + 1);
            else if (iequals(n, "UIDNEXT")) w_.num(parent, F::status_uidnext, i + 1);
            else if (iequals(n, "UIDVALIDITY")) w_.num(parent, F::status_uidvalidity, i + 1);
            else if (iequals(n, "UNSEEN")) w_.num(parent, F::status_unseen, i + 1);
            else w_.str(parent, F::status_other, i, std::string(n) + " " + std::string(T_.value(i + 1)));
        }
    }

    void fetch(NodeRef parent, std::size_t open) {
        if (!is_list(T_, open)) return;
        const std::size_t end = T_.skip(open) - 1;
        std::size_t i = open + 1;
        while (i < end && i < T_.size()) {
            const std::string_view name = T_.value(i);
            const std::size_t v = i + 1;
            if (T_.tokens[i].kind != TokenKind::Atom) {
                i = T_.skip(i);
                continue;
            }
            if (iequals(name, "FLAGS")) list_items(parent, F::flag, v);
            else if (iequals(name, "UID")) w_.num(parent, F::fetch_uid, v);
            else if (iequals(name, "RFC822.SIZE")) w_.num(parent, F::fetch_size, v);
            else if (iequals(name, "INTERNALDATE")) w_.str(parent, F::fetch_internaldate, v);
            else if (iequals(name, "MODSEQ")) {
                if (is_list(T_, v)) w_.num(parent, F::fetch_modseq, v + 1);
            } else if (iequals(name, "ENVELOPE")) envelope(parent, v);
            else if (iequals(name, "BODYSTRUCTURE") || iequals(name, "BODY")) {
                NodeRef bs = w_.none(parent, F::bodystructure, v);
                body(bs, v, "", 0);
            } else if (section_item(name)) section(parent, i, v);
            else w_.str(parent, F::fetch_other, i);
            i = T_.skip(v);
        }
    }

    static bool section_item(std::string_view n) {
        auto starts = [&](std::string_view p) { return n.size() >= p.size() && iequals(n.substr(0, p.size()), p); };
        return starts("BODY[") || starts("BINARY[") || starts("BINARY.SIZE[") || starts("RFC822");
    }

    void section(NodeRef parent, std::size_t name, std::size_t v) {
        const Token* t = T_.at(v);
        if (!t) return;
        NodeRef s = w_.str(parent, F::fetch_section, name);
        if (!w_.visible(v)) return;
        ProtoTree& tree = w_.tree();
        if (t->kind == TokenKind::Literal) {
            tree.add_uint(s, F::id(F::literal_size), w_.range(v), t->literal_size);
            if (t->literal_binary) tree.add_bool(s, F::id(F::literal_binary), w_.range(v), true);
            if (t->carried) return;  // the message layer shows it
        }
        if (t->kind == TokenKind::Literal || t->kind == TokenKind::Quoted) {
            const std::string_view d = T_.value(v);
            NodeRef dn = tree.add_string(s, F::id(F::fetch_data), w_.range(v), d);
            if (tree.wants_labels()) {
                std::string lbl = "Section data (" +
                                  std::to_string(t->kind == TokenKind::Literal ? t->literal_size : d.size()) + " bytes";
                if (t->value_cut) lbl += ", first " + std::to_string(d.size()) + " shown";
                lbl += ")";
                tree.set_label(dn, lbl);
            }
        } else if (t->kind == TokenKind::Atom && iequals(T_.value(name).substr(0, 12), "BINARY.SIZE[")) {
            w_.num(s, F::literal_size, v);
        }
    }

    std::string address(std::size_t a) {
        // ( name adl mailbox host )
        const std::string_view name = nstr(T_, a + 1), mbox = nstr(T_, a + 3), host = nstr(T_, a + 4);
        std::string s;
        if (T_.is(a + 4, TokenKind::Nil)) {
            // RFC 2822 group syntax: start (mailbox = group name) or end (both NIL).
            return mbox.empty() ? std::string(";") : std::string(mbox) + ":";
        }
        const std::string spec = std::string(mbox) + "@" + std::string(host);
        if (!name.empty()) s = std::string(name) + " <" + spec + ">";
        else s = spec;
        return s;
    }

    void addresses(NodeRef parent, F::Field f, std::size_t i) {
        if (!is_list(T_, i)) return;
        const std::size_t end = T_.skip(i) - 1;
        for (std::size_t a = i + 1; a < end && a < T_.size(); a = T_.skip(a))
            if (is_list(T_, a)) w_.str(parent, f, a, address(a));
    }

    void nstring_field(NodeRef parent, F::Field f, std::size_t i) {
        if (T_.is(i, TokenKind::Nil) || i >= T_.size()) return;
        w_.str(parent, f, i);
    }

    void envelope(NodeRef parent, std::size_t open) {
        if (!is_list(T_, open)) return;
        NodeRef env = w_.none(parent, F::envelope, open);
        std::size_t i = open + 1;
        nstring_field(env, F::env_date, i);
        i = T_.skip(i);
        nstring_field(env, F::env_subject, i);
        i = T_.skip(i);
        static constexpr F::Field kLists[] = {F::env_from, F::env_sender, F::env_reply_to, F::env_to, F::env_cc, F::env_bcc};
        for (F::Field f : kLists) {
            addresses(env, f, i);
            i = T_.skip(i);
        }
        nstring_field(env, F::env_in_reply_to, i);
        i = T_.skip(i);
        nstring_field(env, F::env_message_id, i);
    }

    void body(NodeRef parent, std::size_t open, const std::string& part, int level) {
        if (!is_list(T_, open) || level > kMaxBodyLevels) return;
        ProtoTree& tree = w_.tree();
        const std::size_t first = open + 1;
        if (is_list(T_, first)) {
            // multipart: body+ subtype [extensions]
            std::size_t k = first;
            while (is_list(T_, k)) k = T_.skip(k);
            const std::string type = "multipart/" + std::string(T_.value(k));
            NodeRef node = w_.str(parent, F::bs_part, open, type);
            if (node.stored && node.index != parent.index && tree.wants_labels())
                tree.set_label(node, (part.empty() ? std::string("Body") : "Part " + part) + ": " + type);
            int n = 1;
            for (std::size_t c = first; is_list(T_, c); c = T_.skip(c), ++n)
                body(node, c, part.empty() ? std::to_string(n) : part + "." + std::to_string(n), level + 1);
            w_.str(node, F::bs_subtype, k);
            return;
        }
        const std::string p = part.empty() ? "1" : part;
        const std::string type = std::string(T_.value(first)) + "/" + std::string(T_.value(first + 1));
        NodeRef node = w_.str(parent, F::bs_part, open, type);
        if (node.stored && node.index != parent.index && tree.wants_labels()) tree.set_label(node, "Part " + p + ": " + type);
        w_.str(node, F::bs_type, first);
        w_.str(node, F::bs_subtype, first + 1);
        std::size_t i = first + 2;
        if (is_list(T_, i)) {
            const std::size_t end = T_.skip(i) - 1;
            for (std::size_t a = i + 1; a + 1 < end + 1 && a < end && a + 1 < T_.size(); a += 2)
                w_.str(node, F::bs_param, a, std::string(T_.value(a)) + "=" + std::string(T_.value(a + 1)));
        }
        i = T_.skip(i);
        nstring_field(node, F::bs_id, i);
        i = T_.skip(i);
        nstring_field(node, F::bs_description, i);
        i = T_.skip(i);
        nstring_field(node, F::bs_encoding, i);
        i = T_.skip(i);
        w_.num(node, F::bs_size, i);
        i = T_.skip(i);
        const std::string_view mt = T_.value(first);
        const std::string_view st = T_.value(first + 1);
        if (iequals(mt, "TEXT")) {
            w_.num(node, F::bs_lines, i);
            i = T_.skip(i);
        } else if (iequals(mt, "MESSAGE") && (iequals(st, "RFC822") || iequals(st, "GLOBAL"))) {
            envelope(node, i);
            i = T_.skip(i);
            body(node, i, p, level + 1);
            i = T_.skip(i);
            w_.num(node, F::bs_lines, i);
            i = T_.skip(i);
        }
        // Extension data: md5, then disposition ("attachment" (params)).
        const std::size_t end = T_.skip(open) - 1;
        if (i >= end) return;
        i = T_.skip(i);  // md5
        if (i < end && is_list(T_, i)) w_.str(node, F::bs_disposition, i + 1);
    }

    const TreeWindow& w_;
    const TokenList& T_;
    const ImapMessage& m_;
};

}  // namespace

void add_response_data(const TreeWindow& w, NodeRef parent, const ImapMessage& m, bool sasl_challenge) {
    ResponseTree(w, m).run(parent, sasl_challenge);
}

}  // namespace ms::imap
