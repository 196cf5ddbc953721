// Finding a pattern in decoded text that arrives in chunks (a body decoded
// line by line, a header line): a case-insensitive substring, or a PCRE2
// regular expression applied line by line. Each matcher remembers only
// its first hit and a short snippet around it, never the text itself.
// Qt-free.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ms::filter {
class Regex;
}

namespace ms::ui {

// Bytes of context the snippet shows before and after a substring hit.
inline constexpr std::size_t kSnippetBefore = 40;
inline constexpr std::size_t kSnippetAfter = 60;
// A regex hit shows its line, cut to this many bytes.
inline constexpr std::size_t kSnippetLine = 160;
// A regex sees lines up to this long; a longer line is matched in pieces
// (a hit across two pieces is missed), which bounds memory on hostile text.
inline constexpr std::size_t kMaxRegexLine = 4096;
// Longest pattern accepted (its overlap is kept per open message).
inline constexpr std::size_t kMaxPatternBytes = 1024;

// Folds UTF-8 for case-insensitive comparison without changing lengths:
// ASCII letters, Latin-1 (À-Þ), Greek and basic Cyrillic capitals become
// lower case; everything else is copied. `out` is resized to in.size().
// A character split at the end of `in` is copied as is.
void fold_case(std::string_view in, std::string& out);

// One text stream's search state. Feed the text of one item (a header
// line, a part's body) with feed(), then end(); reset() starts the next
// item, so no match spans two. The first hit is kept.
class TextMatcher {
public:
    virtual ~TextMatcher() = default;
    virtual void reset() = 0;
    virtual void feed(std::string_view utf8) = 0;
    virtual void end() = 0;

    bool found() const { return found_; }
    // True once a hit's snippet is complete: feeding more is wasted work.
    bool settled() const { return found_ && settled_; }
    // The text around the first hit, whitespace runs shown as one space,
    // whole UTF-8 characters only.
    std::string snippet() const;

protected:
    bool found_ = false;
    bool settled_ = false;
    std::string snippet_;  // raw bytes around the hit
};

// What the user asked for, compiled once; hands out a matcher per text
// stream (messages interleave across connections, each needs its own).
class TextPattern {
public:
    // nullptr + error for an empty or too long pattern or a bad regex.
    static std::unique_ptr<TextPattern> compile(std::string_view text, bool regex, std::string& error);
    ~TextPattern();
    TextPattern(const TextPattern&) = delete;
    TextPattern& operator=(const TextPattern&) = delete;

    // The matchers borrow the compiled pattern: they must not outlive it,
    // and (PCRE2 match data being shared) are used from one thread.
    std::unique_ptr<TextMatcher> matcher() const;

private:
    TextPattern() = default;
    std::string folded_;                  // substring search: the folded pattern
    std::unique_ptr<filter::Regex> regex_;  // or the regular expression
};

}  // namespace ms::ui
