// The capture helper's messages to a person, kept together so they read
// alike (dumpcap's wording where it has one).
#pragma once

#include <string>

namespace ms {

inline constexpr const char* kHelperName = "mailscope-capture";

// This program's own path, for the setcap advice ("mailscope-capture" if
// it cannot be found).
std::string helper_executable_path();

// What to do when capturing needs privileges this process lacks.
std::string permission_message(const std::string& interface_name);

}  // namespace ms
