// The capture-level message checks on real traffic: the shared captures'
// Received headers against their SMTP sessions, and a capture built by
// ../shared/bench/make-bigcap.py from copies of the real flows (each copy
// from its own client), where every message must be exported and every
// copy after the first must be flagged as a duplicate Message-ID.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <unistd.h>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace fs = std::filesystem;
using namespace ms::test;

namespace {

std::size_t lines_of(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

std::string cli(const fs::path& cap, const std::string& flags) {
    auto r = run_command("TZ=UTC " + cli_path() + " -r " + shell_quote(cap.string()) + " -n " + flags + " 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    return r.out;
}

TEST(WireRealTraffic, ReceivedOfRelayedMessagesMatchTheirSessions) {
    MS_REQUIRE_SHARED_CAPTURES();
    const fs::path dir = shared_captures_dir() / "zeek";
    const char* mismatch = "-Y 'imf.received.by_not_client || imf.received.helo_mismatch || imf.received.ip_mismatch || "
                           "imf.received.skew || imf.received.future' -T fields -e frame.number";
    // Sendmail relaying its own mail (EHLO gras-os-desk.cern.ch, the topmost
    // Received by gras-os-desk.cern.ch), and vger.kernel.org's list mail.
    for (const char* name : {"smtp-multi-addr.pcap", "smtp__smtp-bdat-pipeline-8bitmime.pcap"}) {
        EXPECT_EQ(cli(dir / name, mismatch), "") << name;
        EXPECT_GT(lines_of(cli(dir / name, "-Y imf.received.path -T fields -e frame.number")), 0u) << name;
    }
    EXPECT_EQ(cli(dir / "smtp-multi-addr.pcap", "-Y imf -T fields -e imf.received.by -e imf.received.hop")
                  .find("gras-os-desk.cern.ch"), 0u);
    // A synthetic capture whose clock runs months behind its Received dates:
    // one note for the message, not one per hop.
    std::string future = cli(dir / "smtp__smtp-many-addresses.pcap.gz", "-Y imf.received.future -T fields -e frame.number");
    EXPECT_EQ(lines_of(future), 1u) << future;
}

TEST(WireRealTraffic, CopiesOfRealFlowsAllExportedAndDuplicatesFlagged) {
    MS_REQUIRE_SHARED_CAPTURES();
    fs::path maker = shared_captures_dir().parent_path() / "bench" / "make-bigcap.py";
    if (!fs::exists(maker)) GTEST_SKIP() << "no " << maker;
    fs::path tmp = fs::temp_directory_path() / ("ms-wire-" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    fs::path cap = tmp / "copies.pcap";
    auto made = run_command("python3 " + shell_quote(maker.string()) + " --target-bytes 3M --seed 1 --concurrency 50 -o " +
                            shell_quote(cap.string()) + " >/dev/null 2>&1");
    ASSERT_EQ(made.status, 0);
    // Copies of each template flow, from the manifest.
    auto m = run_command("python3 -c 'import json,sys; [print(f[\"copies\"], f[\"flow\"]) for f in "
                         "json.load(open(sys.argv[1]))[\"flows\"]]' " + shell_quote(cap.string() + ".manifest.json"));
    ASSERT_EQ(m.status, 0);
    // Messages each template flow carries (whole messages over SMTP DATA/BDAT
    // and POP3 RETR; STARTTLS sessions carry none in the clear; the IMAP
    // flow fetches headers only), each with its own Message-ID.
    const std::map<std::string, uint64_t> per_flow = {
        {"zeek/smtp.pcap 10.10.1.4:1470", 1}, {"zeek/smtp.pcap 192.168.133.100:49648", 1},
        {"ndpi/smtp.pcap 194.7.248.153:2127", 1}, {"zeek/smtp-multi-addr.pcap 188.184.129.157:35119", 1},
        {"zeek/smtp__smtp-bdat-pipeline-8bitmime.pcap 23.128.96.18:56074", 2},
        {"zeek/smtp__rfc3030-bdat-multipart-chunked.pcap 127.0.0.1:38718", 1},
        {"zeek/smtp__smtp-many-addresses.pcap.gz 10.0.0.1:60606", 1},
        {"ndpi/pop3.pcap 143.225.229.181:35287", 1}, {"ndpi/pop3.pcap 192.168.0.4:26383", 3}};
    uint64_t expected = 0, distinct = 0;
    std::istringstream in(m.out);
    std::string line;
    while (std::getline(in, line)) {
        uint64_t copies = std::stoull(line);
        std::string flow = line.substr(line.find(' ') + 1);
        for (const auto& [prefix, n] : per_flow)
            if (flow.rfind(prefix + "->", 0) == 0 && copies > 0) expected += copies * n, distinct += n;
    }
    ASSERT_GT(expected, distinct);

    fs::path out = tmp / "imf";
    cli(cap, "-q --export-objects imf," + shell_quote(out.string()));
    uint64_t files = 0;
    for (const auto& e : fs::directory_iterator(out)) files += e.is_regular_file();
    EXPECT_EQ(files, expected);

    std::string report = cli(cap, "-q -z mail,messages");
    uint64_t rows = 0, dups = 0;
    std::istringstream rin(report);
    while (std::getline(rin, line)) {
        if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) continue;
        ++rows;
        std::istringstream cols(line);
        std::string c[7];
        for (auto& x : c) cols >> x;
        dups += c[6] != "-";
    }
    EXPECT_EQ(rows, expected);
    EXPECT_EQ(dups, expected - distinct);
    // The tree names the first copy's frame.
    std::string noted = cli(cap, "-Y imf.message_id.duplicate -T fields -e imf.message_id.duplicate_of");
    EXPECT_EQ(lines_of(noted), expected - distinct);
    fs::remove_all(tmp);
}

}  // namespace
