// Real traffic: every IMAP capture, each TCP stream fed chunk by chunk as
// tshark's "follow,tcp,raw" gives it, compared frame by frame with tshark's
// imap.request_tag / request.command / response_tag / response.status.
// Where tshark 4.0 is wrong the rule below says why and what we check instead.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "imap_harness.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms;
using namespace ms::imap::test;
using V = std::vector<std::string>;

struct Values {
    V req_tags, commands, rsp_tags, statuses;  // statuses of tagged responses only
    bool operator==(const Values&) const = default;
};

std::string show(const V& v) {
    std::string s;
    for (auto& x : v) s += (s.empty() ? "" : ",") + x;
    return "[" + s + "]";
}
std::string show(const Values& v) {
    return "tags" + show(v.req_tags) + " cmds" + show(v.commands) + " rsp" + show(v.rsp_tags) + " st" + show(v.statuses);
}

V split(const std::string& s) {
    V out;
    if (s.empty()) return out;
    std::size_t at = 0;
    while (true) {
        auto c = s.find(',', at);
        out.push_back(s.substr(at, c == std::string::npos ? std::string::npos : c - at));
        if (c == std::string::npos) break;
        at = c + 1;
    }
    return out;
}

// tshark's values for each frame with TCP payload, grouped by stream.
std::map<int, std::vector<Values>> tshark_values(const std::filesystem::path& cap) {
    using ms::test::run_command;
    const std::string cmd = "tshark -r " + ms::test::shell_quote(cap.string()) +
                            " -n -T fields -E occurrence=a -e tcp.stream -e imap.request_tag -e imap.request.command"
                            " -e imap.response_tag -e imap.response.status -Y 'tcp.len>0' 2>/dev/null";
    std::map<int, std::vector<Values>> out;
    std::istringstream in(run_command(cmd).out);
    std::string line;
    while (std::getline(in, line)) {
        V cols;
        std::size_t at = 0;
        while (true) {
            auto t = line.find('\t', at);
            cols.push_back(line.substr(at, t == std::string::npos ? std::string::npos : t - at));
            if (t == std::string::npos) break;
            at = t + 1;
        }
        cols.resize(5);
        Values v{split(cols[1]), split(cols[2]), split(cols[3]), split(cols[4])};
        out[std::stoi(cols[0])].push_back(v);
    }
    return out;
}

Values our_values(const FrameOut& f) {
    Values v;
    std::string last_tag;
    for (const auto& [name, value] : f.fields) {
        if (name == "imap.request_tag") v.req_tags.push_back(value);
        else if (name == "imap.request.command") v.commands.push_back(value);
        else if (name == "imap.response_tag") {
            last_tag = value;
            // Rule 2: tshark gives untagged "*" lines no response fields at all.
            if (value != "*") v.rsp_tags.push_back(value);
        } else if (name == "imap.response.status" && last_tag != "*") {
            v.statuses.push_back(value);
        }
    }
    return v;
}

// Rule 1: tshark gives a "+ text" continuation the text's first word as a
// status (none when the text is empty). A continuation has no status; we
// show its text as imap.continuation. Drop those pseudo statuses.
Values without_continuation_status(const Values& t, const FrameOut& ours) {
    Values v = t;
    const V conts = ours.values("imap.continuation");
    V st;
    std::size_t s = 0, c = 0;
    for (auto& tag : t.rsp_tags) {
        if (tag == "+") {
            const bool has_text = c < conts.size() && !conts[c].empty();
            ++c;
            if (has_text && s < t.statuses.size()) ++s;
            continue;
        }
        if (s < t.statuses.size()) st.push_back(t.statuses[s++]);
    }
    v.statuses = st;
    return v;
}

bool is_subsequence(const V& small, const V& big) {
    std::size_t j = 0;
    for (auto& x : small) {
        while (j < big.size() && big[j] != x) ++j;
        if (j == big.size()) return false;
        ++j;
    }
    return true;
}

struct CaptureReport {
    int frames = 0, equal = 0, literal_frames = 0, sasl_frames = 0, compressed_frames = 0, tls_frames = 0;
    std::vector<std::string> problems;
    std::vector<Values> compressed;  // ours, after COMPRESS
};

