// A message's HTML body turned into plain text for reading, never rendered:
// nothing the HTML names (images, style sheets, frames, links) is fetched
// because nothing is interpreted beyond dropping markup. Streaming, so a
// tag or an entity split between two pieces of a part comes out whole, and
// bounded: the output stops at a cap and the state kept between pieces is
// a few dozen bytes whatever the input. Qt-free.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ms::ui {

class HtmlToText {
public:
    explicit HtmlToText(std::size_t max_output = 1u << 20) : max_(max_output) {}

    // UTF-8 HTML, split anywhere.
    void feed(std::string_view html);
    // End of input: an unfinished entity is written as it stood, an
    // unterminated tag is dropped. Returns the text.
    const std::string& finish();

    const std::string& text() const { return out_; }
    // The output reached max_output: the rest of the input was ignored.
    bool truncated() const { return truncated_; }

private:
    enum class State { Text, TagOpen, Tag, TagQuoted, Comment, Entity, Skip };

    void step(char c);
    void end_tag();
    void end_entity(bool terminated);
    void emit_char(char c);
    void emit_text(std::string_view s);
    void emit_codepoint(unsigned long cp);
    void emit_space();
    void emit_break();
    bool room(std::size_t n);

    std::size_t max_;
    std::string out_;
    bool truncated_ = false;
    State state_ = State::Text;
    // The current tag's first bytes: its name is all that is read.
    std::string tag_;
    bool tag_after_equals_ = false;
    char quote_ = 0;
    std::string entity_;
    // Inside <script>/<style>/<title>: everything up to its end tag is
    // dropped; skip_end_ is "</script" and matched_ how much of it was seen.
    std::string skip_end_;
    std::size_t matched_ = 0;
    int comment_dashes_ = 0;
    bool pending_space_ = false;
    int trailing_breaks_ = 2;  // at the start, as after a paragraph: no leading blank lines
};

// The whole of `html` as text, at most max_output bytes.
std::string html_to_text(std::string_view html, std::size_t max_output = 1u << 20);

}  // namespace ms::ui
