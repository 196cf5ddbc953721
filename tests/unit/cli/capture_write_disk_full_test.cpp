// -w when the disk fills up (a file-size limit stands in for the full
// disk): a clear error, exit status 2, nothing under the final name, no
// temporary file left, and a capture already there under that name intact.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "capture/source/capture_writer.hpp"
#include "support/test_paths.hpp"
#include "unit/cli/write_fault_support.hpp"

namespace {

using namespace ms::test;
namespace fs = std::filesystem;

std::string sample() { return (source_dir() / "samples/smtp-postfix.pcap").string(); }

std::string write_command(const std::string& in, const fs::path& out, const std::string& format) {
    return cli_path() + " -r " + shell_quote(in) + " -F " + format + " -w " + shell_quote(out.string());
}

// The frames of a capture as fields that do not depend on the file format
// (a pcapng copy of a microsecond pcap prints its times with 9 digits).
std::string frames_of(const fs::path& capture) {
    auto r = run_command(cli_path() + " -r " + shell_quote(capture.string()) +
                         " -T fields -e frame.number -e frame.cap_len -e tcp.stream -e tcp.len 2>&1");
    return r.status == 0 ? r.out : "exit " + std::to_string(r.status) + ": " + r.out;
}

// What is in `dir` besides `keep`: temporary files ("x.tmp", "x.tmp.1")
// and anything else the failed run left.
std::vector<std::string> leftovers(const fs::path& dir, const std::set<std::string>& keep) {
    std::vector<std::string> v;
    for (const auto& name : tree_of(dir))
        if (!keep.count(name)) v.push_back(name);
    return v;
}

// A capture larger than the writer's 1 MiB buffer, so the limit is met in
// the middle of writing frames, not only when the file is closed.
fs::path big_capture(const fs::path& dir) {
    fs::path p = dir / "big.pcap";
    ms::CaptureWriterOptions opt;
    opt.format = ms::CaptureFileFormat::Pcap;
    std::string err;
    auto w = ms::CaptureWriter::create(p.string(), opt, err);
    EXPECT_TRUE(w) << err;
    if (!w) return p;
    std::vector<uint8_t> bytes(1500, 0x5a);
    ms::RawFrame f;
    f.linktype = ms::kLinkEthernet;
    f.data = bytes;
    f.caplen = f.wirelen = 1500;
    for (uint64_t i = 1; i <= 2000; ++i) {
        f.number = i;
        f.ts_ns = int64_t(i) * 1000;
        EXPECT_TRUE(w->write(f)) << w->error();
    }
    EXPECT_TRUE(w->close()) << w->error();
    return p;
}

class CaptureWriteDiskFull : public ::testing::TestWithParam<std::string> {};

TEST_P(CaptureWriteDiskFull, FailsAtCloseWithNothingUnderTheFinalName) {
    ScratchFolder dir;
    fs::path out = dir.path / "out.cap";
    // The sample's copy is ~26 KiB: it all fits in the write buffer, so the
    // limit is met when close() flushes it.
    auto r = run_with_file_size_limit(write_command(sample(), out, GetParam()), 8192);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.out, "mailscope-cli: An error occurred while writing to the file \"" + out.string() +
                         "\": File too large.\n");
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(leftovers(dir.path, {}), std::vector<std::string>{});
}

TEST_P(CaptureWriteDiskFull, FailsWhileWritingFrames) {
    ScratchFolder dir;
    fs::path in = big_capture(dir.path);
    fs::path out = dir.path / "out.cap";
    auto r = run_with_file_size_limit(write_command(in.string(), out, GetParam()), 1'500'000);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_NE(r.out.find("An error occurred while writing to the file \"" + out.string() + "\": File too large."),
              std::string::npos)
        << r.out;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(leftovers(dir.path, {"big.pcap"}), std::vector<std::string>{});
}

