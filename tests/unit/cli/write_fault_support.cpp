#include "unit/cli/write_fault_support.hpp"

#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "capture/source/capture_writer.hpp"

namespace ms::test {

namespace fs = std::filesystem;

CommandResult run_with_file_size_limit(const std::string& cmd, uint64_t max_file_bytes) {
    CommandResult r;
    int fds[2];
    if (::pipe(fds) != 0) return r;
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return r;
    }
    if (pid == 0) {
        // An ignored signal stays ignored across exec: the write fails with
        // EFBIG instead of killing the program.
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{};
        ::getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = rlim_t(max_file_bytes);
        if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < lim.rlim_cur) lim.rlim_cur = lim.rlim_max;
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) ::_exit(126);
        ::dup2(fds[1], 1);
        ::dup2(fds[1], 2);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        r.out.append(buf, std::size_t(n));
    }
    ::close(fds[0]);
    int st = 0;
    while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

LimitedProcess::LimitedProcess(const std::vector<std::string>& argv, uint64_t max_file_bytes) {
    int fds[2];
    if (argv.empty() || ::pipe(fds) != 0) return;
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return;
    }
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{};
        ::getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = rlim_t(max_file_bytes);
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) ::_exit(126);
        ::dup2(fds[1], 2);
        ::close(fds[0]);
        ::close(fds[1]);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    pid_ = pid;
    fd_ = fds[0];
}

LimitedProcess::~LimitedProcess() {
    if (pid_ > 0) finish(0);
    if (fd_ >= 0) ::close(fd_);
}

void LimitedProcess::read_some(int timeout_ms) {
    if (fd_ < 0) return;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return;
    char buf[4096];
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n > 0) err_.append(buf, std::size_t(n));
    else if (n == 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

bool LimitedProcess::wait_for(const std::string& needle, int timeout_ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (err_.find(needle) == std::string::npos && fd_ >= 0 && std::chrono::steady_clock::now() < end)
        read_some(50);
    return err_.find(needle) != std::string::npos;
}

int LimitedProcess::finish(int timeout_ms) {
    if (pid_ <= 0) return -1;
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    int st = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid_, &st, WNOHANG)) == 0 && std::chrono::steady_clock::now() < end) read_some(50);
    if (done == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &st, 0);
    }
    for (int i = 0; i < 50 && fd_ >= 0; ++i) read_some(100);  // what it said last
    pid_ = -1;
    return done > 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

ScratchFolder::ScratchFolder() {
    char tmpl[] = "/tmp/ms-write-fault-XXXXXX";
    if (const char* p = ::mkdtemp(tmpl)) path = p;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
}

std::string read_whole_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_whole_file(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::vector<std::string> tree_of(const fs::path& dir) {
    std::vector<std::string> v;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        v.push_back(fs::relative(it->path(), dir).string());
    std::sort(v.begin(), v.end());
    return v;
}

std::map<std::string, std::string> files_in(const fs::path& dir) {
    std::map<std::string, std::string> m;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file()) m[e.path().filename().string()] = read_whole_file(e.path());
    return m;
}

namespace {

void put16(std::vector<uint8_t>& b, std::size_t at, uint16_t v) {
    b[at] = uint8_t(v >> 8);
    b[at + 1] = uint8_t(v);
}
void put32(std::vector<uint8_t>& b, std::size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + std::size_t(i)] = uint8_t(v >> (24 - 8 * i));
}

// One TCP connection's frames, sequence numbers advancing with the payload.
class SmtpConversation {
public:
    explicit SmtpConversation(CaptureWriter& w) : w_(w) {}

    void handshake() {
        frame(true, kSyn, "");
        frame(false, kSyn | kAck, "");
        frame(true, kAck, "");
    }
    void client(const std::string& text) { send(true, text); }
    void server(const std::string& text) { send(false, text); }
    void close() {
        frame(true, kFin | kAck, "");
        frame(false, kFin | kAck, "");
        frame(true, kAck, "");
    }

private:
    static constexpr uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;
    static constexpr std::size_t kSegment = 1400;

    void send(bool from_client, const std::string& text) {
        for (std::size_t i = 0; i < text.size(); i += kSegment)
            frame(from_client, kPsh | kAck, text.substr(i, kSegment));
    }
    void frame(bool from_client, uint8_t flags, const std::string& payload) {
        std::vector<uint8_t> f(14 + 20 + 20, 0);
        const uint8_t mac_c[6] = {2, 0, 0, 0, 0, 1}, mac_s[6] = {2, 0, 0, 0, 0, 2};
        std::copy(from_client ? mac_s : mac_c, (from_client ? mac_s : mac_c) + 6, f.begin());
        std::copy(from_client ? mac_c : mac_s, (from_client ? mac_c : mac_s) + 6, f.begin() + 6);
        put16(f, 12, 0x0800);
        f[14] = 0x45;
        put16(f, 16, uint16_t(40 + payload.size()));
        put16(f, 20, 0x4000);
        f[22] = 64;
        f[23] = 6;
        const uint32_t ip_c = 0x0A000001, ip_s = 0x0A000002;
        put32(f, 26, from_client ? ip_c : ip_s);
        put32(f, 30, from_client ? ip_s : ip_c);
        put16(f, 34, from_client ? 40000 : 25);
        put16(f, 36, from_client ? 25 : 40000);
        uint32_t& seq = from_client ? cseq_ : sseq_;
        uint32_t ack = from_client ? sseq_ : cseq_;
        put32(f, 38, seq);
        put32(f, 42, flags & kSyn && !(flags & kAck) ? 0 : ack);
        f[46] = 0x50;
        f[47] = flags;
        put16(f, 48, 65535);
        f.insert(f.end(), payload.begin(), payload.end());
        seq += uint32_t(payload.size()) + ((flags & (kSyn | kFin)) ? 1 : 0);

        RawFrame r;
        r.number = ++number_;
        r.ts_ns = 1'700'000'000'000'000'000 + int64_t(number_) * 1'000'000;
        r.data = std::span<const uint8_t>(f);
        r.caplen = r.wirelen = uint32_t(f.size());
        r.linktype = kLinkEthernet;
        w_.write(r);
    }

    CaptureWriter& w_;
    uint32_t cseq_ = 1000, sseq_ = 5000;
    uint64_t number_ = 0;
};

}  // namespace

void write_smtp_capture(const fs::path& path, const std::string& message) {
    CaptureWriterOptions opt;
    opt.format = CaptureFileFormat::Pcap;
    std::string err;
    auto w = CaptureWriter::create(path.string(), opt, err);
    if (!w) throw std::runtime_error(err);
    SmtpConversation c(*w);
    c.handshake();
    c.server("220 mx.example ESMTP\r\n");
    c.client("EHLO client.example\r\n");
    c.server("250 mx.example\r\n");
    c.client("MAIL FROM:<a@example.org>\r\n");
    c.server("250 2.1.0 Ok\r\n");
    c.client("RCPT TO:<b@example.org>\r\n");
    c.server("250 2.1.5 Ok\r\n");
    c.client("DATA\r\n");
    c.server("354 End data with <CR><LF>.<CR><LF>\r\n");
    c.client(message + ".\r\n");
    c.server("250 2.0.0 Ok: queued\r\n");
    c.client("QUIT\r\n");
    c.server("221 2.0.0 Bye\r\n");
    c.close();
    if (!w->close()) throw std::runtime_error(w->error());
}

}  // namespace ms::test
