// Real traffic: the reassembled client/server streams of the shared SMTP
// captures (extracted with `tshark -z follow,tcp,raw`) run through the
// dissector in capture order; the command list must match what the stream
// holds (and tshark's own list where tshark reads the session correctly).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "smtp_harness.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

using namespace smtp_test;
using Strings = std::vector<std::string>;

namespace {

std::string run(const std::string& cmd) { return ms::test::run_command(cmd).out; }

bool have_tshark() { return ms::test::have_program("tshark"); }

std::string unhex(std::string_view h) {
    std::string out;
    auto v = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(char(v(h[i]) << 4 | v(h[i + 1])));
    return out;
}

// The stream's chunks in capture order: indented lines are the server's.
std::vector<Step> follow(const std::filesystem::path& file, int stream) {
    const std::string out = run("tshark -r " + ms::test::shell_quote(file.string()) + " -q -z follow,tcp,raw," +
                                std::to_string(stream) + " 2>/dev/null");
    std::vector<Step> steps;
    bool body = false;
    std::size_t at = 0;
    while (at < out.size()) {
        std::size_t nl = out.find('\n', at);
        if (nl == std::string::npos) nl = out.size();
        std::string_view line(out.data() + at, nl - at);
        at = nl + 1;
        if (line.rfind("Node 1:", 0) == 0) { body = true; continue; }
        if (!body || line.empty() || line[0] == '=') continue;
        if (line[0] == '\t') steps.push_back(S(unhex(line.substr(1))));
        else steps.push_back(C(unhex(line)));
    }
    return steps;
}

// tshark's values of one field in one stream (occurrences joined with 0x1f,
// since reply texts hold commas).
Strings tshark_values(const std::filesystem::path& file, int stream, const std::string& field) {
    const std::string out =
        run("tshark -r " + ms::test::shell_quote(file.string()) + " -Y '" + field +
            " && tcp.stream==" + std::to_string(stream) + "' -T fields -E \"aggregator=$(printf '\\037')\" -e " +
            field + " 2>/dev/null");
    Strings cmds;
    std::string cur;
    for (char c : out) {
        if (c == '\x1f' || c == '\n') {
            if (!cur.empty()) cmds.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return cmds;
}

struct Case {
    const char* file;
    int stream;
    bool tshark_agrees;  // tshark 4.0 reads this session right
    Strings commands;
};

Strings repeat(const char* s, int n) { return Strings(std::size_t(n), s); }
Strings cat(std::initializer_list<Strings> parts) {
    Strings out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

class SmtpCaptures : public ::testing::Test {
protected:
    void SetUp() override {
        MS_REQUIRE_SHARED_CAPTURES();
        if (!have_tshark()) GTEST_SKIP() << "tshark not installed: cannot extract the TCP streams";
    }
    Session run_case(const Case& c) {
        auto path = ms::test::shared_captures_dir() / c.file;
        EXPECT_TRUE(std::filesystem::exists(path)) << path;
        Session s;
        auto steps = follow(path, c.stream);
        EXPECT_FALSE(steps.empty()) << c.file;
        s.run(steps);
        return s;
    }
};

TEST_F(SmtpCaptures, CommandListsMatchTheStreams) {
    const std::vector<Case> cases = {
        {"zeek/smtp.pcap", 0, true, {"EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"}},
        {"zeek/smtp-attachment-msg.pcap", 0, true, {"ehlo", "mail", "rcpt", "data"}},
        {"zeek/smtp-multi-addr.pcap", 0, true, {"EHLO", "MAIL", "RCPT", "DATA"}},
        // After each refused DATA the client sends its body anyway and the
        // server answers every line "500 unrecognized command": they are
        // commands, as the server read them (tshark takes them as data).
        {"zeek/smtp-mail-transactions-invalid.pcap", 0, false,
         {"EHLO", "MAIL", "RCPT", "DATA", "RCPT", "DATA", "Hello,", ".", "MAIL", "DATA", "Hello,", ".", "DATA",
          "Hello,", ".", "MAIL", "RCPT", "DATA", "QUIT"}},
        {"zeek/smtp__rfc3030-bdat-example1.pcap", 0, true, {"EHLO", "MAIL", "RCPT", "BDAT", "QUIT"}},
        {"zeek/smtp__rfc3030-bdat-nonascii.pcap", 0, true, {"EHLO", "MAIL", "RCPT", "BDAT", "BDAT", "QUIT"}},
        {"zeek/smtp__rfc3030-bdat-multipart-chunked.pcap", 0, true,
         cat({{"EHLO", "MAIL", "RCPT"}, repeat("BDAT", 27), {"QUIT"}})},
        // tshark 4.0 loses its way after BDAT here (shows EHLO, QUIT only).
        {"zeek/smtp__smtp-bdat-pipeline-8bitmime.pcap", 0, false,
         {"EHLO", "MAIL", "RCPT", "BDAT", "MAIL", "RCPT", "BDAT", "QUIT"}},
        {"ndpi/smtp.pcap", 0, true,
         cat({{"EHLO", "HELO", "MAIL"}, repeat("RCPT", 30), {"DATA", "QUIT"}})},
        // tshark shows STARTTLS as "STAR".
        {"ndpi/smtp-starttls.pcap", 0, false, {"EHLO", "STARTTLS"}},
        {"zeek/tls__smtp-starttls.pcap", 0, false, {"EHLO", "STARTTLS"}},
    };
    for (const Case& c : cases) {
        Session s = run_case(c);
        EXPECT_EQ(s.values("smtp.req.command"), c.commands) << c.file;
        if (c.tshark_agrees) {
            for (const char* field : {"smtp.req.command", "smtp.req.parameter", "smtp.response.code", "smtp.rsp.parameter"}) {
                EXPECT_EQ(s.values(field), tshark_values(ms::test::shared_captures_dir() / c.file, c.stream, field))
                    << c.file << " " << field;
            }
        }
        const bool refused_bodies = std::string_view(c.file).find("invalid") != std::string_view::npos;
        EXPECT_EQ(s.count("smtp.req.unknown"), refused_bodies ? 6u : 0u) << c.file;
    }
}

TEST_F(SmtpCaptures, MessagesAndAuthFromTheZeekSession) {
    Session s = run_case({"zeek/smtp.pcap", 0, true, {}});
    ASSERT_EQ(s.messages.size(), 1u);
    EXPECT_TRUE(s.messages[0].complete);
    // The client stream holds 14549 bytes from after "DATA\r\n" to the end
    // of ".\r\n": 14546 of message, one ".." unstuffed. (Wireshark's 15156
    // also counts the segments quoted inside ICMP errors.)
    EXPECT_EQ(s.messages[0].bytes.size(), 14545u);
    EXPECT_EQ(s.messages[0].bytes.rfind("From: \"Gurpartap Singh\"", 0), 0u);
    EXPECT_NE(s.messages[0].bytes.find("\r\n.MsoChpDefault\r\n"), std::string::npos);
    EXPECT_EQ(s.values("smtp.auth.username"), (Strings{"gurpartap@patriots.in"}));
    EXPECT_EQ(s.values("smtp.auth.password"), (Strings{"punjab@123"}));
    EXPECT_EQ(s.values("smtp.response.code"),
              (Strings{"220", "250", "334", "334", "235", "250", "250", "354", "250", "221"}));
}

TEST_F(SmtpCaptures, StarttlsSessionEndsInTls) {
    Session s = run_case({"ndpi/smtp-starttls.pcap", 0, false, {}});
    EXPECT_GT(s.count("smtp.tls_data"), 2u);
    EXPECT_TRUE(s.dissector().parser()->server_tls());
}

TEST_F(SmtpCaptures, HostileBdatCapturesStayCommands) {
    for (const char* f : {"zeek/smtp__smtp-bdat-cmd-negative-chunk-size.pcap",
                          "zeek/smtp__smtp-bdat-cmd-chunk-size-overflow.pcap",
                          "zeek/smtp__smtp-bdat-cmd-chunk-size-overflow2.pcap"}) {
        Session s = run_case({f, 0, false, {}});
        EXPECT_EQ(s.count("smtp.bdat.bad_size"), 1u) << f;
        auto cmds = s.values("smtp.req.command");
        ASSERT_FALSE(cmds.empty()) << f;
        EXPECT_EQ(cmds.front(), "EHLO") << f;
    }
}

}  // namespace
