// The tree: Wireshark's field names and labels for headers and the MIME
// tree, decoded values beside raw ones, and the same tree whatever the split.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "message_test_util.hpp"

namespace {
using ms::imf::MessageDissector;
using ms::FieldId;
using ms::SourceId;
using ms::test::field_values;

const char kMessage[] =
    "Return-Path: <bounce@example.test>\r\n"
    "Received: from mx2.example.test (mx2.example.test [192.0.2.2]) by mx3.example.test with ESMTP id B;\r\n"
    " Mon, 06 Nov 2023 09:00:05 +0000\r\n"
    "Received: from client (client.example.test [192.0.2.1]) by mx2.example.test with ESMTPSA id A;\r\n"
    " Mon, 06 Nov 2023 10:00:00 +0100\r\n"
    "From: \"Doe, J\" <j@example.test>, =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>\r\n"
    "To: undisclosed-recipients:;\r\n"
    "Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
    " =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=\r\n"
    "Date: Mon, 06 Nov 2023 09:00:00 +0000\r\n"
    "Message-ID: <m1@example.test>\r\n"
    "References: <a@x> <b@y>\r\n"
    "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=sel;\r\n b=abc\r\n def\r\n"
    "X-Custom: hello\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n"
    "\r\n"
    "preamble\r\n"
    "--=_b\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "UGxlYXNlIHBheSB0aGUgaW52b2ljZSDinJM=\r\n"
    "--=_b\r\n"
    "Content-Type: text/csv; name=\"n.csv\"\r\n"
    "\r\n"
    "a,b\r\n"
    "--=_b--\r\n";

struct Built {
    ms::Limits limits;
    MessageDissector d{limits};
    ms::test::TreeResult tree;
    explicit Built(std::string_view msg, std::size_t piece = 0) {
        ms::test::register_message_fields();
        ms::test::feed_in_pieces(d, msg, piece);
        d.finish();
        ms::test::build_tree(d, msg, tree);
    }
    std::vector<std::string> values(std::string_view f) const { return field_values(tree.ctx.tree, f); }
    bool has_line(std::string_view text) const {
        return std::any_of(tree.lines.begin(), tree.lines.end(),
                           [&](const std::string& l) { return l.find(text) != std::string::npos; });
    }
};

TEST(MessageTree, HeadersUseWiresharkFieldsWithDecodedValues) {
    Built b(kMessage);
    EXPECT_EQ(b.values("imf").size(), 1u);
    // Return-Path's address, then From's two.
    EXPECT_EQ(b.values("imf.address"), (std::vector<std::string>{"bounce@example.test", "j@example.test", "keld@dkuug.dk"}));
    EXPECT_EQ(b.values("imf.display_name")[0], "Doe, J");
    EXPECT_EQ(b.values("imf.mailbox_list.item").size(), 2u);
    EXPECT_TRUE(b.has_line("From: \"Doe, J\" <j@example.test>, =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>, 2 items"));
    auto decoded = b.values("imf.decoded");
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), "Keld J\xC3\xB8rn Simonsen"), decoded.end());
    EXPECT_NE(std::find(decoded.begin(), decoded.end(), "If you can read this you understand the example."), decoded.end());
    EXPECT_EQ(b.values("imf.address.group"), std::vector<std::string>{"undisclosed-recipients"});
    EXPECT_EQ(b.values("imf.msg_id"), (std::vector<std::string>{"<m1@example.test>", "<a@x>", "<b@y>"}));
    EXPECT_EQ(b.values("imf.dkim_signature.domain"), std::vector<std::string>{"example.test"});
    EXPECT_EQ(b.values("imf.extension.type"), std::vector<std::string>{"X-Custom"});
    EXPECT_EQ(b.values("imf.content.type.type")[0], "multipart/mixed");
    EXPECT_EQ(b.d.summary().subject, "If you can read this you understand the example.");
    EXPECT_EQ(b.d.summary().from, "\"Doe, J\" <j@example.test>, Keld J\xC3\xB8rn Simonsen <keld@dkuug.dk>");
    ASSERT_EQ(b.values("imf.date.utc").size(), 1u);
}

TEST(MessageTree, ReceivedHopsInPathOrder) {
    Built b(kMessage);
    EXPECT_EQ(b.values("imf.received.ip"), (std::vector<std::string>{"192.0.2.2", "192.0.2.1"}));
    EXPECT_EQ(b.values("imf.received.hop"), (std::vector<std::string>{"1", "2"}));
    // Hop 1 (the lower header) at 09:00:00Z, hop 2 at 09:00:05Z.
    EXPECT_EQ(b.values("imf.received.delta"), std::vector<std::string>{"5.000000000"});
    EXPECT_TRUE(b.has_line("Hop 1: from client [192.0.2.1] by mx2.example.test with ESMTPSA"));
    EXPECT_TRUE(b.tree.ctx.tree.experts().empty());

    std::string backwards = kMessage;
    backwards.replace(backwards.find("09:00:05 +0000"), 14, "08:59:00 +0000");
    Built c(backwards);
    FieldId x = ms::FieldRegistry::global().find("imf.received.backwards");
    ASSERT_EQ(c.tree.ctx.tree.experts().size(), 1u);
    EXPECT_EQ(c.tree.ctx.tree.experts()[0].field, x);
}

