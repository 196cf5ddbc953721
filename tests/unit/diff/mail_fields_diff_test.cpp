// The mail dissectors' key fields agree with tshark's, frame for frame and
// value for value, on every shared capture and sample, through the real
// mailscope-cli. Where tshark 4.0 is wrong (or a PDU sits on another frame
// by design) the difference must match one of the NAMED rules below, each
// narrow enough to fail on anything else; everything else is a failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;
using Values = std::vector<std::string>;

// Separator and aggregator no mail value contains (tab and comma do).
constexpr char kSep = '\x1f';
constexpr char kAgg = '\x1e';

const std::vector<std::string> kFields = {
    "smtp.req.command",    "smtp.req.parameter",     "smtp.response.code",     "smtp.rsp.parameter",
    "pop.request.command", "pop.request.parameter",  "pop.response.indicator", "pop.response.description",
    "imap.request_tag",    "imap.request.command",   "imap.response_tag",      "imap.response.status",
    "imf.from",            "imf.to",                 "imf.subject",            "imf.date",
    "imf.message_id",
};
// Our own context per frame (not compared): what the rules look at.
const std::vector<std::string> kContext = {
    "imap.response", "imap.literal.size", "imap.decompressed.length", "imap.request", "pop.request.data", "imap.fetch.data",
};

Values split(const std::string& s, char by) {
    Values out;
    if (s.empty()) return out;
    std::size_t at = 0;
    while (true) {
        auto c = s.find(by, at);
        out.push_back(s.substr(at, c == std::string::npos ? std::string::npos : c - at));
        if (c == std::string::npos) break;
        at = c + 1;
    }
    return out;
}

struct Row {
    int frame = 0;
    int stream = -1;
    std::map<std::string, Values> v;  // field -> occurrences
    const Values& at(const std::string& f) const {
        static const Values none;
        auto it = v.find(f);
        return it == v.end() ? none : it->second;
    }
    bool has(const std::string& f) const { return !at(f).empty(); }
};

std::map<int, Row> run_fields(const std::string& tool, const std::filesystem::path& cap,
                              const std::vector<std::string>& fields) {
    std::string cmd = "TZ=UTC " + tool + " -r " + shell_quote(cap.string()) + " -n -T fields -E separator=$'\\x1f'" +
                      " -E aggregator=$'\\x1e' -e frame.number -e tcp.stream";
    for (const auto& f : fields) cmd += " -e " + f;
    std::map<int, Row> rows;
    std::istringstream in(run_command("bash -c " + shell_quote(cmd + " 2>/dev/null")).out);
    std::string line;
    while (std::getline(in, line)) {
        Values cols = split(line, kSep);
        if (cols.empty() || cols[0].empty()) continue;
        cols.resize(fields.size() + 2);
        Row r;
        r.frame = std::stoi(cols[0]);
        r.stream = cols[1].empty() ? -1 : std::stoi(split(cols[1], kAgg)[0]);
        for (std::size_t i = 0; i < fields.size(); ++i) r.v[fields[i]] = split(cols[i + 2], kAgg);
        rows[r.frame] = std::move(r);
    }
    return rows;
}

bool is_status_word(const std::string& w) {
    return w == "OK" || w == "NO" || w == "BAD" || w == "BYE" || w == "PREAUTH";
}

// Our tags and statuses with untagged ("* ...") lines left out, from our
// imap.response lines in order: what tshark 4.0 shows, since it gives
// untagged lines no response fields at all.
void tagged_only(const Row& ctx, Values& tags, Values& statuses) {
    for (const auto& line : ctx.at("imap.response")) {
        Values words = split(line, ' ');
        if (words.empty() || words[0] == "*" || words[0] == "+") continue;
        tags.push_back(words[0]);
        if (words.size() > 1 && is_status_word(words[1])) statuses.push_back(words[1]);
    }
}

