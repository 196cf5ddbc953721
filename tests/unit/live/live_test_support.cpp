#include "unit/live/live_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "capture/source/frame_source.hpp"

namespace ms::test {

std::string capture_helper_path() { return MAILSCOPE_CAPTURE; }

std::string test_line(int n) { return "mailscope-live-test line " + std::to_string(n); }

LoopbackListener::LoopbackListener() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 4) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        close(fd_);
        fd_ = -1;
        return;
    }
    port_ = ntohs(a.sin_port);
}

LoopbackListener::~LoopbackListener() {
    if (fd_ >= 0) close(fd_);
}

bool LoopbackListener::exchange(int lines, int line_bytes, int gap_ms) {
    int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port_);
    int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(client, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(client);
        return false;
    }
    int server = accept(fd_, nullptr, nullptr);
    bool ok = server >= 0;
    timeval tv{2, 0};
    if (ok) setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    for (int i = 1; ok && i <= lines; ++i) {
        std::string line = test_line(i);
        if (line_bytes > int(line.size()) + 1) line.resize(std::size_t(line_bytes - 1), '.');
        line += "\n";
        ok = send(client, line.data(), line.size(), MSG_NOSIGNAL) == ssize_t(line.size());
        std::size_t got = 0;
        char buf[4096];
        while (ok && got < line.size()) {
            ssize_t r = recv(server, buf, sizeof buf, 0);
            ok = r > 0;
            if (ok) got += std::size_t(r);
        }
        if (gap_ms) std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
    }
    close(client);
    if (server >= 0) close(server);
    return ok;
}

std::string read_until(int fd, const std::string& needle, int timeout_ms) {
    std::string text;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (text.find(needle) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, int(left.count())) <= 0) break;
        char buf[1024];
        ssize_t r = read(fd, buf, sizeof buf);
        if (r <= 0) break;
        text.append(buf, std::size_t(r));
    }
    return text;
}

ReadBack read_capture(const std::filesystem::path& file) {
    ReadBack rb;
    std::string error;
    auto src = open_capture(file.string(), error);
    if (!src) {
        rb.error = error;
        return rb;
    }
    rb.format = src->format_name();
    RawFrame f;
    ReadStatus s;
    while ((s = src->next(f)) == ReadStatus::Frame) {
        ++rb.frames;
        rb.all_bytes.append(reinterpret_cast<const char*>(f.data.data()), f.data.size());
    }
    if (s == ReadStatus::Error) rb.error = src->error();
    for (const InterfaceInfo& i : src->interfaces()) rb.interface_names.push_back(i.name);
    return rb;
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ms-live-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    path_ = made ? made : tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace ms::test
