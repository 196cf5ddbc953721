// The reduced parses (message_interest.hpp): when only some fields or only
// the summary line are read, the message layer stores fewer headers, skips
// structured parses and maybe the body; what it does show must be exactly
// what the full parse shows. Checked on crafted messages (budgets, folding,
// skipped headers between kept ones) and on every real capture through the
// CLI, with and without a body field or an expert reader forcing the full
// parse.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dissectors/core/ascii.hpp"
#include "dissectors/imf/header_table.hpp"
#include "dissectors/imf/message_interest.hpp"
#include "message_test_util.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace fs = std::filesystem;
using namespace ms;
using namespace ms::test;
using ms::imf::MessageInterest;

namespace {

struct Parsed {
    imf::MessageSummary summary;
    std::vector<std::string> notes;  // "expert@offset+length"
    std::vector<std::string> headers;  // "name: value" of every stored header
};

Parsed parse(std::string_view msg, const MessageInterest* interest, std::size_t piece, Limits limits = {}) {
    static bool registered = (imf::register_fields(FieldRegistry::mutable_global()), true);
    (void)registered;
    imf::MessageDissector d(limits);
    d.set_interest(interest);
    feed_in_pieces(d, msg, piece);
    d.finish(false);
    Parsed p;
    p.summary = d.summary();
    for (const auto& n : d.entities().front().notes)
        p.notes.push_back(std::to_string(n.expert) + "@" + std::to_string(n.offset) + "+" + std::to_string(n.length));
    for (const auto& h : d.entities().front().headers) p.headers.push_back(h.name + ":" + h.value);
    return p;
}

// The stored header of this name in a parse, "" when none.
std::string stored(const Parsed& p, std::string_view name) {
    for (const auto& h : p.headers)
        if (h.size() > name.size() && h[name.size()] == ':' && ms::iequals(std::string_view(h).substr(0, name.size()), name))
            return h.substr(name.size() + 1);
    return {};
}

const char kMessage[] =
    "Received: from a.example (a.example [192.0.2.1]) by b.example with ESMTP id X1;\r\n"
    "\tMon, 2 Jan 2023 10:00:00 +0000\r\n"
    "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n"
    "To: a@example.org, b@example.org\r\n"
    "X-Long: " "0123456789012345678901234567890123456789012345678901234567890123456789\r\n"
    "\t0123456789012345678901234567890123456789012345678901234567890123456789\r\n"
    "Subject: =?ISO-8859-1?Q?caf=E9?=\r\n"
    " continued\r\n"
    "Message-ID: <id-1@example.org>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Body line =C3=A9\r\n";

TEST(ReducedParse, SummaryOnlyKeepsFromSubjectAndTheirValues) {
    const MessageInterest summary = MessageInterest::summary_only(false);
    for (std::size_t piece : {0u, 1u, 7u}) {
        Parsed full = parse(kMessage, nullptr, piece);
        Parsed reduced = parse(kMessage, &summary, piece);
        EXPECT_EQ(reduced.summary.from, full.summary.from);
        EXPECT_EQ(reduced.summary.subject, full.summary.subject);
        EXPECT_EQ(reduced.summary.from, "J\xC3\xBCrgen <j@example.org>");
        EXPECT_EQ(reduced.summary.subject, "caf\xC3\xA9 continued");
        EXPECT_EQ(reduced.summary.message_id, "");  // not asked for
        EXPECT_EQ(full.summary.message_id, "<id-1@example.org>");
        EXPECT_EQ(stored(reduced, "received"), "");
        EXPECT_EQ(stored(reduced, "x-long"), "");
        EXPECT_NE(stored(full, "received"), "");
        // The structure headers are always kept.
        EXPECT_EQ(stored(reduced, "content-type"), stored(full, "content-type"));
    }
    const MessageInterest with_id = MessageInterest::summary_only(true);
    EXPECT_EQ(parse(kMessage, &with_id, 3).summary.message_id, "<id-1@example.org>");
}

// Skipped headers still spend the header budget: the kept ones are cut
// where the full parse cuts them, with the same notes.
TEST(ReducedParse, SkippedHeadersCountAgainstTheBudget) {
    Limits small;
    small.imf_max_header_bytes = 200;
    std::string msg;
    for (int i = 0; i < 6; ++i)
        msg += "X-Filler-" + std::to_string(i) + ": " + std::string(60, 'a' + i) + "\r\n " + std::string(30, 'z') + "\r\n";
    msg += "From: " + std::string(300, 'f') + "@example.org\r\n";
    msg += "Subject: " + std::string(150, 's') + "\r\n\tmore " + std::string(100, 't') + "\r\n";
    msg += "Keywords: late\r\n\r\nbody\r\n";
    const MessageInterest summary = MessageInterest::summary_only(false);
    for (std::size_t piece : {0u, 1u, 13u}) {
        Parsed full = parse(msg, nullptr, piece, small);
        Parsed reduced = parse(msg, &summary, piece, small);
        EXPECT_EQ(reduced.summary.from, full.summary.from);
        EXPECT_EQ(reduced.summary.subject, full.summary.subject);
        EXPECT_EQ(stored(reduced, "from"), stored(full, "from"));
        EXPECT_EQ(stored(reduced, "subject"), stored(full, "subject"));
        EXPECT_EQ(reduced.notes, full.notes);
        EXPECT_FALSE(full.notes.empty());  // the budget was reached: the test means something
        EXPECT_LT(stored(full, "from").size(), 300u);
    }
}

TEST(ReducedParse, ForFieldsStoresWhatTheWantedFieldsRead) {
    static bool registered = (imf::register_fields(FieldRegistry::mutable_global()), true);
    (void)registered;
    ProtoTree tree;
    const FieldId from = imf_fields::id(imf_fields::from);
    const FieldId subject = imf_fields::id(imf_fields::subject);
    tree.keep_only(std::vector<FieldId>{from, subject});
    MessageInterest m = MessageInterest::for_fields(tree);
    EXPECT_TRUE(m.needs_body());  // an encapsulated message has its own From
    EXPECT_TRUE(m.stores("FROM"));
    EXPECT_TRUE(m.stores("subject"));
    EXPECT_FALSE(m.stores("Received"));
    EXPECT_FALSE(m.stores("Date"));
    EXPECT_FALSE(m.stores("X-Unknown"));
    EXPECT_FALSE(m.parses(imf::HeaderKind::MailboxList));
    EXPECT_FALSE(m.parses(imf::HeaderKind::Received));
    EXPECT_FALSE(m.received_path());

    tree.keep_only(std::vector<FieldId>{imf_fields::id(imf_fields::address), imf_fields::id(imf_fields::body_size)});
    m = MessageInterest::for_fields(tree);
    EXPECT_TRUE(m.needs_body());
    EXPECT_TRUE(m.stores("To"));  // its addresses are read
    EXPECT_TRUE(m.stores("return-path"));
    EXPECT_FALSE(m.stores("Subject") && m.parses(imf::HeaderKind::Unstructured));
    EXPECT_TRUE(m.parses(imf::HeaderKind::AddressList));

    tree.keep_only(std::vector<FieldId>{imf_fields::id(imf_fields::received_hop)});
    m = MessageInterest::for_fields(tree);
    EXPECT_TRUE(m.stores("Received"));
    EXPECT_TRUE(m.received_path());

    tree.keep_only(std::vector<FieldId>{mime_fields::id(mime_fields::part)});
    EXPECT_TRUE(MessageInterest::for_fields(tree).needs_body());
    EXPECT_TRUE(MessageInterest::for_fields(tree).stores("X-Anything"));

    tree.keep_all();
    EXPECT_TRUE(MessageInterest::for_fields(tree).needs_body());
    EXPECT_TRUE(MessageInterest::for_fields(tree).stores("X-Anything"));
}

TEST(ReducedParse, HeaderIndexAgreesWithSpecs) {
    for (std::size_t i = 0; i < imf::kHeaderTableSize; ++i) {
        imf::HeaderSpec at = imf::header_spec_at(i);
        EXPECT_NE(at.field, imf_fields::extension);
    }
    EXPECT_EQ(imf::header_spec("FrOm").field, imf_fields::from);
    EXPECT_EQ(imf::header_spec("ARC-Authentication-Results").field, imf_fields::authentication_results);
    EXPECT_EQ(imf::header_spec("X-Nobody").field, imf_fields::extension);
    EXPECT_EQ(imf::header_index(std::string(100, 'a')), -1);
    EXPECT_EQ(imf::header_index(""), -1);
    int i = imf::header_index("Subject");
    ASSERT_GE(i, 0);
    EXPECT_EQ(imf::header_spec_at(std::size_t(i)).field, imf_fields::subject);
}

// ---- real captures through the CLI ------------------------------------------

std::string cli(const fs::path& cap, const std::string& flags) {
    auto r = run_command("TZ=UTC " + cli_path() + " -r " + shell_quote(cap.string()) + " -n " + flags + " 2>/dev/null");
    return r.out;
}

// Drops the last tab-separated column of every line.
std::string without_last_column(const std::string& s) {
    std::string out;
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t nl = s.find('\n', start);
        if (nl == std::string::npos) nl = s.size();
        std::string_view line(s.data() + start, nl - start);
        std::size_t tab = line.rfind('\t');
        out.append(line.substr(0, tab == std::string_view::npos ? line.size() : tab));
        out += '\n';
        start = nl + 1;
    }
    return out;
}

