#include "ui/html_to_text.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace ms::ui {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// A tag's name is what follows "<" or "</" up to the first character that
// cannot be in one; longer names are no tag this pass cares about.
constexpr std::size_t kTagKeep = 32;
// "&" and the longest entity name or number worth waiting for.
constexpr std::size_t kEntityKeep = 10;

// The entities mail HTML actually uses; anything else stays as written.
constexpr std::array<std::pair<std::string_view, unsigned long>, 20> kNamed{{
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},  {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"euro", 0x20AC},   {"laquo", 0xAB},    {"raquo", 0xBB},    {"bull", 0x2022},
}};

// Elements whose content is never text a reader should see.
bool skips_content(std::string_view name) {
    return name == "script" || name == "style" || name == "title" || name == "template";
}

// Elements that start a new line where they open or close (once: "</div><div>"
// is one line break, as a browser shows it).
bool breaks_line(std::string_view name) {
    static constexpr std::string_view kNames[] = {"div", "li", "tr", "ul", "ol", "table", "hr",
                                                  "pre", "section", "article", "header", "footer", "dt", "dd"};
    for (auto n : kNames)
        if (n == name) return true;
    return false;
}

// Elements that stand apart as paragraphs (a blank line around them).
bool breaks_paragraph(std::string_view name) {
    return name == "p" || name == "blockquote" || (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
}

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0xC0) return 1;  // ASCII or a continuation byte (its lead reserved room for it)
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

}  // namespace

void HtmlToText::feed(std::string_view html) {
    for (char c : html) {
        if (truncated_) return;
        step(c);
    }
}

const std::string& HtmlToText::finish() {
    switch (state_) {
        case State::Entity: end_entity(false); break;
        case State::TagOpen: emit_char('<'); break;
        default: break;  // an unterminated tag, comment or script is dropped
    }
    state_ = State::Text;
    tag_.clear();
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    return out_;
}

void HtmlToText::step(char c) {
    switch (state_) {
        case State::Text:
            if (c == '<') state_ = State::TagOpen;
            else if (c == '&') state_ = State::Entity, entity_.clear();
            else if (is_space(c)) emit_space();
            else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) emit_char(c);
            return;
        case State::TagOpen:
            // "a < b" is text: only a letter, "/", "!" or "?" opens markup.
            if (is_alpha(c) || c == '/' || c == '!' || c == '?') {
                state_ = State::Tag;
                tag_.assign(1, c);
                tag_after_equals_ = false;
            } else {
                emit_char('<');
                state_ = State::Text;
                step(c);
            }
            return;
        case State::Tag:
            if (c == '>') return end_tag();
            if ((c == '"' || c == '\'') && tag_after_equals_) {
                // Only a quote that opens an attribute value hides a '>':
                // a stray one (<a href=x'y>) must not swallow the text.
                quote_ = c;
                state_ = State::TagQuoted;
                return;
            }
            if (c == '=') tag_after_equals_ = true;
            else if (!is_space(c)) tag_after_equals_ = false;
            if (tag_.size() < kTagKeep) tag_ += c;
            if (tag_ == "!--") state_ = State::Comment, comment_dashes_ = 0;
            return;
        case State::TagQuoted:
            if (c == quote_) state_ = State::Tag, tag_after_equals_ = false;
            return;
        case State::Comment:
            if (c == '-') ++comment_dashes_;
            else if (c == '>' && comment_dashes_ >= 2) state_ = State::Text, tag_.clear();
            else comment_dashes_ = 0;
            return;
        case State::Entity:
            if (c == ';') return end_entity(true);
            if ((is_alnum(c) || (c == '#' && entity_.empty())) && entity_.size() < kEntityKeep) {
                entity_ += c;
                return;
            }
            end_entity(false);
            step(c);
            return;
        case State::Skip:
            if (lower(c) == skip_end_[matched_]) {
                if (++matched_ == skip_end_.size()) {
                    // "</script" seen: read the rest of the end tag as a tag.
                    state_ = State::Tag;
                    tag_ = skip_end_.substr(1);
                    tag_after_equals_ = false;
                }
            } else {
                matched_ = c == '<' ? 1 : 0;
            }
            return;
    }
}