TEST_P(CaptureWriteDiskFull, AnEarlierCaptureUnderTheNameIsKept) {
    ScratchFolder dir;
    fs::path out = dir.path / "out.cap";
    auto first = run_command(write_command(sample(), out, GetParam()) + " -c 3 2>&1");
    ASSERT_EQ(first.status, 0) << first.out;
    std::string before = read_whole_file(out);
    ASSERT_GT(before.size(), 0u);

    auto r = run_with_file_size_limit(write_command(sample(), out, GetParam()), 8192);
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(read_whole_file(out), before) << "the failed run must not touch the closed file";
    EXPECT_EQ(leftovers(dir.path, {"out.cap"}), std::vector<std::string>{});
    auto reread = run_command(cli_path() + " -r " + shell_quote(out.string()) + " 2>&1");
    EXPECT_EQ(reread.status, 0) << reread.out;
}

TEST_P(CaptureWriteDiskFull, UnderAGenerousLimitTheWholeCaptureIsWritten) {
    // The limit itself is no failure: the same command with room succeeds
    // and writes what an unlimited run writes (so the tests above fail for
    // the limit, not for the way the command is run).
    ScratchFolder dir;
    fs::path limited = dir.path / "limited.cap", free = dir.path / "free.cap";
    auto r = run_with_file_size_limit(write_command(sample(), limited, GetParam()), 1 << 20);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "");
    auto u = run_command(write_command(sample(), free, GetParam()) + " 2>&1");
    ASSERT_EQ(u.status, 0) << u.out;
    EXPECT_TRUE(read_whole_file(limited) == read_whole_file(free)) << "the files differ";
    std::string a = frames_of(limited);
    EXPECT_TRUE(a == frames_of(free)) << "the limited run wrote other frames";
    EXPECT_TRUE(a == frames_of(sample())) << "the limited run lost frames";
    EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), 183);
}

INSTANTIATE_TEST_SUITE_P(Formats, CaptureWriteDiskFull, ::testing::Values("pcap", "pcapng"));

TEST(CaptureWriteFault, ATakenTemporaryNameIsNeverTruncated) {
    // Somebody's file called "out.pcapng.tmp" survives a -w out.pcapng.
    ScratchFolder dir;
    fs::path out = dir.path / "out.pcapng";
    write_whole_file(dir.path / "out.pcapng.tmp", "not ours\n");
    auto r = run_command(write_command(sample(), out, "pcapng") + " 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(read_whole_file(dir.path / "out.pcapng.tmp"), "not ours\n");
    EXPECT_EQ(leftovers(dir.path, {"out.pcapng", "out.pcapng.tmp"}), std::vector<std::string>{});
    EXPECT_TRUE(frames_of(out) == frames_of(sample())) << "the copy differs from the sample";
}

TEST(CaptureWriteFault, AFifoIsWrittenInPlaceNotReplaced) {
    // Renaming a temporary file over a FIFO (or /dev/null) would replace it.
    ScratchFolder dir;
    fs::path fifo = dir.path / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto r = run_command("timeout 30 cat " + shell_quote(fifo.string()) + " > " + shell_quote((dir.path / "copy").string()) +
                         " & " + write_command(sample(), fifo, "pcapng") + " 2>&1; wait");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(fs::is_fifo(fifo));
    EXPECT_TRUE(frames_of(dir.path / "copy") == frames_of(sample())) << "the copy differs from the sample";
    EXPECT_EQ(leftovers(dir.path, {"pipe", "copy"}), std::vector<std::string>{});
}

TEST(CaptureWriteFault, ADirectoryIsRefused) {
    ScratchFolder dir;
    auto r = run_command(write_command(sample(), dir.path, "pcapng") + " 2>&1");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_EQ(r.out, "mailscope-cli: The file \"" + dir.path.string() + "\" could not be created: it is a directory.\n");
    EXPECT_EQ(leftovers(dir.path, {}), std::vector<std::string>{});
}

}  // namespace