bool is_subsequence(const Values& small, const Values& big) {
    std::size_t j = 0;
    for (const auto& x : small) {
        while (j < big.size() && big[j] != x) ++j;
        if (j == big.size()) return false;
        ++j;
    }
    return true;
}

bool non_ascii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return true;
    return false;
}

// tshark keeps a folded header's line breaks; both tools print them escaped.
std::string unfold_tshark(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 4, "\\r\\n") == 0) { i += 3; continue; }
        if (s.compare(i, 2, "\\t") == 0) { out += '\t'; ++i; continue; }
        out += s[i];
    }
    return out;
}

struct Capture {
    std::string name;
    std::map<int, Row> ours, theirs, ctx;
    std::map<int, std::set<int>> bdat_frames;      // stream -> frames with a BDAT command (ours)
    std::map<int, std::set<int>> refused_frames;   // stream -> frames with a 500/503 reply (ours)
};

bool bdat_before(const Capture& c, const Row& r) {
    auto it = c.bdat_frames.find(r.stream);
    return it != c.bdat_frames.end() && !it->second.empty() && *it->second.begin() <= r.frame;
}

// The named exceptions. Returns the rule's name, or "" when none applies.
std::string exception_for(const Capture& c, const Row& o, const Row& t, const Row& x, const std::string& f) {
    const Values& ov = o.at(f);
    const Values& tv = t.at(f);
    const bool smtp_req = f == "smtp.req.command" || f == "smtp.req.parameter";
    const bool imf = f.rfind("imf.", 0) == 0;

    // tshark 4.0 splits STARTTLS into command "STAR" and parameter "TLS".
    if (smtp_req && o.at("smtp.req.command") == Values{"STARTTLS"} && t.at("smtp.req.command") == Values{"STAR"})
        return "tshark splits STARTTLS into STAR + TLS";
    // tshark 4.0 shows every client byte after the first BDAT as DATA
    // fragments (and builds no message, or one of the wrong bytes).
    if ((smtp_req && tv.empty()) || imf)
        if (bdat_before(c, o)) return "tshark reads everything after the first BDAT as data";
    // tshark 4.0 enters DATA mode on DATA even when the server refuses it
    // (503); the server then answers each following line "500 unrecognized
    // command", which shows they are commands.
    if ((smtp_req && tv.empty()) || (imf && ov.empty())) {
        auto it = c.refused_frames.find(o.stream);
        if (it != c.refused_frames.end()) {
            auto prev = it->second.lower_bound(o.frame);
            if (prev != it->second.begin()) return "tshark takes lines after a refused DATA as a message";
        }
    }
    // smtp-submission-auth.pcap: tshark 4.0 glues the CRAM-MD5 response line
    // onto the message's first header, so its Date: is not a Date field.
    if (f == "imf.date" && c.name == "smtp-submission-auth.pcap" && o.frame == 69 && tv.empty())
        return "tshark glues the AUTH CRAM-MD5 response onto the message";

    // POP3 SASL (RFC 5034): tshark 4.0 takes the "+ " continuation as message
    // data and the client's base64 response line as a command.
    if ((f == "pop.response.indicator" || f == "pop.response.description") && tv.empty() &&
        o.at("pop.response.indicator") == Values{"+"})
        return "tshark takes the POP SASL '+' continuation as data";
    if ((f == "pop.request.command" || f == "pop.request.parameter") && ov.empty() && x.has("pop.request.data") &&
        !o.has("pop.request.command"))
        return "tshark takes a POP SASL response line as a command";

    // IMAP.
    const bool imap_rsp = f == "imap.response_tag" || f == "imap.response.status";
    // FETCH BODY[HEADER] and other section fetches: mailscope shows them as
    // data with their section and hands only whole messages (BODY[],
    // RFC822, BINARY[]) to the message layer; tshark parses a header-only
    // fetch as a message.
    if (imf && ov.empty() && x.has("imap.fetch.data")) return "section fetches are data, not messages";
    if ((f.rfind("imap.", 0) == 0 || imf) && x.has("imap.decompressed.length"))
        return "tshark does not inflate COMPRESS=DEFLATE";
    // A "+ text" continuation: tshark 4.0 takes the text's first word as a status.
    if (f == "imap.response.status" && ov.empty() && tv.size() == 1)
        for (const auto& line : x.at("imap.response"))
            if (line.rfind("+ ", 0) == 0 && split(line, ' ').size() > 1 && split(line, ' ')[1] == tv[0])
                return "tshark takes an IMAP continuation's first word as a status";
    // IDLE's "DONE" ends the IDLE command; tshark 4.0 shows it as a tag.
    if (f == "imap.request.command" && ov == Values{"DONE"} && tv.empty() && t.at("imap.request_tag") == Values{"DONE"})
        return "tshark takes IDLE's DONE as a tag";
    // The lines of an APPEND literal (a message): tshark lists them as commands.
    if ((f == "imap.request_tag" || f == "imap.request.command") && ov.empty() && o.has("imf.from"))
        return "tshark lists the lines of an APPEND literal as commands, not a message";
    if (imap_rsp || f == "imap.request_tag" || f == "imap.request.command") {
        Values tags, statuses;
        tagged_only(x, tags, statuses);
        const Values& want = f == "imap.response_tag" ? tags : f == "imap.response.status" ? statuses : ov;
        // Our values must be what we say they are, untagged lines aside.
        const bool untagged_only = imap_rsp && want != ov;
        if (x.has("imap.literal.size") && is_subsequence(want, tv))
            return "tshark parses lines inside IMAP literals as commands/responses";
        if (untagged_only && want == tv) return "tshark gives untagged IMAP responses no fields";
        // A SASL response line inside AUTHENTICATE: tshark takes its base64 as a tag.
        if ((f == "imap.request_tag" || f == "imap.request.command") && ov.empty() && x.has("imap.request") &&
            !o.has("imap.request_tag"))
            return "tshark takes an IMAP SASL response line as a command";
    }
    if (imf && !ov.empty() && tv.empty() && t.has("imap.request_tag") && !o.has("imap.request_tag"))
        return "tshark lists the lines of an APPEND literal as commands, not a message";

    if (imf) {
        // Values: tshark keeps a folded field's line breaks (printed escaped);
        // our -T fields printer does not escape strings, so our field holds
        // the unfolded value.
        if (!ov.empty() && ov.size() == tv.size()) {
            bool all = true;
            for (std::size_t i = 0; i < ov.size() && all; ++i) all = unfold_tshark(ov[i]) == unfold_tshark(tv[i]);
            if (all) return "tshark keeps folding line breaks in header values";
            bool mangled = false;
            for (std::size_t i = 0; i < ov.size(); ++i)
                mangled = mangled || (ov[i] != tv[i] && non_ascii(ov[i]) && tv[i].find("\xEF\xBF\xBD") != std::string::npos);
            if (mangled) return "tshark shows 8-bit header bytes as U+FFFD and cuts the value";
            // Bounded memory: a field longer than the stored share is cut.
            if (ov.size() == 1 && ov[0].size() >= 8192 && unfold_tshark(tv[0]).rfind(unfold_tshark(ov[0]), 0) == 0)
                return "header value cut at the header budget (imf.max_header_bytes)";
        }
        // Bounded memory: repeated fields past the header budget are not stored.
        if (!ov.empty() && ov.size() < tv.size() && std::equal(ov.begin(), ov.end(), tv.begin()))
            return "repeated header fields past the header budget (imf.max_header_bytes) not stored";
        // POP3: tshark 4.0 dissects no message whose first bytes share a
        // segment with "+OK", and dissects a message spread over segments
        // segment by segment (headers on the first). We show the message on
        // the frame of its terminating ".", as the SMTP dissector does.
        {
            bool pop_frame = false;
            for (const auto& [n, row] : c.ours)
                if (row.stream == o.stream && row.has("pop.response.indicator")) { pop_frame = true; break; }
            if (pop_frame) {
                if (tv.empty()) return "POP message shown on its last frame (tshark: first segment or none)";
                for (auto it = c.ours.upper_bound(o.frame); it != c.ours.end(); ++it)
                    if (it->second.stream == o.stream && !it->second.at(f).empty()) {
                        const Values& later = it->second.at(f);
                        // tshark's value may be cut where its segment ended.
                        if (later == tv || (later.size() == tv.size() && unfold_tshark(later[0]).rfind(unfold_tshark(tv[0]), 0) == 0))
                            return "POP message shown on its last frame (tshark: first segment or none)";
                        break;
                    }
            }
        }
    }
    return "";
}