// Passes every frame and reads expert notes: the message layer parses in full.
const std::string kFullParse = " -Y '_ws.expert || !_ws.expert'";

TEST(ReducedParse, HeaderFieldsEqualWithAndWithoutBodyFieldOnRealCaptures) {
    MS_REQUIRE_SHARED_CAPTURES();
    const std::string fields =
        "-T fields -e frame.number -e imf.from -e imf.subject -e imf.message_id -e imf.date -e imf.to";
    std::size_t with_from = 0;
    for (const auto& cap : all_captures()) {
        std::string reduced = cli(cap, fields);
        std::string body = without_last_column(cli(cap, fields + " -e imf.body.size"));
        std::string full = cli(cap, fields + kFullParse);
        EXPECT_EQ(reduced, body) << cap;
        EXPECT_EQ(reduced, full) << cap;
        for (std::size_t at = reduced.find('@'); at != std::string::npos; at = reduced.find('@', at + 1)) ++with_from;
    }
    EXPECT_GT(with_from, 10u);  // the captures do carry messages
}

TEST(ReducedParse, StructuredFieldsEqualWithAndWithoutFullParseOnRealCaptures) {
    MS_REQUIRE_SHARED_CAPTURES();
    const std::string fields =
        "-T fields -e frame.number -e imf.address -e imf.msg_id -e imf.received.by -e imf.received.hop "
        "-e imf.date.utc -e imf.content.type.type -e imf.extension.type";
    for (const auto& cap : all_captures()) {
        std::string reduced = cli(cap, fields);
        EXPECT_EQ(reduced, cli(cap, fields + kFullParse)) << cap;
    }
}

TEST(ReducedParse, SummaryLinesEqualWithAndWithoutFullParseOnRealCaptures) {
    MS_REQUIRE_SHARED_CAPTURES();
    std::size_t imf_lines = 0;
    for (const auto& cap : all_captures()) {
        std::string reduced = cli(cap, "");
        EXPECT_EQ(reduced, cli(cap, kFullParse)) << cap;
        for (std::size_t at = reduced.find("from: "); at != std::string::npos; at = reduced.find("from: ", at + 1))
            ++imf_lines;
    }
    EXPECT_GT(imf_lines, 10u);
}

}  // namespace
