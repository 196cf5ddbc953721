#include "capture/live/helper_process.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace ms {

namespace {

constexpr const char* kHelperProgram = "mailscope-capture";

bool is_executable_file(const std::string& path) {
    return !path.empty() && access(path.c_str(), X_OK) == 0;
}

int decode_status(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
}

}  // namespace

std::string find_capture_helper() {
    char self[PATH_MAX] = {};
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string dir(self, std::size_t(n));
        std::size_t slash = dir.rfind('/');
        if (slash != std::string::npos) {
            std::string candidate = dir.substr(0, slash + 1);
            candidate.append(kHelperProgram);
            if (is_executable_file(candidate)) return candidate;
        }
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t colon = dirs.find(':', start);
        if (colon == std::string::npos) colon = dirs.size();
        std::string dir = dirs.substr(start, colon - start);
        if (dir.empty()) dir.assign(1, '.');
        std::string candidate = dir + "/" + kHelperProgram;
        if (is_executable_file(candidate)) return candidate;
        start = colon + 1;
    }
    return {};
}

std::unique_ptr<HelperProcess> HelperProcess::spawn(const std::string& program, const std::vector<std::string>& args,
                                                    std::string& error) {
    int out[2], err[2], exec_report[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return nullptr;
    }
    if (pipe2(err, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe: ") + std::strerror(errno);
        close(out[0]), close(out[1]);
        return nullptr;
    }
    // Closed by a successful exec; carries errno when exec fails.
    if (pipe2(exec_report, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe: ") + std::strerror(errno);
        close(out[0]), close(out[1]), close(err[0]), close(err[1]);
        return nullptr;
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        error = std::string("cannot start ") + program + ": " + std::strerror(errno);
        for (int fd : {out[0], out[1], err[0], err[1], exec_report[0], exec_report[1]}) close(fd);
        return nullptr;
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls from here to exec.
        // The helper must not outlive the analyzer (an orphan would capture
        // on forever), nor inherit its other descriptors (files, locks).
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) _exit(127);  // the parent died before prctl
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        signal(SIGPIPE, SIG_DFL);
        execv(program.c_str(), argv.data());
        int e = errno;
        ssize_t ignored = write(exec_report[1], &e, sizeof e);
        (void)ignored;
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    close(exec_report[1]);
    int exec_errno = 0;
    ssize_t got;
    do {
        got = read(exec_report[0], &exec_errno, sizeof exec_errno);
    } while (got < 0 && errno == EINTR);
    close(exec_report[0]);
    std::unique_ptr<HelperProcess> p(new HelperProcess(pid, out[0], err[0]));
    if (got == ssize_t(sizeof exec_errno)) {
        error = "cannot run " + program + ": " + std::strerror(exec_errno);
        p->wait();
        return nullptr;
    }
    return p;
}

void HelperProcess::close_stdout() {
    if (out_fd_ >= 0) close(out_fd_);
    out_fd_ = -1;
}

void HelperProcess::close_stderr() {
    if (err_fd_ >= 0) close(err_fd_);
    err_fd_ = -1;
}

void HelperProcess::terminate() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reaped_) kill(pid_, SIGTERM);
}

int HelperProcess::wait() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (reaped_) return status_;
    }
    int raw = 0;
    pid_t r;
    do {
        r = waitpid(pid_, &raw, 0);
    } while (r < 0 && errno == EINTR);
    std::lock_guard<std::mutex> lock(mutex_);
    reaped_ = true;
    status_ = r == pid_ ? decode_status(raw) : -1;
    return status_;
}

bool HelperProcess::wait_for(int ms) {
    for (int waited = 0;; waited += 10) {
        int raw = 0;
        pid_t r = waitpid(pid_, &raw, WNOHANG);
        if (r == pid_ || (r < 0 && errno != EINTR)) {
            std::lock_guard<std::mutex> lock(mutex_);
            reaped_ = true;
            status_ = r == pid_ ? decode_status(raw) : -1;
            return true;
        }
        if (waited >= ms) return false;
        timespec ten_ms{0, 10'000'000};
        nanosleep(&ten_ms, nullptr);
    }
}

HelperProcess::~HelperProcess() {
    close_stdout();
    close_stderr();
    bool reaped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        reaped = reaped_;
    }
    if (reaped) return;
    terminate();
    if (!wait_for(2000)) {
        kill(pid_, SIGKILL);
        wait();
    }
}

}  // namespace ms
