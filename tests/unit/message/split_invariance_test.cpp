// Property: however a message is split into feeds, the summary, the sink's
// bytes and the tree are the same. Checked on mutated copies of the fixture
// messages (bytes flipped, lines cut, CR/LF and dashes inserted), which also
// shakes out crashes on malformed input.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "message_test_util.hpp"
#include "support/test_paths.hpp"

namespace {
using ms::imf::MessageDissector;

struct SplitRun {
    ms::Limits limits;
    MessageDissector d{limits};
    ms::test::RecordingSink sink;
    ms::test::TreeResult tree;
};

void run_split(SplitRun& r, const std::string& msg, std::mt19937& rng, bool random_split) {
    r.d.set_sink(&r.sink);
    if (!random_split) {
        r.d.feed(ms::test::as_bytes(msg));
    } else {
        std::size_t i = 0;
        while (i < msg.size()) {
            std::size_t n = std::uniform_int_distribution<std::size_t>(0, 9)(rng);
            n = std::min(n, msg.size() - i);
            r.d.feed(ms::test::as_bytes(std::string_view(msg).substr(i, n)));
            i += n;
        }
    }
    r.d.finish();
    ms::test::build_tree(r.d, msg, r.tree);
}

std::string mutate(std::string msg, std::mt19937& rng) {
    static const char* inserts[] = {"\r\n", "\n", "\r", "--", "=", "=?utf-8?q?", "?=", ":", " ", "\t", "\"", "("};
    int edits = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int k = 0; k < edits && !msg.empty(); ++k) {
        std::size_t at = std::uniform_int_distribution<std::size_t>(0, msg.size() - 1)(rng);
        switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
            case 0: msg[at] = char(std::uniform_int_distribution<int>(0, 255)(rng)); break;
            case 1: msg.erase(at, std::uniform_int_distribution<std::size_t>(1, 20)(rng)); break;
            case 2: msg.insert(at, inserts[std::uniform_int_distribution<std::size_t>(0, 11)(rng)]); break;
            case 3: msg.resize(at); break;
        }
    }
    return msg;
}

TEST(SplitInvariance, MutatedSamplesGiveTheSameResultForAnySplit) {
    ms::test::register_message_fields();
    std::mt19937 rng(20231106);
    auto dir = ms::test::source_dir() / "samples" / "messages";
    int checked = 0;
    for (const char* name : {"02-attachment.eml", "03-alternative-encoded-subject.eml", "04-forward-rfc822.eml",
                             "06-nested-multipart-charsets.eml"}) {
        std::ifstream in(dir / name, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string original = ss.str();
        ASSERT_FALSE(original.empty());
        for (int round = 0; round < 60; ++round) {
            std::string msg = round == 0 ? original : mutate(original, rng);
            SplitRun whole, split;
            run_split(whole, msg, rng, false);
            run_split(split, msg, rng, true);
            ASSERT_EQ(whole.tree.lines, split.tree.lines) << name << " round " << round;
            ASSERT_EQ(whole.sink.parts.size(), split.sink.parts.size());
            for (std::size_t i = 0; i < whole.sink.parts.size(); ++i) {
                EXPECT_EQ(whole.sink.parts[i].data, split.sink.parts[i].data);
                EXPECT_EQ(whole.sink.parts[i].end.sha256_hex, split.sink.parts[i].end.sha256_hex);
            }
            const auto &a = whole.d.summary(), &b = split.d.summary();
            EXPECT_EQ(a.from, b.from);
            EXPECT_EQ(a.subject, b.subject);
            EXPECT_EQ(a.size, b.size);
            EXPECT_EQ(a.attachments.size(), b.attachments.size());
            ++checked;
        }
    }
    EXPECT_EQ(checked, 240);
}

}  // namespace
