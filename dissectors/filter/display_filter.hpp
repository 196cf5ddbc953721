// Display filters: Wireshark's filter language (as tshark 4.0 reads it) over
// the field registry. One engine for mailscope-cli -Y / -2 -R, the GUI's
// filter bar and anything else that selects frames.
//
//   ms::FilterError err;
//   auto f = ms::DisplayFilter::compile("smtp.req.command == \"MAIL\"", err);
//   if (!f) { std::cerr << ms::format_filter_error("mailscope", text, err); ... }
//   ctx.tree.keep_only(f->fields());   // a -Y-only run stores just these
//   ... dissect ... if (f->matches(ctx)) ...
//
// The text is compiled once: names are resolved to FieldIds and literals are
// converted to the type of the field they meet, so matches() only walks the
// tree. A compiled filter keeps scratch buffers between calls (that is how
// evaluation avoids allocating), so use one DisplayFilter per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/field.hpp"
#include "dissectors/core/frame_context.hpp"

namespace ms {

// What went wrong, in tshark's wording, and where: [start, start+length) of
// the filter text. length == 0 means tshark shows no position for it
// ("Unexpected end of filter expression.").
struct FilterError {
    std::string message;
    std::size_t start = 0, length = 0;
};

namespace filter {
struct Program;  // the compiled form (filter_program.hpp)
}

class DisplayFilter {
public:
    // Compiles once to a small program. nullptr + error on failure. An empty
    // (all-blank) text compiles to a filter that matches every frame.
    static std::unique_ptr<DisplayFilter> compile(std::string_view text, FilterError& error);

    ~DisplayFilter();
    DisplayFilter(const DisplayFilter&) = delete;
    DisplayFilter& operator=(const DisplayFilter&) = delete;

    // Every field the filter reads, each once, including protocols tested for
    // existence or sliced (so a caller can keep_only() them in the tree).
    const std::vector<FieldId>& fields() const;

    // Evaluates on the frame's tree and data sources.
    bool matches(const FrameContext& ctx) const;

    const std::string& text() const;

private:
    explicit DisplayFilter(std::unique_ptr<filter::Program> program);
    std::unique_ptr<filter::Program> program_;
};

// tshark-style multi-line error text:
//   "<program>: <message>\n    <filter>\n    <spaces>^~~~~\n"
// (only the first line when the error has no position).
std::string format_filter_error(std::string_view program, std::string_view filter, const FilterError& e);

// Registered filter names starting with `prefix`, sorted, at most `max` of
// them (for the GUI's completer and shell completion).
std::vector<std::string> complete_field_names(std::string_view prefix, std::size_t max);

}  // namespace ms