void HtmlToText::end_tag() {
    state_ = State::Text;
    const bool closing = !tag_.empty() && tag_[0] == '/';
    std::string name;
    for (std::size_t i = closing ? 1 : 0; i < tag_.size() && is_alnum(tag_[i]); ++i) name += lower(tag_[i]);
    tag_.clear();
    if (!closing && skips_content(name)) {
        skip_end_ = "</" + name;
        matched_ = 0;
        state_ = State::Skip;
        return;
    }
    if (name == "br") {
        emit_break();  // every <br> is a line of its own
    } else if (breaks_paragraph(name)) {
        emit_break();
        emit_break();
    } else if (breaks_line(name)) {
        if (trailing_breaks_ == 0) emit_break();
    } else if (name == "td" || name == "th") {
        emit_space();
    }
}

void HtmlToText::end_entity(bool terminated) {
    state_ = State::Text;
    if (terminated && entity_.size() > 1 && entity_[0] == '#') {
        const bool hex = entity_[1] == 'x' || entity_[1] == 'X';
        unsigned long cp = 0;
        bool digits = false, ok = true;
        for (std::size_t i = hex ? 2 : 1; i < entity_.size() && ok; ++i) {
            const char d = lower(entity_[i]);
            const int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
            if (v < 0) ok = false;
            else cp = cp * (hex ? 16 : 10) + unsigned(v), digits = true;  // at most 9 digits: no overflow
        }
        if (ok && digits) return emit_codepoint(cp);
    } else if (terminated) {
        for (const auto& [name, cp] : kNamed)
            if (name == entity_) return emit_codepoint(cp);
    }
    // Not an entity this pass knows: shown as written.
    emit_char('&');
    for (char c : entity_) emit_char(c);
    if (terminated) emit_char(';');
}

bool HtmlToText::room(std::size_t n) {
    if (truncated_) return false;
    if (out_.size() + n > max_) {
        truncated_ = true;
        return false;
    }
    return true;
}

void HtmlToText::emit_char(char c) {
    const std::size_t space = pending_space_ ? 1 : 0;
    if (!room(space + utf8_length(static_cast<unsigned char>(c)))) return;
    if (pending_space_) out_ += ' ';
    out_ += c;
    pending_space_ = false;
    trailing_breaks_ = 0;
}

void HtmlToText::emit_text(std::string_view s) {
    const std::size_t space = pending_space_ ? 1 : 0;
    if (!room(space + s.size())) return;
    if (pending_space_) out_ += ' ';
    out_ += s;
    pending_space_ = false;
    trailing_breaks_ = 0;
}

void HtmlToText::emit_codepoint(unsigned long cp) {
    if (cp == '\n') return emit_break();
    if (cp == '\t' || cp == '\r' || cp == ' ') return emit_space();
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return;  // controls: nothing to read
    if (cp == 0xA0) cp = ' ';  // a space that is not collapsed
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    char buf[4];
    std::size_t n;
    if (cp < 0x80) buf[0] = char(cp), n = 1;
    else if (cp < 0x800) buf[0] = char(0xC0 | cp >> 6), buf[1] = char(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        buf[0] = char(0xE0 | cp >> 12), buf[1] = char(0x80 | ((cp >> 6) & 0x3F)), buf[2] = char(0x80 | (cp & 0x3F)), n = 3;
    else
        buf[0] = char(0xF0 | cp >> 18), buf[1] = char(0x80 | ((cp >> 12) & 0x3F)),
        buf[2] = char(0x80 | ((cp >> 6) & 0x3F)), buf[3] = char(0x80 | (cp & 0x3F)), n = 4;
    emit_text(std::string_view(buf, n));
}

void HtmlToText::emit_space() {
    if (trailing_breaks_ == 0) pending_space_ = true;
}

void HtmlToText::emit_break() {
    pending_space_ = false;
    if (trailing_breaks_ >= 2 || !room(1)) return;
    out_ += '\n';
    ++trailing_breaks_;
}

std::string html_to_text(std::string_view html, std::size_t max_output) {
    HtmlToText h(max_output);
    h.feed(html);
    return h.finish();
}

}  // namespace ms::ui
