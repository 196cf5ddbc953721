// -o onto the limits, -G defaultprefs, and the -t/-u time column against tshark.
#include <gtest/gtest.h>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

std::string sample() { return (source_dir() / "samples/smtp-postfix.pcap").string(); }

TEST(Prefs, DefaultPrefsListsEveryLimit) {
    auto r = run_command(cli_path() + " -G defaultprefs");
    ASSERT_EQ(r.status, 0);
    for (const char* n : {"#tcp.max_flows: ", "#mime.max_depth: 100\n", "#mail.max_line_length: 4096\n",
                          "#imf.max_header_bytes: 65536\n", "#ip.max_pending_datagrams: "})
        EXPECT_NE(r.out.find(n), std::string::npos) << n;
}

TEST(Prefs, KnownNamesAcceptedOthersRejected) {
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -o mime.max_depth:5 -c 1").status, 0);
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -o nosuch.pref:5 -c 1 2>&1").status, 1);
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -o tcp.max_flows:-1 -c 1 2>&1").status, 1);
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -o mail.max_line_length:99999999999 -c 1 2>&1").status, 1);
}

TEST(Prefs, ALimitChangesTheDissection) {
    // A line limit below the SMTP lines' length makes the dissector report cut lines.
    auto normal = run_command(cli_path() + " -r " + shell_quote(sample()) + " -q -z expert");
    auto tight = run_command(cli_path() + " -r " + shell_quote(sample()) + " -o mail.max_line_length:8 -q -z expert");
    EXPECT_EQ(tight.status, 0);
    EXPECT_NE(normal.out, tight.out);
}

TEST(TimeColumn, EveryFormatMatchesTshark) {
    if (!have_program("tshark")) GTEST_SKIP() << "tshark not installed";
    // The columns up to and including the time: "  NNN <time>".
    auto cut = [](const std::string& s) {
        std::string out;
        std::size_t pos = 0;
        while (pos < s.size()) {
            auto eol = s.find('\n', pos);
            std::string line = s.substr(pos, eol - pos);
            std::size_t t = line.find_first_not_of(' ');
            t = line.find(' ', t);                  // after the number
            t = line.find_first_not_of(' ', t);     // the time starts
            std::size_t e = line.find("  ", t);     // two spaces end it (hms has single spaces)
            out += line.substr(0, e) + "\n";
            if (eol == std::string::npos) break;
            pos = eol + 1;
        }
        return out;
    };
    std::vector<std::string> caps = {sample()};
    if (!shared_captures_dir().empty()) caps.push_back((shared_captures_dir() / "zeek/pop3__pop3.pcap").string());
    for (const auto& cap : caps)
        for (const char* t : {"-t r", "-t a", "-t ad", "-t adoy", "-t d", "-t dd", "-t e", "-t u", "-t ud", "-t udoy",
                              "-u hms", "-t d -u hms", "-t dd -Y 'tcp.len>0'"}) {
            std::string args = std::string(" -r ") + shell_quote(cap) + " " + t;
            auto ours = run_command("TZ=UTC " + cli_path() + args);
            auto theirs = run_command("TZ=UTC tshark" + args + " 2>/dev/null");
            EXPECT_EQ(cut(ours.out), cut(theirs.out)) << cap << " " << t;
        }
}

TEST(TimeColumn, BadFormatsAreErrors) {
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -t x 2>&1").status, 1);
    EXPECT_EQ(run_command(cli_path() + " -r " + shell_quote(sample()) + " -u ms 2>&1").status, 1);
}

}  // namespace
