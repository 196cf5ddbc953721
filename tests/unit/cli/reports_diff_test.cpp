// The -z reports that tshark 4.0 also has, compared with its output on
// every shared capture and sample; and the reports tshark lacks, checked
// for their content.
#include <gtest/gtest.h>

#include <sstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

std::string tshark(const std::string& cap, const std::string& args) {
    return run_command("tshark -r " + shell_quote(cap) + " " + args + " 2>/dev/null").out;
}

CommandResult ours(const std::string& cap, const std::string& args) {
    return run_command(cli_path() + " -r " + shell_quote(cap) + " " + args + " 2>&1");
}

// Captures whose clock jumps years: tshark prints millions of io,stat rows.
bool huge_duration(const std::string& cap) {
    auto r = run_command("capinfos -u -M " + shell_quote(cap) + " 2>/dev/null");
    auto pos = r.out.find("Capture duration:");
    if (pos == std::string::npos) return true;
    return std::stod(r.out.substr(pos + 17)) > 1000.0;
}

#define REQUIRE_TSHARK()                                                                     \
    do {                                                                                     \
        if (!have_program("tshark")) GTEST_SKIP() << "tshark not installed; diff skipped"; \
    } while (0)

TEST(ReportsDiff, EndpointsTcpMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    for (const auto& cap : all_captures()) {
        auto r = ours(cap.string(), "-q -z endpoints,tcp");
        EXPECT_EQ(r.status, 0) << cap;
        EXPECT_EQ(r.out, tshark(cap.string(), "-q -z endpoints,tcp")) << cap;
        ++compared;
    }
    EXPECT_GT(compared, 5);
}

TEST(ReportsDiff, IoStatMatchesTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    // Filters on frame-level fields only, so that the dissectors' own
    // judgement (is a TLS record after STARTTLS "smtp"?) does not count here.
    const char* specs[] = {"io,stat,0", "io,stat,1", "io,stat,0.1,frame,tcp", "io,stat,0.01,tcp.len>0",
                           "io,stat,10,tcp.flags.syn==1"};
    for (const auto& cap : all_captures()) {
        if (huge_duration(cap.string())) continue;
        for (const char* z : specs) {
            std::string args = std::string("-q -z ") + shell_quote(z);
            EXPECT_EQ(ours(cap.string(), args).out, tshark(cap.string(), args)) << cap << " " << z;
            ++compared;
        }
    }
    EXPECT_GT(compared, 50);
}

TEST(ReportsDiff, IoStatReportsInReverseArgumentOrderLikeTshark) {
    REQUIRE_TSHARK();
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    std::string args = "-q -z io,stat,0 -z endpoints,tcp -z io,stat,0.1";
    EXPECT_EQ(ours(caps[0].string(), args).out, tshark(caps[0].string(), args));
}

// tshark's rows must all be in ours. Named exceptions: mailscope decodes
// AUTH PLAIN / SASL logins tshark does not (extra rows), and it shows SMTP
// user names decoded where tshark shows their base64.
TEST(ReportsDiff, CredentialsContainTsharksRows) {
    REQUIRE_TSHARK();
    int rows = 0;
    for (const auto& cap : all_captures()) {
        std::string theirs = tshark(cap.string(), "-q -z credentials");
        auto r = ours(cap.string(), "-q -z credentials");
        EXPECT_EQ(r.status, 0);
        std::istringstream in(theirs);
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (n <= 3 || line.rfind("=====", 0) == 0) {
                EXPECT_NE(r.out.find(line + "\n"), std::string::npos) << cap << ": header " << line;
                continue;
            }
            std::string frame = line.substr(0, 11), proto = line.substr(11, 17);
            if (proto.rfind("SMTP", 0) == 0) {
                // Same frame, protocol and Info; the user name is decoded.
                auto info = line.find("Username in packet");
                auto at = r.out.find(frame + proto);
                ASSERT_NE(at, std::string::npos) << cap << ": " << line;
                auto eol = r.out.find('\n', at);
                if (info != std::string::npos) {
                    EXPECT_NE(r.out.substr(at, eol - at).find(line.substr(info)), std::string::npos) << line;
                }
            } else {
                EXPECT_NE(r.out.find(line + "\n"), std::string::npos) << cap << ": " << line;
            }
            ++rows;
        }
    }
    EXPECT_GE(rows, 3);
}

