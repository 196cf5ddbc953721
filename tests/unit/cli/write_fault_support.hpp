// Helpers for the write-fault tests: run mailscope-cli as if the disk were
// full (a file-size rlimit, SIGXFSZ ignored so writes fail with EFBIG the
// way they fail with ENOSPC on a full disk), scratch folders, and a small
// SMTP capture built from text.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/run_command.hpp"

namespace ms::test {

// Runs `cmd` with /bin/sh, no regular file it writes may exceed
// `max_file_bytes`. Standard output and standard error are returned
// together (a pipe: the limit does not apply to them).
CommandResult run_with_file_size_limit(const std::string& cmd, uint64_t max_file_bytes);

// A program started with the same file-size limit, its standard error read
// while it runs (for programs that say when they are ready).
class LimitedProcess {
public:
    LimitedProcess(const std::vector<std::string>& argv, uint64_t max_file_bytes);
    ~LimitedProcess();  // kills the program if it still runs
    LimitedProcess(const LimitedProcess&) = delete;
    LimitedProcess& operator=(const LimitedProcess&) = delete;

    bool started() const { return pid_ > 0; }
    // Reads standard error until it holds `needle` or `timeout_ms` passes.
    bool wait_for(const std::string& needle, int timeout_ms);
    // Waits up to `timeout_ms` for the exit (then kills it): the exit
    // status, or -1 when it did not exit by itself.
    int finish(int timeout_ms);
    const std::string& stderr_text() const { return err_; }

private:
    void read_some(int timeout_ms);
    int pid_ = -1;
    int fd_ = -1;
    std::string err_;
};

// A fresh folder under /tmp, removed with everything in it.
struct ScratchFolder {
    std::filesystem::path path;
    ScratchFolder();
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
};

std::string read_whole_file(const std::filesystem::path& p);
void write_whole_file(const std::filesystem::path& p, const std::string& bytes);
// Every entry under `dir` (recursively), relative to it, sorted; symlinks
// are listed, not followed.
std::vector<std::string> tree_of(const std::filesystem::path& dir);
// File name -> contents of the regular files directly in `dir`.
std::map<std::string, std::string> files_in(const std::filesystem::path& dir);

// A pcap (Ethernet, IPv4) of one SMTP session on port 25 that sends
// `message` (already dot-stuffed, without the final ".") with DATA.
void write_smtp_capture(const std::filesystem::path& path, const std::string& message);

}  // namespace ms::test