TEST(MessageTree, MimeTreeBoundariesAndBodies) {
    Built b(kMessage);
    EXPECT_EQ(b.values("mime_multipart.type"), std::vector<std::string>{"multipart/mixed"});
    EXPECT_EQ(b.values("mime_multipart.first_boundary"), std::vector<std::string>{"\r\n--=_b\r\n"});
    EXPECT_EQ(b.values("mime_multipart.boundary"), std::vector<std::string>{"\r\n--=_b\r\n"});
    EXPECT_EQ(b.values("mime_multipart.last_boundary"), std::vector<std::string>{"\r\n--=_b--\r\n"});
    EXPECT_EQ(b.values("mime_multipart.preamble"), std::vector<std::string>{"707265616d626c65"});
    EXPECT_EQ(b.values("mime_multipart.part"), (std::vector<std::string>{"text/plain", "text/csv"}));
    EXPECT_EQ(b.values("mime_multipart.header.content-type").size(), 2u);
    EXPECT_TRUE(b.has_line("Encapsulated multipart part:  (text/csv)"));
    EXPECT_TRUE(b.has_line("MIME Multipart Media Encapsulation, Type: multipart/mixed, Boundary: \"=_b\""));
    auto text = b.values("imf.body.text");
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0], "Please pay the invoice \xE2\x9C\x93");
    EXPECT_EQ(text[1], "a,b");
    EXPECT_EQ(b.values("imf.body.md5")[1], ms::test::md5_hex("a,b"));
    EXPECT_EQ(b.values("imf.body.path"), (std::vector<std::string>{"1", "2"}));
    // The base64 body got its own data source, and the text points into it.
    bool found = false;
    for (const auto& s : b.tree.ctx.sources) found = found || s.name == "Decoded base64 (26 bytes)";
    EXPECT_TRUE(found);
}

TEST(MessageTree, RangesPointIntoTheMessageSource) {
    Built b(kMessage);
    const auto& t = b.tree.ctx.tree;
    FieldId subj = ms::FieldRegistry::global().find("imf.subject");
    bool seen = false;
    t.for_each(subj, [&](uint32_t i) {
        const auto& r = t.node(i).range;
        EXPECT_EQ(r.source, b.tree.src);
        std::string_view msg = kMessage;
        EXPECT_EQ(msg.substr(r.offset, 8), "Subject:");
        EXPECT_EQ(msg.substr(r.offset + r.length - 2, 2), "\r\n");
        seen = true;
    });
    EXPECT_TRUE(seen);
}

TEST(MessageTree, SelectedFieldsModeSkipsLabelsAndSources) {
    ms::test::register_message_fields();
    ms::Limits limits;
    MessageDissector d(limits);
    d.feed(ms::test::as_bytes(kMessage));
    d.finish();
    ms::FrameContext ctx;
    static const uint8_t empty = 0;
    ctx.begin_frame({&empty, 0});
    FieldId want[] = {ms::FieldRegistry::global().find("imf.body.text")};
    ctx.tree.keep_only(want);
    SourceId src = ctx.add_source("Message", ms::test::as_bytes(kMessage));
    d.add_tree(ctx, ctx.tree.root(), src);
    EXPECT_EQ(field_values(ctx.tree, "imf.body.text").size(), 2u);
    EXPECT_EQ(ctx.sources.size(), 2u);  // frame + message only
}

TEST(MessageTree, SameTreeForEveryFeedSize) {
    const std::string msg = kMessage;
    Built whole(msg);
    for (std::size_t piece : {1, 2, 3, 7, 13, 64}) {
        Built split(msg, piece);
        EXPECT_EQ(split.tree.lines, whole.tree.lines) << "piece " << piece;
    }
}

TEST(MessageTree, MalformedValuesGiveExpertItems) {
    Built b("Subject: =?UTF-8?Q?bad=ZZ?= and =?x-no-such?Q?abc?=\r\nDate: the day after tomorrow\r\n"
            "To: \"unterminated <x@y>\r\n\r\nbody\r\n");
    auto has = [&](std::string_view abbrev) {
        FieldId f = ms::FieldRegistry::global().find(abbrev);
        for (const auto& e : b.tree.ctx.tree.experts())
            if (e.field == f) return true;
        return false;
    };
    EXPECT_TRUE(has("imf.encoded_word.malformed"));
    EXPECT_TRUE(has("imf.date.malformed"));
    EXPECT_TRUE(has("imf.address.malformed"));
    EXPECT_EQ(b.values("imf.subject"), std::vector<std::string>{"=?UTF-8?Q?bad=ZZ?= and =?x-no-such?Q?abc?="});
}

TEST(MessageTree, AuthenticationListAndSpfHeaders) {
    Built b("Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.net;\r\n dkim=pass header.d=example.net\r\n"
            "Received-SPF: Pass (mailfrom) identity=mailfrom\r\n"
            "List-Unsubscribe: <mailto:u@example.net>, <https://example.net/u>\r\n"
            "X-Originating-IP: [198.51.100.9]\r\nUser-Agent: Tester/1.0\r\nX-Mailer: Mailer 2\r\n\r\nhi\r\n");
    EXPECT_EQ(b.values("imf.authentication_results.authserv_id"), std::vector<std::string>{"mx.example.org"});
    EXPECT_EQ(b.values("imf.authentication_results.result"),
              (std::vector<std::string>{"spf=pass smtp.mailfrom=example.net", "dkim=pass header.d=example.net"}));
    EXPECT_EQ(b.values("imf.received_spf.result"), std::vector<std::string>{"pass"});
    EXPECT_EQ(b.values("imf.list.uri"), (std::vector<std::string>{"mailto:u@example.net", "https://example.net/u"}));
    EXPECT_EQ(b.values("imf.x_originating_ip"), std::vector<std::string>{"[198.51.100.9]"});
    EXPECT_EQ(b.values("imf.user_agent"), std::vector<std::string>{"Tester/1.0"});
    EXPECT_EQ(b.values("imf.ext.mailer"), std::vector<std::string>{"Mailer 2"});
    EXPECT_EQ(b.values("imf.body.text"), std::vector<std::string>{"hi\r\n"});
}

}  // namespace
