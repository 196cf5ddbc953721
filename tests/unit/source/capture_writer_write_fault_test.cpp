// CaptureWriter when the disk fills up: a file-size limit (SIGXFSZ ignored,
// so write(2) fails with EFBIG as it fails with ENOSPC on a full disk) is
// set in a child process, which writes and reports what the writer said.
// Whether the limit is met while frames are written or when close()
// flushes the last buffer, the error names the file and the reason, every
// later call fails, and neither the final name nor the temporary file is
// left behind.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "capture/source/capture_writer.hpp"
#include "crafted_capture.hpp"

namespace ms::test_source {
namespace {

namespace fs = std::filesystem;

struct Outcome {
    std::string report;  // what the child wrote: "<where it failed>|<error>"
    int status = -1;
};

// Runs `body` in a child whose files may not exceed `limit` bytes; the
// child's return string comes back through a pipe.
template <class Body>
Outcome in_child_with_file_limit(uint64_t limit, Body body) {
    Outcome o;
    int fds[2];
    if (::pipe(fds) != 0) return o;
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{};
        ::getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = rlim_t(limit);
        if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) ::_exit(3);
        std::string report = body();
        ssize_t w = ::write(fds[1], report.data(), report.size());
        ::_exit(w == ssize_t(report.size()) ? 0 : 4);
    }
    ::close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) o.report.append(buf, std::size_t(n));
    ::close(fds[0]);
    int st = 0;
    ::waitpid(pid, &st, 0);
    o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return o;
}

// Frame `number`: `size` bytes of the number's low byte (a frame's data is
// a view, so the bytes live in `storage`).
RawFrame frame_of(uint64_t number, std::size_t size, Bytes& storage) {
    storage.assign(size, uint8_t(number));
    RawFrame f;
    f.number = number;
    f.ts_ns = int64_t(number) * 1000;
    f.data = storage;
    f.caplen = f.wirelen = uint32_t(size);
    f.linktype = kLinkEthernet;
    return f;
}

struct FaultCase {
    CaptureFileFormat format;
    uint64_t frames;  // 1,000-byte frames
    uint64_t limit;
    const char* fails_in;  // "write" or "close"
};

class WriterDiskFull : public ::testing::TestWithParam<FaultCase> {};

TEST_P(WriterDiskFull, ReportsAndLeavesNoFile) {
    const FaultCase c = GetParam();
    ScratchDir dir;
    std::string path = (dir.path() / "out.cap").string();
    Outcome o = in_child_with_file_limit(c.limit, [&]() -> std::string {
        CaptureWriterOptions opt;
        opt.format = c.format;
        std::string err;
        auto w = CaptureWriter::create(path, opt, err);
        if (!w) return "create|" + err;
        Bytes storage;
        for (uint64_t i = 1; i <= c.frames; ++i) {
            if (!w->write(frame_of(i, 1000, storage))) {
                // Sticky: nothing more is written after a failure.
                bool again = w->write(frame_of(i + 1, 10, storage));
                bool closed = w->close();
                return std::string("write|") + w->error() + (again ? "|wrote again" : "") +
                       (closed ? "|closed" : "");
            }
        }
        if (w->close()) return "none|";
        return std::string("close|") + w->error() + (w->close() ? "|closed twice" : "");
    });
    EXPECT_EQ(o.status, 0);
    EXPECT_EQ(o.report, std::string(c.fails_in) + "|An error occurred while writing to the file \"" + path +
                            "\": File too large.");
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::is_empty(dir.path())) << "the temporary file must be removed";
}

INSTANTIATE_TEST_SUITE_P(
    Limits, WriterDiskFull,
    ::testing::Values(
        // Fits in the 1 MiB write buffer: the limit is met when close() flushes.
        FaultCase{CaptureFileFormat::Pcap, 20, 10'000, "close"},
        FaultCase{CaptureFileFormat::Pcapng, 20, 10'000, "close"},
        // Larger than the buffer: met while frames are written.
        FaultCase{CaptureFileFormat::Pcap, 3000, 1'500'000, "write"},
        FaultCase{CaptureFileFormat::Pcapng, 3000, 1'500'000, "write"},
        // Not even the first block fits.
        FaultCase{CaptureFileFormat::Pcapng, 1, 16, "close"}));

TEST(WriterWriteFault, RoomEnoughWritesTheWholeFile) {
    // The same child under a limit the file fits in: success, so the
    // failures above come from the limit alone.
    ScratchDir dir;
    std::string path = (dir.path() / "out.pcapng").string();
    Outcome o = in_child_with_file_limit(10'000'000, [&]() -> std::string {
        std::string err;
        auto w = CaptureWriter::create(path, CaptureWriterOptions{}, err);
        if (!w) return "create|" + err;
        Bytes storage;
        for (uint64_t i = 1; i <= 3000; ++i)
            if (!w->write(frame_of(i, 1000, storage))) return "write|" + w->error();
        return w->close() ? "none|" : "close|" + w->error();
    });
    EXPECT_EQ(o.report, "none|");
    ReadResult r = read_capture(path);
    ASSERT_TRUE(r.opened) << r.open_error;
    EXPECT_EQ(r.last, ReadStatus::End) << r.error;
    ASSERT_EQ(r.frames.size(), 3000u);
    EXPECT_EQ(r.frames[2999].data, Bytes(1000, uint8_t(3000 & 0xff)));
}

TEST(WriterWriteFault, ExistingTemporaryNameIsLeftAlone) {
    ScratchDir dir;
    std::string path = (dir.path() / "out.pcapng").string();
    {
        std::FILE* f = std::fopen((path + ".tmp").c_str(), "wb");
        ASSERT_TRUE(f);
        std::fputs("someone else's\n", f);
        std::fclose(f);
    }
    std::string err;
    auto w = CaptureWriter::create(path, CaptureWriterOptions{}, err);
    ASSERT_TRUE(w) << err;
    EXPECT_TRUE(fs::exists(path + ".tmp.1"));
    Bytes storage;
    ASSERT_TRUE(w->write(frame_of(1, 100, storage)));
    ASSERT_TRUE(w->close()) << w->error();
    EXPECT_EQ(fs::file_size(path + ".tmp"), 15u);
    EXPECT_FALSE(fs::exists(path + ".tmp.1"));
    ReadResult r = read_capture(path);
    EXPECT_EQ(r.frames.size(), 1u);
}

}  // namespace
}  // namespace ms::test_source
