// Real POP3 traffic: each TCP stream's two directions (from tshark's
// "follow,tcp,raw") fed through the dissector, checked against tshark's
// own POP dissection and against what the sessions are known to contain.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "pop3_harness.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

using namespace pop3_test;
using V = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

struct Chunk {
    Dir dir;
    std::string bytes;
};

std::string unhex(std::string_view h) {
    std::string out;
    auto nib = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(char(nib(h[i]) << 4 | nib(h[i + 1])));
    return out;
}

std::vector<uint64_t> streams_of(const fs::path& file) {
    auto r = ms::test::run_command("tshark -r " + ms::test::shell_quote(file.string()) +
                                   " -T fields -e tcp.stream 2>/dev/null | sort -un");
    std::vector<uint64_t> out;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(std::stoull(line));
    return out;
}

// The stream's payload in capture order; lines starting with a tab are
// node 1's. The server is the node on port 110 (else node 1).
std::vector<Chunk> follow(const fs::path& file, uint64_t stream) {
    auto r = ms::test::run_command("tshark -r " + ms::test::shell_quote(file.string()) + " -q -z follow,tcp,raw," +
                                   std::to_string(stream) + " 2>/dev/null");
    std::vector<Chunk> out;
    std::istringstream in(r.out);
    std::string line;
    bool node0_server = false;
    while (std::getline(in, line)) {
        if (line.rfind("Node 0: ", 0) == 0) {
            node0_server = line.size() > 4 && line.substr(line.size() - 4) == ":110";
            continue;
        }
        if (line.empty() || line.rfind("Node", 0) == 0 || line.rfind("====", 0) == 0 ||
            line.rfind("Follow:", 0) == 0 || line.rfind("Filter:", 0) == 0)
            continue;
        const bool node1 = line[0] == '\t';
        const bool server = node1 != node0_server;
        out.push_back(Chunk{server ? Dir::ToClient : Dir::ToServer, unhex(node1 ? line.substr(1) : line)});
    }
    return out;
}

// tshark's pop.request.command values per stream, in order.
std::map<uint64_t, V> tshark_commands(const fs::path& file) {
    auto r = ms::test::run_command("tshark -r " + ms::test::shell_quote(file.string()) +
                                   " -Y pop.request -T fields -e tcp.stream -e pop.request.command 2>/dev/null");
    std::map<uint64_t, V> out;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        uint64_t s = std::stoull(line.substr(0, tab));
        std::string rest = line.substr(tab + 1);
        std::size_t at = 0;
        while (at <= rest.size()) {
            std::size_t comma = rest.find(',', at);
            std::string v = rest.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            if (!v.empty()) out[s].push_back(v);
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
    }
    return out;
}

std::unique_ptr<Session> replay(const std::vector<Chunk>& chunks, std::size_t split = SIZE_MAX) {
    auto s = std::make_unique<Session>();
    for (const auto& c : chunks) s->send(c.dir, c.bytes, split);
    s->end(Dir::ToServer);
    s->end(Dir::ToClient);
    return s;
}

bool have_tshark() { return ms::test::have_program("tshark"); }

fs::path dovecot_sample() { return ms::test::source_dir() / "samples" / "pop3-dovecot.pcap"; }

}  // namespace

// Every stream of every POP3 capture: our request list equals tshark's.
TEST(Pop3Captures, RequestsMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
    const fs::path shared = ms::test::shared_captures_dir();
    std::vector<fs::path> files = {dovecot_sample(), shared / "zeek/pop3__pop3.pcap",
                                   shared / "zeek/pop3-unknown-commands.pcap",
                                   shared / "zeek/pop3__bad-list-retr-crafted.pcap", shared / "zeek/tls__pop3-starttls.pcap",
                                   shared / "ndpi/pop3.pcap", shared / "ndpi/pop3_stls.pcap"};
    std::size_t compared = 0;
    for (const auto& file : files) {
        ASSERT_TRUE(fs::exists(file)) << file;
        auto expected = tshark_commands(file);
        for (uint64_t stream : streams_of(file)) {
            auto chunks = follow(file, stream);
            if (chunks.empty()) continue;
            auto s = replay(chunks);
            EXPECT_EQ(s->request_list(), expected[stream]) << file << " stream " << stream;
            EXPECT_TRUE(s->ranges_ok()) << file << " stream " << stream;
            EXPECT_EQ(s->expert_count("pop.not_pop"), 0u) << file << " stream " << stream;
            EXPECT_EQ(s->expert_count("pop.retr.size_mismatch"), 0u) << file << " stream " << stream;
            ++compared;
        }
    }
    EXPECT_GE(compared, 20u);
}

