#include "capture/source/byte_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "capture/source/capture_messages.hpp"

namespace ms {

FileInput::FileInput(int fd, bool owns_fd, std::string path)
    : fd_(fd), owns_fd_(owns_fd), path_(std::move(path)) {}

FileInput::~FileInput() {
    if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

std::unique_ptr<FileInput> FileInput::open(const std::string& path, std::string& error) {
    if (path == "-") return std::unique_ptr<FileInput>(new FileInput(STDIN_FILENO, false, path));
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = capture_msg::open_failed(path, errno);
        return nullptr;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        error = capture_msg::open_failed(path, EISDIR);
        return nullptr;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);  // a hint; failure is harmless
#endif
    return std::unique_ptr<FileInput>(new FileInput(fd, true, path));
}

int64_t FileInput::read_fd(uint8_t* dst, std::size_t n) {
    for (;;) {
        ssize_t r = ::read(fd_, dst, n);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        error_ = capture_msg::read_failed(path_, errno);
        return -1;
    }
}

int64_t FileInput::read(uint8_t* dst, std::size_t n) {
    if (n == 0) return 0;
    if (pushback_pos_ < pushback_len_) {
        std::size_t k = pushback_len_ - pushback_pos_;
        if (k > n) k = n;
        std::memcpy(dst, pushback_ + pushback_pos_, k);
        pushback_pos_ += k;
        return int64_t(k);
    }
    return read_fd(dst, n);
}

int64_t FileInput::peek(uint8_t* dst, std::size_t n) {
    if (n > kMaxPeek) n = kMaxPeek;
    // Keep what is already pushed back, then top it up from the descriptor.
    if (pushback_pos_ > 0) {
        std::memmove(pushback_, pushback_ + pushback_pos_, pushback_len_ - pushback_pos_);
        pushback_len_ -= pushback_pos_;
        pushback_pos_ = 0;
    }
    while (pushback_len_ < n) {
        int64_t r = read_fd(pushback_ + pushback_len_, n - pushback_len_);
        if (r < 0) return -1;
        if (r == 0) break;
        pushback_len_ += std::size_t(r);
    }
    std::size_t k = pushback_len_ < n ? pushback_len_ : n;
    std::memcpy(dst, pushback_, k);
    return int64_t(k);
}

}  // namespace ms