struct Tally {
    long agree = 0, excepted = 0, differ = 0;
};

TEST(MailFieldsDiff, MailFieldsAgreeWithTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_program("tshark")) GTEST_SKIP() << "tshark not installed; differential test skipped";
    auto caps = shared_captures();
    for (auto& s : sample_captures()) caps.push_back(s);

    std::map<std::string, Tally> per_field;
    std::map<std::string, long> per_rule;
    std::vector<std::string> failures;
    for (const auto& path : caps) {
        Capture c;
        c.name = path.filename().string();
        c.theirs = run_fields("tshark", path, kFields);
        c.ours = run_fields(cli_path(), path, kFields);
        c.ctx = run_fields(cli_path(), path, kContext);
        ASSERT_EQ(c.ours.size(), c.theirs.size()) << path;
        for (const auto& [n, r] : c.ours) {
            for (const auto& cmd : r.at("smtp.req.command"))
                if (cmd == "BDAT") c.bdat_frames[r.stream].insert(n);
            for (const auto& code : r.at("smtp.response.code"))
                if (code == "503" || code == "500") c.refused_frames[r.stream].insert(n);
        }
        Tally cap_tally;
        for (const auto& [n, o] : c.ours) {
            const Row& t = c.theirs[n];
            const Row& x = c.ctx[n];
            for (const auto& f : kFields) {
                const Values& ov = o.at(f);
                const Values& tv = t.at(f);
                if (ov.empty() && tv.empty()) continue;
                Tally& ft = per_field[f];
                if (ov == tv) {
                    ++ft.agree, ++cap_tally.agree;
                    continue;
                }
                std::string rule = exception_for(c, o, t, x, f);
                if (!rule.empty()) {
                    ++ft.excepted, ++cap_tally.excepted, ++per_rule[rule];
                    continue;
                }
                ++ft.differ, ++cap_tally.differ;
                std::string a, b;
                for (auto& v : ov) a += (a.empty() ? "" : "|") + v.substr(0, 120);
                for (auto& v : tv) b += (b.empty() ? "" : "|") + v.substr(0, 120);
                failures.push_back(c.name + " frame " + std::to_string(n) + " " + f + ": ours '" + a + "' tshark '" +
                                   b + "'");
            }
        }
        std::printf("[capture] %-55s %5ld agree, %4ld named exceptions, %ld differ\n", c.name.c_str(),
                    cap_tally.agree, cap_tally.excepted, cap_tally.differ);
    }
    long total_agree = 0;
    for (const auto& f : kFields) {
        const Tally& t = per_field[f];
        total_agree += t.agree;
        std::printf("[field] %-26s %5ld/%ld frames agree (%ld named exceptions, %ld differ)\n", f.c_str(), t.agree,
                    t.agree + t.excepted + t.differ, t.excepted, t.differ);
    }
    for (const auto& [rule, n] : per_rule) std::printf("[exception] %4ld x %s\n", n, rule.c_str());
    for (const auto& msg : failures) ADD_FAILURE() << msg;
    // Every field is present somewhere in the captures and mostly agrees.
    for (const auto& f : kFields) EXPECT_GT(per_field[f].agree, 0) << f;
    EXPECT_GT(total_agree, 2000);
}

}  // namespace
