// Runs a shell command and returns its standard output (tests only).
#pragma once

#include <string>

namespace ms::test {

struct CommandResult {
    std::string out;
    int status = -1;  // exit status, or -1 when it did not exit normally
};

CommandResult run_command(const std::string& cmd);
bool have_program(const std::string& name);
std::string shell_quote(const std::string& s);

}  // namespace ms::test
