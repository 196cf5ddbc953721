// Runs the capture helper as a child process with its standard output and
// standard error on pipes. No shell is involved: arguments go to execv as
// they are, so a capture filter needs no quoting.
#pragma once

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ms {

class HelperProcess {
public:
    // Null with `error` set when the program cannot be started (including
    // when exec itself fails: that is reported here, not as an exit status).
    static std::unique_ptr<HelperProcess> spawn(const std::string& program, const std::vector<std::string>& args,
                                                std::string& error);
    // Closes the pipes; a child still running gets SIGTERM, then SIGKILL
    // if it has not exited within two seconds.
    ~HelperProcess();
    HelperProcess(const HelperProcess&) = delete;
    HelperProcess& operator=(const HelperProcess&) = delete;

    int stdout_fd() const { return out_fd_; }
    int stderr_fd() const { return err_fd_; }
    void close_stdout();
    void close_stderr();

    // Sends SIGTERM unless the child has been reaped. Safe from any thread.
    void terminate();
    // Waits for the child; returns its exit status, or 128 + the signal
    // that ended it. Later calls return the same value.
    int wait();
    // Waits at most `ms` milliseconds; true when reaped (wait() then
    // returns the status at once).
    bool wait_for(int ms);
    pid_t pid() const { return pid_; }

private:
    HelperProcess(pid_t pid, int out_fd, int err_fd) : pid_(pid), out_fd_(out_fd), err_fd_(err_fd) {}

    pid_t pid_;
    int out_fd_;
    int err_fd_;
    std::mutex mutex_;  // guards reaped_/status_ against terminate() from another thread
    bool reaped_ = false;
    int status_ = -1;
};

// The capture helper: next to the running program first, then on PATH.
// Empty when neither has it.
std::string find_capture_helper();

}  // namespace ms