CaptureReport compare_capture(const std::filesystem::path& cap) {
    CaptureReport r;
    auto theirs = tshark_values(cap);
    auto streams = follow_streams(cap);
    for (std::size_t s = 0; s < streams.size(); ++s) {
        Harness h;
        h.feed_all(streams[s]);
        const auto& t = theirs[int(s)];
        if (t.size() != h.frames().size()) {
            r.problems.push_back("stream " + std::to_string(s) + ": " + std::to_string(h.frames().size()) +
                                 " chunks vs " + std::to_string(t.size()) + " tshark frames");
            continue;
        }
        for (std::size_t i = 0; i < t.size(); ++i) {
            const FrameOut& f = h.frames()[i];
            ++r.frames;
            Values ours = our_values(f);
            Values want = without_continuation_status(t[i], f);
            // Rule 3: after COMPRESS, tshark shows deflate bytes as text; we inflate.
            if (f.has("imap.compressed")) {
                ++r.compressed_frames;
                r.compressed.push_back(ours);
                continue;
            }
            // Rule 4: after STARTTLS tshark hands the bytes to TLS; so do we.
            if (f.has("imap.tls_data")) {
                ++r.tls_frames;
                if (!ours.req_tags.empty() || !ours.rsp_tags.empty()) r.problems.push_back(cap.filename().string() + ": IMAP inside TLS");
                continue;
            }
            // Rule 5: tshark parses lines inside {n} literals (message bodies,
            // APPEND data) as commands and responses ("From:" as a tag, ")"
            // as a response tag). We take them as data: our values must be
            // tshark's with those extra lines left out.
            if (f.has("imap.literal.data")) {
                ++r.literal_frames;
                if (!is_subsequence(ours.req_tags, want.req_tags) || !is_subsequence(ours.rsp_tags, want.rsp_tags) ||
                    !is_subsequence(ours.statuses, want.statuses))
                    r.problems.push_back(cap.filename().string() + " stream " + std::to_string(s) + " chunk " +
                                         std::to_string(i) + " (literal): ours " + show(ours) + " tshark " + show(want));
                continue;
            }
            // Rule 6: a SASL response line inside AUTHENTICATE is not a
            // command; tshark takes its base64 as a tag.
            if (f.has("imap.request") && ours.req_tags.empty() && !f.values("imap.request.command").size() &&
                f.values("imap.request").size() == 1) {
                ++r.sasl_frames;
                continue;
            }
            // Rule 7: IDLE's "DONE" ends the command; tshark calls it a tag.
            if (ours.commands == V{"DONE"} && ours.req_tags.empty()) {
                ours.req_tags = {"DONE"};
                ours.commands.clear();
            }
            if (ours == want) ++r.equal;
            else
                r.problems.push_back(cap.filename().string() + " stream " + std::to_string(s) + " chunk " +
                                     std::to_string(i) + ": ours " + show(ours) + " tshark " + show(want));
        }
    }
    return r;
}

std::filesystem::path shared(const std::string& rel) { return ms::test::shared_captures_dir() / rel; }

