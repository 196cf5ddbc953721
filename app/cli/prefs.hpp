// -o name:value onto ms::Limits (the names are the comments in
// dissectors/core/limits.hpp), and -G defaultprefs listing them.
#pragma once

#include <string>

#include "dissectors/core/limits.hpp"

namespace ms::cli {

// False with `error` set for an unknown name or a value that is not a
// non-negative integer in range.
bool apply_pref(Limits& limits, const std::string& name, const std::string& value, std::string& error);
// In tshark's preferences-file layout: "# comment", "#name: default".
void append_default_prefs(std::string& out);

}  // namespace ms::cli
