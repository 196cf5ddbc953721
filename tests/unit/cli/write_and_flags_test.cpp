// -w/-F writing the filtered packets, -P, and the live-capture flags that
// this build parses but cannot act on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;
namespace fs = std::filesystem;

std::string sample() { return (source_dir() / "samples/smtp-postfix.pcap").string(); }

std::size_t lines(const std::string& s) { return std::size_t(std::count(s.begin(), s.end(), '\n')); }

TEST(WriteFile, WritesTheFilteredPacketsAsPcapng) {
    fs::path out = fs::temp_directory_path() / "ms-cli-write-test.pcapng";
    fs::remove(out);
    auto r = run_command(cli_path() + " -r " + shell_quote(sample()) + " -Y smtp -w " + shell_quote(out.string()) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "");  // -w alone prints no summaries
    auto expected = run_command(cli_path() + " -r " + shell_quote(sample()) + " -Y smtp");
    auto reread = run_command(cli_path() + " -r " + shell_quote(out.string()));
    EXPECT_EQ(lines(reread.out), lines(expected.out));
    EXPECT_GT(lines(expected.out), 10u);
    std::ifstream f(out, std::ios::binary);
    unsigned char magic[4] = {};
    f.read(reinterpret_cast<char*>(magic), 4);
    EXPECT_EQ(magic[0], 0x0a);  // pcapng section header block
    EXPECT_EQ(magic[3], 0x0a);
    if (have_program("tshark")) {
        auto t = run_command("tshark -r " + shell_quote(out.string()) + " 2>/dev/null");
        EXPECT_EQ(lines(t.out), lines(expected.out));
    }
    fs::remove(out);
}

TEST(WriteFile, ClassicPcapWithCountAndPrint) {
    fs::path out = fs::temp_directory_path() / "ms-cli-write-test.pcap";
    fs::remove(out);
    auto r = run_command(cli_path() + " -r " + shell_quote(sample()) + " -F pcap -c 5 -P -w " + shell_quote(out.string()));
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(lines(r.out), 5u);  // -P: the summaries too
    std::ifstream f(out, std::ios::binary);
    unsigned char magic[4] = {};
    f.read(reinterpret_cast<char*>(magic), 4);
    EXPECT_EQ(magic[0], 0xd4);  // a1b2c3d4 little-endian
    EXPECT_EQ(magic[3], 0xa1);
    EXPECT_EQ(lines(run_command(cli_path() + " -r " + shell_quote(out.string())).out), 5u);
    fs::remove(out);
}

TEST(WriteFile, FormatListAndBadFormat) {
    auto r = run_command(cli_path() + " -F 2>&1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("    pcapng - Wireshark/... - pcapng\n"), std::string::npos) << r.out;
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -F nosuch -w /tmp/x 2>&1").status, 1);
}

TEST(LiveFlags, ReachTheCaptureHelper) {
    // -D lists the interfaces the helper sees (lo is always there).
    auto list = run_command("timeout 20 " + cli_path() + " -D 2>&1");
    EXPECT_EQ(list.status, 0) << list.out;
    EXPECT_NE(list.out.find(". lo"), std::string::npos) << list.out;
    // An interface that does not exist: the helper's one clear message, and
    // the analyzer's file-error status.
    auto none = run_command("timeout 20 " + cli_path() + " -i no-such-if0 -c 1 2>&1");
    EXPECT_EQ(none.status, 2) << none.out;
    EXPECT_NE(none.out.find("no-such-if0"), std::string::npos) << none.out;
    // A bad capture filter is reported as such.
    auto bpf = run_command("timeout 20 " + cli_path() + " -i lo -f 'tcp port' -c 1 2>&1");
    EXPECT_NE(bpf.status, 0);
    EXPECT_NE(bpf.out.find("filter"), std::string::npos) << bpf.out;
    auto bad = run_command(cli_path() + " -i lo -a bogus:1 2>&1");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.out.find("autostop"), std::string::npos);
}

TEST(Help, ListsTheFlags) {
    auto r = run_command(cli_path() + " -h");
    EXPECT_EQ(r.status, 0);
    for (const char* flag : {"-r <infile>", "-Y <display filter>", "-w <outfile", "-F <output", "-i <interface>", "-D ",
                             "-a duration", "-b duration", "-z <statistics>", "credentials", "io,stat", "mail,messages",
                             "--export-objects imf", "--export-objects mime", "-T text|fields", "-e <field>", "-2 "})
        EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace

// -T fields of SMTP fields does not dissect POP3 or IMAP connections (no
// wanted field can come from them); adding a message field, which any of
// them may carry, dissects everything. The shared columns must not differ:
// frame numbers, streams and the SMTP fields are the same either way.
TEST(FieldsOutput, SkippingUnreadProtocolsChangesNoColumn) {
    for (const char* name : {"smtp-postfix.pcap", "pop3-dovecot.pcap", "imap-dovecot.pcap", "smtp-submission-auth.pcap"}) {
        const std::string cap = (source_dir() / "samples" / name).string();
        const std::string base = cli_path() + " -r " + cap +
                                 " -n -T fields -e frame.number -e tcp.stream -e tcp.len -e smtp.req.command -e smtp.response.code";
        auto skipped = run_command(base);
        auto full = run_command(base + " -e imf.from");
        ASSERT_EQ(skipped.status, 0);
        ASSERT_EQ(full.status, 0);
        std::string cut;  // `full` without its last column
        std::size_t start = 0;
        while (start < full.out.size()) {
            std::size_t nl = full.out.find('\n', start);
            std::string line = full.out.substr(start, nl - start);
            cut += line.substr(0, line.rfind('\t')) + "\n";
            start = nl == std::string::npos ? full.out.size() : nl + 1;
        }
        EXPECT_FALSE(skipped.out.empty()) << name;
        EXPECT_EQ(skipped.out, cut) << name;
    }
}
