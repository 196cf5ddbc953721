#include "dissectors/filter/display_filter.hpp"

#include "dissectors/filter/filter_program.hpp"
#include "dissectors/filter/filter_syntax.hpp"

namespace ms {

DisplayFilter::DisplayFilter(std::unique_ptr<filter::Program> program) : program_(std::move(program)) {}
DisplayFilter::~DisplayFilter() = default;

std::unique_ptr<DisplayFilter> DisplayFilter::compile(std::string_view text, FilterError& error) {
    error = FilterError{};
    std::unique_ptr<filter::Syntax> syntax;
    if (!filter::parse_filter(text, syntax, error)) return nullptr;
    auto program = filter::compile_program(text, syntax.get(), error);
    if (!program) return nullptr;
    return std::unique_ptr<DisplayFilter>(new DisplayFilter(std::move(program)));
}

const std::vector<FieldId>& DisplayFilter::fields() const { return program_->fields; }

bool DisplayFilter::matches(const FrameContext& ctx) const { return filter::evaluate(*program_->root, ctx); }

const std::string& DisplayFilter::text() const { return program_->text; }

}  // namespace ms