TEST(Pop3Captures, DovecotSessions) {
    if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
    ASSERT_TRUE(fs::exists(dovecot_sample()));
    auto streams = streams_of(dovecot_sample());
    ASSERT_EQ(streams.size(), 7u);

    // (1) the long session.
    auto one = replay(follow(dovecot_sample(), streams[0]));
    EXPECT_EQ(one->values("pop.stat.count"), (V{"6"}));
    EXPECT_EQ(one->values("pop.stat.size"), (V{"4560"}));
    EXPECT_EQ(one->values("pop.user"), (V{"alice"}));
    EXPECT_EQ(one->values("pop.password"), (V{"wonderland"}));
    ASSERT_EQ(one->messages.size(), 7u);  // TOP 1 5, RETR 1..6
    const V sizes = {"529", "700", "697", "738", "581", "1315"};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(std::to_string(one->messages[i + 1].bytes.size()), sizes[i]) << "RETR " << i + 1;
        EXPECT_TRUE(one->messages[i + 1].complete);
    }
    // RETR 1 is dot-stuffed: un-stuffed content reaches the sink.
    EXPECT_NE(one->messages[1].bytes.find("\r\n.hidden line that starts with a dot\r\n"), std::string::npos);
    EXPECT_NE(one->messages[1].bytes.find("\r\n.\r\nThe next line starts with two dots:\r\n..two dots\r\n"),
              std::string::npos);
    EXPECT_EQ(one->expert_count("pop.response.error"), 2u);  // deleted message, no message 999
    // DELE 2, DELE 3, then RSET: nothing deleted at QUIT.
    EXPECT_EQ(one->values("pop.mailbox.deleted_count"), (V{"0"}));
    EXPECT_EQ(one->values("pop.mailbox.retrieved_count"), (V{"6"}));
    EXPECT_EQ(one->values("pop.mailbox.listed_count"), (V{"6"}));
    EXPECT_EQ(one->values("pop.uidl.uid").size(), 6u);
    EXPECT_FALSE(one->parser().in_multiline());

    // (2) wrong password: -ERR [AUTH].
    auto two = replay(follow(dovecot_sample(), streams[1]));
    EXPECT_EQ(two->values("pop.response.code"), (V{"AUTH"}));
    // (3) APOP with the greeting's timestamp.
    auto three = replay(follow(dovecot_sample(), streams[2]));
    EXPECT_EQ(three->expert_count("pop.apop"), 1u);
    EXPECT_EQ(three->values("pop.apop.timestamp").size(), 2u);
    EXPECT_EQ(three->values("pop.user"), (V{"alice"}));
    // (4) and (5) AUTH PLAIN, with initial response and with "+ ".
    for (int i : {3, 4}) {
        auto s = replay(follow(dovecot_sample(), streams[i]));
        EXPECT_EQ(s->values("pop.user"), (V{"alice"})) << i;
        EXPECT_EQ(s->values("pop.password"), (V{"wonderland"})) << i;
        EXPECT_EQ(s->parser().state(), ms::pop3::SessionState::Update) << i;
    }
    // (6) CRAM-MD5.
    auto six = replay(follow(dovecot_sample(), streams[5]));
    EXPECT_EQ(six->values("pop.user"), (V{"alice"}));
    EXPECT_EQ(six->count("pop.auth.digest"), 1u);
    EXPECT_EQ(six->count("pop.auth.challenge"), 1u);
    // (7) STLS then TLS.
    auto seven = replay(follow(dovecot_sample(), streams[6]));
    EXPECT_EQ(seven->parser().mode(), ms::pop3::Pop3Parser::Mode::Tls);
    EXPECT_GT(seven->count("pop.tls_data"), 5u);
    EXPECT_EQ(seven->request_list(), (V{"CAPA", "CAPA", "STLS"}));
}

TEST(Pop3Captures, OneByteAtATimeMatchesWholeSegments) {
    if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
    auto chunks = follow(dovecot_sample(), streams_of(dovecot_sample())[0]);
    auto whole = replay(chunks);
    auto bytes = replay(chunks, 1);
    for (const char* f : {"pop.request.command", "pop.request.parameter", "pop.response.description", "pop.msg",
                          "pop.list.size", "pop.uidl.uid", "pop.capa", "pop.message.length", "pop.mailbox.deleted_count"})
        EXPECT_EQ(bytes->values(f), whole->values(f)) << f;
    EXPECT_EQ(bytes->experts(), whole->experts());
    ASSERT_EQ(bytes->messages.size(), whole->messages.size());
    for (std::size_t i = 0; i < whole->messages.size(); ++i) EXPECT_EQ(bytes->messages[i].bytes, whole->messages[i].bytes);
}

TEST(Pop3Captures, RedisIsNotPop3) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
    const fs::path file = ms::test::shared_captures_dir() / "zeek/pop3__redis-50-pings.pcap";
    auto s = replay(follow(file, 0));
    EXPECT_EQ(s->parser().mode(), ms::pop3::Pop3Parser::Mode::NotPop);
    EXPECT_EQ(s->expert_count("pop.not_pop"), 1u);
    EXPECT_EQ(s->count("pop.request"), 0u);
    EXPECT_EQ(s->count("pop.response"), 0u);
    EXPECT_EQ(s->experts().size(), 1u);
}

TEST(Pop3Captures, CraftedBadListAndUnknownCommands) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_tshark()) GTEST_SKIP() << "tshark not installed";
    const fs::path dir = ms::test::shared_captures_dir() / "zeek";
    auto bad = replay(follow(dir / "pop3__bad-list-retr-crafted.pcap", 0));
    EXPECT_EQ(bad->expert_count("pop.response.malformed"), 1u);
    ASSERT_EQ(bad->messages.size(), 1u);
    EXPECT_EQ(bad->messages[0].bytes.rfind("MIME-Version: 1.0\r\n", 0), 0u);
    EXPECT_TRUE(bad->messages[0].complete);

    // STAT answered with "+ ..." lines: not a status line.
    auto unk = replay(follow(dir / "pop3-unknown-commands.pcap", 0));
    EXPECT_GE(unk->expert_count("pop.response.malformed"), 1u);
    EXPECT_EQ(unk->values("pop.user"), (V{"zeek@zeek.org"}));
}