TEST(ImapCaptures, DovecotSampleAgreesWithTshark) {
    if (!ms::test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
    const auto cap = ms::test::source_dir() / "samples" / "imap-dovecot.pcap";
    CaptureReport r = compare_capture(cap);
    for (auto& p : r.problems) ADD_FAILURE() << p;
    std::fprintf(stderr, "frames %d equal %d literal %d sasl %d compressed %d tls %d\n", r.frames, r.equal,
                 r.literal_frames, r.sasl_frames, r.compressed_frames, r.tls_frames);
    EXPECT_GT(r.equal, 80);
    EXPECT_GE(r.literal_frames, 5);
    EXPECT_EQ(r.sasl_frames, 1);
    EXPECT_GE(r.tls_frames, 3);
    // The COMPRESS session, inflated: the commands the README lists.
    V tags, cmds, statuses;
    for (auto& v : r.compressed) {
        tags.insert(tags.end(), v.req_tags.begin(), v.req_tags.end());
        cmds.insert(cmds.end(), v.commands.begin(), v.commands.end());
        statuses.insert(statuses.end(), v.statuses.begin(), v.statuses.end());
    }
    EXPECT_EQ(cmds, (V{"CAPABILITY", "SELECT", "FETCH", "FETCH", "NOOP", "LOGOUT"}));
    EXPECT_EQ(statuses, (V(6, "OK")));
    EXPECT_EQ(tags.size(), 6u);
}

TEST(ImapCaptures, SharedCapturesAgreeWithTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!ms::test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
    for (const char* rel : {"ndpi/imap.pcap", "ndpi/imap-starttls.pcap", "zeek/tls__imap-starttls.pcap"}) {
        CaptureReport r = compare_capture(shared(rel));
        for (auto& p : r.problems) ADD_FAILURE() << p;
        std::fprintf(stderr, "%s: frames %d equal %d literal %d tls %d\n", rel, r.frames, r.equal, r.literal_frames, r.tls_frames);
        EXPECT_GT(r.equal, 3) << rel;
    }
}

// Feeding every capture one byte at a time shows the same field values as
// feeding each segment whole.
TEST(ImapCaptures, BytewiseFeedMatchesWholeFeed) {
    if (!ms::test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
    std::vector<std::filesystem::path> caps = {ms::test::source_dir() / "samples" / "imap-dovecot.pcap"};
    if (!ms::test::shared_captures_dir().empty())
        for (const char* rel : {"ndpi/imap.pcap", "ndpi/imap-starttls.pcap", "zeek/tls__imap-starttls.pcap"})
            caps.push_back(shared(rel));
    auto values = [](const Harness& h) {
        V out;
        for (const auto& f : h.frames())
            for (const auto& [name, value] : f.fields)
                if (name != "imap.literal.data" && name != "imap.compressed" && name != "imap.decompressed.length" &&
                    name != "imap.tls_data" && name != "imap" && name != "imap.isrequest")
                    out.push_back(name + "=" + value);
        return out;
    };
    for (const auto& cap : caps) {
        auto streams = follow_streams(cap);
        ASSERT_FALSE(streams.empty()) << cap;
        for (std::size_t s = 0; s < streams.size(); ++s) {
            Harness whole, bytes;
            whole.feed_all(streams[s]);
            bytes.feed_all(streams[s], 1);
            EXPECT_EQ(values(bytes), values(whole)) << cap << " stream " << s;
            ASSERT_EQ(bytes.carried().messages.size(), whole.carried().messages.size());
        }
    }
}

// The dovecot sample's carried messages: FETCH BODY[] and APPEND literals
// reach the message layer whole, and the modified UTF-7 folder is decoded.
TEST(ImapCaptures, DovecotMessagesAndFolders) {
    if (!ms::test::have_program("tshark")) GTEST_SKIP() << "tshark not installed";
    auto streams = follow_streams(ms::test::source_dir() / "samples" / "imap-dovecot.pcap");
    ASSERT_GE(streams.size(), 5u);
    Harness h;
    h.feed_all(streams[0]);
    const auto& msgs = h.carried().messages;
    ASSERT_GE(msgs.size(), 3u);
    EXPECT_NE(msgs[0].bytes.find("Subject: Dot-stuffing check"), std::string::npos);
    EXPECT_TRUE(msgs[0].complete);
    // FETCH 5: body lines that look like IMAP are message text, not commands.
    EXPECT_NE(msgs[1].bytes.find("a001 LOGOUT"), std::string::npos);
    bool append = false;
    for (auto& m : msgs)
        if (m.dir == Dir::ToServer) {
            append = true;
            EXPECT_EQ(m.bytes.size(), 298u);
        }
    EXPECT_TRUE(append);
    V folders = h.all("imap.request.folder");
    EXPECT_NE(std::find(folders.begin(), folders.end(), "Donn\xC3\xA9" "es re\xC3\xA7" "ues"), folders.end());
    EXPECT_EQ(h.count_expert("imap.response.unmatched"), 0);
    EXPECT_EQ(h.count_expert("imap.malformed"), 0);
    EXPECT_EQ(h.count_expert("imap.response.bad"), 1);   // FETCH x
    EXPECT_EQ(h.count_expert("imap.response.no"), 1);    // SELECT of a missing mailbox
}

}  // namespace
