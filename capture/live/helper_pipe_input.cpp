#include "capture/live/helper_pipe_input.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ms {

bool HelperMessages::read_some() {
    if (fd_ < 0) return false;
    char buf[4096];
    ssize_t r;
    do {
        r = ::read(fd_, buf, sizeof buf);
    } while (r < 0 && errno == EINTR);
    if (r <= 0) {
        fd_ = -1;  // the process object owns and closes the descriptor
        return false;
    }
    append(buf, std::size_t(r));
    return true;
}

void HelperMessages::read_to_end() {
    while (read_some()) {
    }
}

void HelperMessages::append(const char* p, std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (forwarding_) {
        ssize_t ignored = ::write(STDERR_FILENO, p, n);
        (void)ignored;
    }
    std::size_t room = text_.size() < kMaxKept ? kMaxKept - text_.size() : 0;
    text_.append(p, n < room ? n : room);
}

void HelperMessages::start_forwarding() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (forwarding_) return;
    forwarding_ = true;
    if (!text_.empty()) {
        ssize_t ignored = ::write(STDERR_FILENO, text_.data(), text_.size());
        (void)ignored;
    }
}

std::string HelperMessages::text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
}

int64_t HelperPipeInput::read(uint8_t* dst, std::size_t n) {
    if (n == 0) return 0;
    for (;;) {
        pollfd fds[2] = {{fd_, POLLIN, 0}, {messages_->fd(), POLLIN, 0}};
        nfds_t count = messages_->ended() ? 1 : 2;
        int rc = ::poll(fds, count, -1);
        if (rc < 0) {
            if (errno == EINTR) continue;
            error_ = std::string("Error reading from the capture helper: ") + std::strerror(errno) + ".";
            return -1;
        }
        if (count == 2 && fds[1].revents) messages_->read_some();
        if (fds[0].revents) {
            ssize_t r;
            do {
                r = ::read(fd_, dst, n);
            } while (r < 0 && errno == EINTR);
            if (r < 0) {
                error_ = std::string("Error reading from the capture helper: ") + std::strerror(errno) + ".";
                return -1;
            }
            return r;
        }
    }
}

}  // namespace ms
