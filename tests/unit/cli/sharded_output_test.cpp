// Dissecting on several cores (ShardedRun) must not change one byte of what
// the CLI prints: every capture we have, each output that may be sharded,
// printed with sharding off (MAILSCOPE_THREADS=1) and with 2 and 3 shards.
// tcp.stream numbers span conversations: asking for them must keep the run
// single-threaded, so they too must come out the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <unistd.h>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

CommandResult ours(unsigned threads, const std::filesystem::path& cap, const std::string& args) {
    return run_command("MAILSCOPE_THREADS=" + std::to_string(threads) + " " + cli_path() + " -r " +
                       shell_quote(cap.string()) + " " + args + " 2>&1");
}

void expect_same_on_every_capture(const std::string& args) {
    auto caps = all_captures();
    ASSERT_FALSE(caps.empty());
    std::size_t nonempty = 0;
    for (const auto& cap : caps) {
        const auto one = ours(1, cap, args);
        nonempty += !one.out.empty();
        for (unsigned threads : {2u, 3u}) {
            const auto many = ours(threads, cap, args);
            EXPECT_EQ(one.status, many.status) << cap << " " << args << " threads=" << threads;
            EXPECT_EQ(one.out, many.out) << cap << " " << args << " threads=" << threads;
        }
    }
    EXPECT_GT(nonempty, 0u) << args << ": printed nothing on any capture (the comparison would prove nothing)";
}

TEST(ShardedOutput, FieldsWithFrameClockAreIdentical) {
    expect_same_on_every_capture(
        "-n -T fields -e frame.number -e frame.time_relative -e frame.time_delta -e ip.src -e tcp.srcport "
        "-e tcp.seq -e smtp.req.command -e smtp.response.code -e pop.request.command -e imap.request_tag "
        "-e imf.from -e imf.subject -e _ws.col.Info");
}

TEST(ShardedOutput, SummaryLinesUnderAFilterAreIdentical) {
    expect_same_on_every_capture("-n -Y 'smtp || pop || imap || imf'");
    expect_same_on_every_capture("-n -t ad -Y 'tcp.len > 0'");
}

TEST(ShardedOutput, EkSelectedFieldsAreIdentical) {
    expect_same_on_every_capture(
        "-n -T ek -e frame.number -e smtp.req.command -e smtp.response.code -e pop.request.command "
        "-e imap.request -e imf.from -e imf.subject");
}

TEST(ShardedOutput, StreamNumbersKeepTheRunSingleThreaded) {
    expect_same_on_every_capture("-n -T fields -e frame.number -e tcp.stream -e smtp.req.command");
    expect_same_on_every_capture("-n -Y 'tcp.stream == 1' -T fields -e frame.number");
}

TEST(ShardedOutput, CrossConversationMessageIdDuplicatesKeepTheirNotes) {
    // Copies of real flows over many connections: every copy after the first
    // carries a Message-ID seen before, in another conversation (and so, on
    // several shards, in another shard). Reading the duplicate notes or the
    // expert fields keeps the run on one thread; the imf fields that do not
    // depend on them may still be sharded. Either way: the same bytes.
    MS_REQUIRE_SHARED_CAPTURES();
    const auto maker = shared_captures_dir().parent_path() / "bench" / "make-bigcap.py";
    if (!std::filesystem::exists(maker)) GTEST_SKIP() << "no " << maker;
    const auto tmp = std::filesystem::temp_directory_path() / ("ms-shard-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp);
    const auto cap = tmp / "copies.pcap";
    ASSERT_EQ(run_command("python3 " + shell_quote(maker.string()) + " --target-bytes 3M --seed 2 --concurrency 50 -o " +
                          shell_quote(cap.string()) + " >/dev/null 2>&1")
                  .status,
              0);
    for (const std::string args :
         {"-n -Y imf.message_id.duplicate -T fields -e frame.number -e imf.message_id.duplicate_of",
          "-n -Y imf -T fields -e frame.number -e imf.from -e imf.subject -e _ws.expert.message",
          "-n -T ek -e frame.number -e imf.from -e imf.subject", "-n -Y 'imf || pop.request.command'"}) {
        const auto one = ours(1, cap, args);
        EXPECT_FALSE(one.out.empty()) << args;
        for (unsigned threads : {2u, 3u}) EXPECT_EQ(one.out, ours(threads, cap, args).out) << args << " threads=" << threads;
    }
    // The copies really are duplicates across conversations.
    const std::string dups = ours(1, cap, "-n -Y imf.message_id.duplicate").out;
    EXPECT_GT(std::count(dups.begin(), dups.end(), '\n'), 0);
    std::filesystem::remove_all(tmp);
}

}  // namespace