TEST(Reports, CredentialsLayoutOnPop3) {
    MS_REQUIRE_SHARED_CAPTURES();
    auto r = ours((shared_captures_dir() / "ndpi/pop3.pcap").string(), "-q -z credentials");
    EXPECT_NE(r.out.find("10         POP3             cicciopernacchio@mail.com Username in packet 6\n"), std::string::npos)
        << r.out;
}

TEST(Reports, SmtpStatCountsCommandsAndReplies) {
    auto cap = source_dir() / "samples/smtp-postfix.pcap";
    auto r = ours(cap.string(), "-q -z smtp,stat");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.out.rfind("===", 0), 0u);
    EXPECT_NE(r.out.find("SMTP Statistics\n"), std::string::npos);
    // The count agrees with the commands' field values, counted apart.
    auto n = run_command(cli_path() + " -r " + shell_quote(cap.string()) +
                         " -T fields -E occurrence=a -E aggregator=/s -e smtp.req.command | tr ' ' '\\n' | grep -cix MAIL");
    std::string count = n.out.substr(0, n.out.find('\n'));
    ASSERT_FALSE(count.empty());
    EXPECT_NE(count, "0");
    EXPECT_NE(r.out.find("\nMAIL " + std::string(22 - count.size(), ' ') + count + " "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\n250 "), std::string::npos);
    EXPECT_NE(r.out.find("\nReply code "), std::string::npos);
}

TEST(Reports, ImapStatHasResponseTimes) {
    auto r = ours((source_dir() / "samples/imap-dovecot.pcap").string(), "-q -z imap,stat");
    ASSERT_EQ(r.status, 0);
    auto at = r.out.find("\nLOGIN ");
    ASSERT_NE(at, std::string::npos) << r.out;
    std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    double cnt, mn, avg, mx;
    ASSERT_EQ(std::sscanf(line.c_str(), "LOGIN %lf %lf %lf %lf", &cnt, &mn, &avg, &mx), 4) << line;
    EXPECT_GT(cnt, 0);
    EXPECT_LE(mn, avg);
    EXPECT_LE(avg, mx);
    EXPECT_NE(r.out.find("\nOK "), std::string::npos);
}

TEST(Reports, MailMessagesListsEveryMessageWithItsEnvelope) {
    auto r = ours((source_dir() / "samples/smtp-postfix.pcap").string(), "-q -z mail,messages");
    ASSERT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("Mail Messages\n"), std::string::npos);
    std::size_t rows = 0;
    for (std::size_t p = r.out.find("\n"); p != std::string::npos; p = r.out.find("\n", p + 1))
        if (r.out.compare(p + 1, 1, "1") >= 0 && std::isdigit(static_cast<unsigned char>(r.out[p + 1]))) ++rows;
    EXPECT_EQ(rows, 10u) << r.out;
    EXPECT_NE(r.out.find("<carol@example.test> | <nobody@example.test>,<bob@example.test>"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("| Quarterly numbers (attachment) |"), std::string::npos);
}

TEST(Reports, UnknownReportIsAnError) {
    auto r = ours((source_dir() / "samples/smtp-postfix.pcap").string(), "-q -z nosuch,stat");
    EXPECT_EQ(r.status, 1);
    auto bad = ours((source_dir() / "samples/smtp-postfix.pcap").string(), "-q -z io,stat,abc");
    EXPECT_EQ(bad.status, 1);
}

}  // namespace
