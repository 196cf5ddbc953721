#include "received.hpp"

#include "date_time.hpp"
#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
using ms::mime::iequals;
using ms::mime::is_space;
using ms::mime::trim;

bool is_clause_keyword(std::string_view w) {
    for (std::string_view k : {"from", "by", "via", "with", "id", "for"})
        if (iequals(w, k)) return true;
    return false;
}

// Reads the address and the reverse name out of a from-clause comment, in
// the shapes Postfix, Sendmail and Exim write: "(rdns [ip])",
// "(rdns [ip] helo=x)", "([ip] helo=x)", "(ip)".
void parse_from_comment(std::string_view c, ReceivedInfo& r) {
    auto lb = c.find('[');
    if (lb != std::string_view::npos) {
        auto rb = c.find(']', lb);
        if (rb != std::string_view::npos) {
            std::string_view ip = c.substr(lb + 1, rb - lb - 1);
            if (ms::mime::istarts_with(ip, "IPv6:")) ip.remove_prefix(5);
            r.ip = std::string(ip);
        }
    }
    std::string_view first = trim(c.substr(0, lb == std::string_view::npos ? c.size() : lb));
    auto sp = first.find_first_of(" \t");
    if (sp != std::string_view::npos) first = first.substr(0, sp);
    if (!first.empty() && first.find('=') == std::string_view::npos) {
        bool v4 = first.find_first_not_of("0123456789.") == std::string_view::npos && first.find('.') != std::string_view::npos;
        bool v6 = first.find(':') != std::string_view::npos &&
                  first.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
        bool looks_ip = v4 || v6;
        if (looks_ip && r.ip.empty()) r.ip = std::string(first);
        else if (!looks_ip && first != "unknown") r.rdns = std::string(first);
    }
    auto helo = c.find("helo=");
    if (helo == std::string_view::npos) helo = c.find("HELO=");
    if (helo != std::string_view::npos) {
        std::string_view h = c.substr(helo + 5);
        auto end = h.find_first_of(" \t)]");
        // Exim's shape, "from NAME ([ip] helo=HELO)": the word before the
        // comment is the verified name (or the address), the HELO is here.
        if (!r.helo.empty()) {
            std::string_view word = r.helo;
            if (word.size() >= 2 && word.front() == '[' && word.back() == ']') {
                if (r.ip.empty()) r.ip = std::string(word.substr(1, word.size() - 2));
            } else if (r.rdns.empty()) {
                r.rdns = std::string(word);
            }
        }
        r.helo = std::string(h.substr(0, end));
    }
}
}  // namespace

ReceivedInfo parse_received(std::string_view v) {
    ReceivedInfo r;
    // The date follows the last ';' outside comments.
    std::size_t semi = std::string_view::npos;
    int depth = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '\\') { ++i; continue; }
        if (c == '(') ++depth;
        else if (c == ')' && depth > 0) --depth;
        else if (c == ';' && depth == 0) semi = i;
    }
    std::string_view clauses = v;
    if (semi != std::string_view::npos) {
        r.date_text = std::string(trim(v.substr(semi + 1)));
        clauses = v.substr(0, semi);
        if (auto d = parse_date_time(r.date_text)) r.date_ns = d->utc_ns;
    }
    // Walk words and comments; a keyword outside comments starts a clause.
    std::string* target = nullptr;
    std::string_view key;
    std::size_t i = 0;
    auto append = [&](std::string_view text) {
        if (!target) return;
        if (!target->empty()) *target += ' ';
        *target += text;
    };
    while (i < clauses.size()) {
        char c = clauses[i];
        if (is_space(c)) { ++i; continue; }
        if (c == '(') {
            std::size_t b = i;
            depth = 0;
            while (i < clauses.size()) {
                char d = clauses[i++];
                if (d == '\\') { ++i; continue; }
                if (d == '(') ++depth;
                else if (d == ')' && --depth == 0) break;
            }
            std::string_view comment = clauses.substr(b, std::min(i, clauses.size()) - b);
            if (iequals(key, "from")) {
                append(comment);
                if (comment.size() >= 2) parse_from_comment(comment.substr(1, comment.size() - 2), r);
            }
            continue;
        }
        std::size_t b = i;
        while (i < clauses.size() && !is_space(clauses[i]) && clauses[i] != '(') ++i;
        std::string_view word = clauses.substr(b, i - b);
        if (is_clause_keyword(word)) {
            key = word;
            if (iequals(word, "from")) target = &r.from;
            else if (iequals(word, "by")) target = &r.by;
            else if (iequals(word, "via")) target = &r.via;
            else if (iequals(word, "with")) target = &r.with;
            else if (iequals(word, "id")) target = &r.id;
            else target = &r.for_addr;
            continue;
        }
        if (iequals(key, "from") && r.helo.empty() && target && target->empty()) r.helo = std::string(word);
        append(word);
    }
    if (r.for_addr.size() >= 2 && r.for_addr.front() == '<' && r.for_addr.back() == '>')
        r.for_addr = r.for_addr.substr(1, r.for_addr.size() - 2);
    return r;
}

}  // namespace ms::imf
