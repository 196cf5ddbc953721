#include "ui/text_matcher.hpp"

#include <algorithm>
#include <cstdint>

#include "dissectors/filter/filter_regex.hpp"

namespace ms::ui {

namespace {

bool continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// The window a substring matcher searches: its carried tail plus the new
// chunk, and the same folded. One pair per thread, shared by every open
// message's matcher, so a matcher itself holds only its short tail however
// large the chunks are.
struct Scratch {
    std::string text, folded;
};
Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

// A substring, compared folded; keeps the last max(pattern - 1, context)
// bytes of each chunk so a hit split between two chunks is still seen and
// the snippet has its leading context.
class SubstringMatcher final : public TextMatcher {
public:
    explicit SubstringMatcher(const std::string& folded)
        : pattern_(folded), keep_(std::max(folded.size() - 1, kSnippetBefore)) {}

    void reset() override {
        carry_.clear();
        if (found_) settled_ = true;
    }
    void end() override { reset(); }

    void feed(std::string_view text) override {
        if (settled_ || text.empty()) return;
        if (found_) return take_after(text);
        Scratch& s = scratch();
        s.text.assign(carry_);
        s.text.append(text);
        fold_case(s.text, s.folded);
        const std::size_t pos = s.folded.find(pattern_);
        if (pos == std::string::npos) {
            carry_.assign(s.text, s.text.size() - std::min(keep_, s.text.size()));
            return;
        }
        found_ = true;
        const std::size_t from = pos > kSnippetBefore ? pos - kSnippetBefore : 0;
        snippet_.assign(s.text, from, pos + pattern_.size() - from);
        after_left_ = kSnippetAfter;
        carry_.clear();
        carry_.shrink_to_fit();
        take_after(std::string_view(s.text).substr(pos + pattern_.size()));
    }

private:
    // Context after the hit, possibly from the following chunks.
    void take_after(std::string_view text) {
        const std::size_t n = std::min(text.size(), after_left_);
        snippet_.append(text.substr(0, n));
        after_left_ -= n;
        if (after_left_ == 0) settled_ = true;
    }

    const std::string& pattern_;
    std::size_t keep_;
    std::string carry_;
    std::size_t after_left_ = 0;
};

// A regular expression, tried on each whole line (PCRE2 cannot resume a
// match in the next chunk without keeping the text, so lines are the
// unit: a line is short, a body is not).
class LineRegexMatcher final : public TextMatcher {
public:
    explicit LineRegexMatcher(const filter::Regex& regex) : regex_(regex) {}

    void reset() override { line_.clear(); }
    void end() override {
        if (!line_.empty()) test();
        reset();
    }

    void feed(std::string_view text) override {
        while (!settled_ && !text.empty()) {
            const std::size_t nl = text.find('\n');
            const std::size_t piece = nl == std::string_view::npos ? text.size() : nl;
            const std::size_t room = kMaxRegexLine - line_.size();
            if (piece >= room) {  // an overlong line: match what fits
                line_.append(text.substr(0, room));
                text.remove_prefix(room);
                test();
                continue;
            }
            line_.append(text.substr(0, piece));
            if (nl == std::string_view::npos) return;
            text.remove_prefix(nl + 1);
            test();
        }
    }

private:
    void test() {
        std::string_view line = line_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!found_ && regex_.search(line)) {
            found_ = settled_ = true;
            snippet_.assign(line.substr(0, kSnippetLine));
        }
        line_.clear();
    }

    const filter::Regex& regex_;
    std::string line_;
};

}  // namespace

void fold_case(std::string_view in, std::string& out) {
    out.resize(in.size());
    const std::size_t n = in.size();
    for (std::size_t i = 0; i < n;) {
        uint8_t a = static_cast<uint8_t>(in[i]);
        if (a < 0x80) {
            out[i++] = static_cast<char>(a >= 'A' && a <= 'Z' ? a + 32 : a);
            continue;
        }
        if ((a != 0xC3 && a != 0xCE && a != 0xD0) || i + 1 >= n || !continuation(static_cast<uint8_t>(in[i + 1]))) {
            out[i++] = static_cast<char>(a);
            continue;
        }
        // Two-byte capitals whose lower case is also two bytes.
        uint8_t b = static_cast<uint8_t>(in[i + 1]);
        if (a == 0xC3 && b <= 0x9E && b != 0x97) b += 0x20;                   // À-Þ (not ×)
        else if (a == 0xCE && b >= 0x91 && b <= 0x9F) b += 0x20;              // Α-Ο
        else if (a == 0xCE && b >= 0xA0 && b <= 0xAB && b != 0xA2) a = 0xCF, b -= 0x20;  // Π-Ϋ
        else if (a == 0xD0 && b >= 0x90 && b <= 0x9F) b += 0x20;              // А-П
        else if (a == 0xD0 && b >= 0xA0 && b <= 0xAF) a = 0xD1, b -= 0x20;    // Р-Я
        else if (a == 0xD0 && b <= 0x8F) a = 0xD1, b += 0x10;                 // Ѐ-Џ
        out[i] = static_cast<char>(a);
        out[i + 1] = static_cast<char>(b);
        i += 2;
    }
}

std::string TextMatcher::snippet() const {
    std::string_view s = snippet_;
    // Whole characters only: the context was cut by bytes.
    while (!s.empty() && continuation(static_cast<uint8_t>(s.front()))) s.remove_prefix(1);
    for (std::size_t back = 1; back <= 4 && back <= s.size(); ++back) {
        const uint8_t b = static_cast<uint8_t>(s[s.size() - back]);
        if (continuation(b)) continue;
        const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (len > back) s.remove_suffix(back);
        break;
    }
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

TextPattern::~TextPattern() = default;

std::unique_ptr<TextPattern> TextPattern::compile(std::string_view text, bool regex, std::string& error) {
    if (text.empty()) {
        error = "nothing to find";
        return nullptr;
    }
    if (text.size() > kMaxPatternBytes) {
        error = "the pattern is longer than " + std::to_string(kMaxPatternBytes) + " bytes";
        return nullptr;
    }
    std::unique_ptr<TextPattern> p(new TextPattern);
    if (regex) {
        p->regex_ = filter::Regex::compile(text, error);
        if (!p->regex_) return nullptr;
    } else {
        fold_case(text, p->folded_);
    }
    return p;
}

std::unique_ptr<TextMatcher> TextPattern::matcher() const {
    if (regex_) return std::make_unique<LineRegexMatcher>(*regex_);
    return std::make_unique<SubstringMatcher>(folded_);
}

}  // namespace ms::ui
