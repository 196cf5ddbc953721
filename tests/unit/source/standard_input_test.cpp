// "-" reads standard input, including gzip-compressed input from a pipe.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

// Points fd 0 at another descriptor for the life of the object.
class StdinRedirect {
public:
    explicit StdinRedirect(int fd) : saved_(::dup(STDIN_FILENO)) { ::dup2(fd, STDIN_FILENO); }
    ~StdinRedirect() {
        ::dup2(saved_, STDIN_FILENO);
        ::close(saved_);
    }

private:
    int saved_;
};

Bytes sample() {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0);
    for (int i = 0; i < 500; ++i) b.enhanced(0, uint64_t(i), Bytes(std::size_t(i % 300), uint8_t(i)));
    return b.bytes();
}

TEST(StandardInput, DashReadsAFileOnStdin) {
    ScratchDir dir;
    std::string path = dir.write("in.pcapng", sample());
    int fd = ::open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ReadResult r;
    {
        StdinRedirect redirect(fd);
        r = read_capture("-");
    }
    ::close(fd);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    EXPECT_EQ(r.frames.size(), 500u);
}

TEST(StandardInput, GzipThroughAPipe) {
    ScratchDir dir;
    Bytes gz = read_file(dir.write_gzip("in.pcapng.gz", sample()));
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    // Feed the pipe in small pieces so the reader sees short reads.
    std::thread feeder([&] {
        for (std::size_t at = 0; at < gz.size(); at += 777) {
            std::size_t n = std::min<std::size_t>(777, gz.size() - at);
            if (::write(p[1], gz.data() + at, n) != ssize_t(n)) break;
        }
        ::close(p[1]);
    });
    ReadResult r;
    {
        StdinRedirect redirect(p[0]);
        r = read_capture("-");
    }
    feeder.join();
    ::close(p[0]);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.format, "gzip-compressed pcapng");
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 500u);
    EXPECT_EQ(r.frames[499].data, Bytes(499 % 300, uint8_t(499)));
}

TEST(StandardInput, EmptyStdinIsNamedInTheMessage) {
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    ::close(p[1]);
    ReadResult r;
    {
        StdinRedirect redirect(p[0]);
        r = read_capture("-");
    }
    ::close(p[0]);
    EXPECT_FALSE(r.opened);
    EXPECT_EQ(r.open_error, "The file \"-\" is empty, so it isn't a capture file.");
}

}  // namespace
}  // namespace ms::test_source
