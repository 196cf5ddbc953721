// mailscope-capture's ring buffer (-b) when the disk fills up: the files it
// already completed stay whole and readable, the file it was writing is not
// left under any name, and it stops with a clear error and exit status 1.
// A file-size limit stands in for the full disk: small packets fill and
// rotate the first files, then one large packet does not fit.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "support/test_paths.hpp"
#include "unit/cli/write_fault_support.hpp"

namespace {

using namespace ms::test;
namespace fs = std::filesystem;

// A UDP socket on 127.0.0.1 that receives what the test sends, so no ICMP
// "port unreachable" joins the capture.
class UdpSink {
public:
    UdpSink() {
        fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
            port_ = 0;
            return;
        }
        int big = 1 << 20;
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
        port_ = ntohs(a.sin_port);
    }
    ~UdpSink() {
        if (fd_ >= 0) ::close(fd_);
    }
    uint16_t port() const { return port_; }
    bool send(const std::string& payload) const {
        int s = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port_);
        bool ok = s >= 0 && ::sendto(s, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&a),
                                     sizeof a) == ssize_t(payload.size());
        if (s >= 0) ::close(s);
        return ok;
    }

private:
    int fd_ = -1;
    uint16_t port_ = 0;
};

std::string small_payload(int n) { return "ring-write-fault packet " + std::to_string(n) + std::string(150, '.'); }

TEST(RingBufferWriteFault, CompletedFilesStayWholeAndTheRunFails) {
    fs::path helper = fs::path(cli_path()).parent_path() / "mailscope-capture";
    if (!fs::exists(helper)) GTEST_SKIP() << helper << " is not built";
    ScratchFolder dir;
    UdpSink sink;
    ASSERT_NE(sink.port(), 0);

    // 10 packets a file; 25 small ones close two files and start a third,
    // which the 30,000-byte packet cannot fit in under the 20,000-byte limit.
    LimitedProcess p({helper.string(), "-i", "lo", "-f", "udp port " + std::to_string(sink.port()), "-b",
                      "packets:10", "-a", "duration:30", "-w", (dir.path / "ring.pcapng").string()},
                     20'000);
    ASSERT_TRUE(p.started());
    if (!p.wait_for("Capturing on 'lo'", 10'000)) {
        int status = p.finish(5000);
        if (status == 2) GTEST_SKIP() << "no permission to capture on lo: " << p.stderr_text();
        FAIL() << "the helper did not start (exit " << status << "): " << p.stderr_text();
    }
    for (int i = 1; i <= 25; ++i) ASSERT_TRUE(sink.send(small_payload(i)));
    // Give the helper time to write (and rotate) the small ones first.
    ::usleep(300'000);
    ASSERT_TRUE(sink.send(std::string(30'000, 'X')));
    int status = p.finish(20'000);

    EXPECT_EQ(status, 1) << p.stderr_text();
    EXPECT_NE(p.stderr_text().find("mailscope-capture: Error writing to \""), std::string::npos) << p.stderr_text();
    EXPECT_NE(p.stderr_text().find("\": File too large."), std::string::npos) << p.stderr_text();

    // Exactly the two completed files, each a whole capture of its ten
    // packets in order; nothing else (no .tmp of the third).
    std::vector<std::string> names = tree_of(dir.path);
    ASSERT_EQ(names.size(), 2u) << ::testing::PrintToString(names);
    int next = 1;
    for (const auto& name : names) {
        EXPECT_EQ(name.rfind("ring_0000", 0), 0u) << name;
        EXPECT_EQ(fs::path(name).extension(), ".pcapng") << name;
        auto r = run_command(cli_path() + " -r " + shell_quote((dir.path / name).string()) +
                             " -T fields -e udp.length 2>&1");
        EXPECT_EQ(r.status, 0) << name << ": " << r.out;
        std::string contents = read_whole_file(dir.path / name);
        EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 10) << name << ": " << r.out;
        for (int i = 0; i < 10; ++i, ++next)
            EXPECT_NE(contents.find(small_payload(next)), std::string::npos) << name << " lacks packet " << next;
    }
}

}  // namespace
