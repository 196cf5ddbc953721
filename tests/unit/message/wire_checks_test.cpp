// The message checked against the capture: Received headers against the
// SMTP session that carried the message (or carried it earlier), hop dates
// against the capture clock, Message-IDs seen twice, and the bounded
// registry behind them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dissectors/imf/message_id_registry.hpp"
#include "dissectors/imf/received.hpp"
#include "dissectors/imf/received_checks.hpp"
#include "message_test_util.hpp"

namespace {
using ms::imf::MessageIdRegistry;
using ms::imf::ReceivedInfo;
using ms::imf::SmtpEnds;
using ms::imf::WireContext;
namespace X = ::imf_experts;

constexpr int64_t kSec = 1'000'000'000;
// Mon, 06 Nov 2023 09:00:00 +0000
constexpr int64_t kNine = 1699261200LL * kSec;

std::vector<ReceivedInfo> hops(std::initializer_list<const char*> headers) {
    std::vector<ReceivedInfo> v;
    for (const char* h : headers) v.push_back(ms::imf::parse_received(h));
    return v;
}

bool has(const std::vector<ms::imf::ReceivedFinding>& f, X::Expert e, std::size_t index) {
    return std::any_of(f.begin(), f.end(), [&](const auto& x) { return x.expert == e && x.header_index == index; });
}

WireContext smtp_wire(const char* helo, const char* server, const char* ip, int64_t ts = kNine) {
    WireContext w;
    w.known = true;
    w.frame_ts_ns = ts;
    w.smtp = SmtpEnds{helo, server, ip};
    return w;
}

TEST(ReceivedParse, EximShapeTakesHeloFromTheComment) {
    ReceivedInfo r = ms::imf::parse_received(
        "from mail.example.org ([192.0.2.7] helo=liar.example) by mx.example.net with esmtp id 1; "
        "Mon, 06 Nov 2023 09:00:00 +0000");
    EXPECT_EQ(r.helo, "liar.example");
    EXPECT_EQ(r.rdns, "mail.example.org");
    EXPECT_EQ(r.ip, "192.0.2.7");
    ReceivedInfo lit = ms::imf::parse_received("from [192.0.2.9] (helo=h.example) by mx; Mon, 06 Nov 2023 09:00:00 +0000");
    EXPECT_EQ(lit.helo, "h.example");
    EXPECT_EQ(lit.ip, "192.0.2.9");
    // Postfix's shape is unchanged: the HELO first, the verified name in the comment.
    ReceivedInfo pf = ms::imf::parse_received("from h.example (rdns.example [192.0.2.1]) by mx; Mon, 06 Nov 2023 09:00:00 +0000");
    EXPECT_EQ(pf.helo, "h.example");
    EXPECT_EQ(pf.rdns, "rdns.example");
}

TEST(ReceivedCompare, HostsAndAddressesByValue) {
    EXPECT_TRUE(ms::imf::same_host("MX.Example.ORG.", "mx.example.org"));
    EXPECT_TRUE(ms::imf::same_host("[192.0.2.1]", "192.0.2.1"));
    EXPECT_FALSE(ms::imf::same_host("mx1.example.org", "mx2.example.org"));
    EXPECT_TRUE(ms::imf::same_ip("::ffff:192.0.2.1", "192.0.2.1"));
    EXPECT_TRUE(ms::imf::same_ip("IPv6:2001:db8::1", "2001:DB8:0:0::1"));
    EXPECT_TRUE(ms::imf::same_ip("fe80::1%15", "fe80::1"));
    EXPECT_FALSE(ms::imf::same_ip("192.0.2.1", "192.0.2.2"));
    EXPECT_FALSE(ms::imf::same_ip("not-an-ip", "not-an-ip"));
}

TEST(ReceivedChecks, SmtpTopmostHopWasAddedByTheClient) {
    auto h = hops({"from a.example (a.example [198.51.100.1]) by relay.example with ESMTP; Mon, 06 Nov 2023 08:59:58 +0000",
                   "from b by a.example; Mon, 06 Nov 2023 08:59:00 +0000"});
    // The client introduced itself as the host that added the topmost header: nothing to say.
    EXPECT_TRUE(ms::imf::check_received(h, smtp_wire("relay.example", "mx.example", "203.0.113.5")).empty());
    auto f = ms::imf::check_received(h, smtp_wire("other.example", "mx.example", "203.0.113.5"));
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(has(f, X::received_by_not_client, 0));
    EXPECT_NE(f[0].text.find("relay.example"), std::string::npos);
    EXPECT_NE(f[0].text.find("other.example"), std::string::npos);
    // Without a HELO on the wire (capture started mid-session) there is nothing to compare.
    EXPECT_TRUE(ms::imf::check_received(h, smtp_wire("", "mx.example", "203.0.113.5")).empty());
    // Nothing is known of the wire: no checks at all.
    EXPECT_TRUE(ms::imf::check_received(h, WireContext{}).empty());
}

TEST(ReceivedChecks, DatesAgainstTheCaptureClock) {
    auto future = hops({"from a by relay.example; Mon, 06 Nov 2023 11:00:00 +0000",
                        "from b by a; Mon, 06 Nov 2023 09:10:00 +0000"});
    auto f = ms::imf::check_received(future, smtp_wire("relay.example", "", ""));
    ASSERT_EQ(f.size(), 1u);  // once per message, on the topmost
    EXPECT_TRUE(has(f, X::received_future, 0));
    EXPECT_NE(f[0].text.find("2 h 0 min later"), std::string::npos) << f[0].text;
    EXPECT_NE(f[0].text.find("(2 Received headers are)"), std::string::npos) << f[0].text;
    // Four minutes ahead is clock drift, not a finding.
    auto drift = hops({"from a by relay.example; Mon, 06 Nov 2023 09:04:00 +0000"});
    EXPECT_TRUE(ms::imf::check_received(drift, smtp_wire("relay.example", "", "")).empty());
    // The client relaying it kept it three hours: a note, SMTP only.
    auto old = hops({"from a by relay.example; Mon, 06 Nov 2023 06:00:00 +0000"});
    f = ms::imf::check_received(old, smtp_wire("relay.example", "", ""));
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(has(f, X::received_skew, 0));
    EXPECT_NE(f[0].text.find("3 h 0 min"), std::string::npos) << f[0].text;
    WireContext pop;
    pop.known = true;
    pop.frame_ts_ns = kNine;
    EXPECT_TRUE(ms::imf::check_received(old, pop).empty());  // a mailbox keeps mail for days
}

TEST(ReceivedChecks, LaterCopyShowsTheEarlierSmtpSession) {
    // Retrieved over POP3 after arriving over SMTP in frame 40 from
    // 192.0.2.1, which said EHLO client.example to mx.example.
    WireContext w;
    w.known = true;
    w.frame_ts_ns = kNine;
    w.duplicate_of = 40;
    w.earlier_smtp = SmtpEnds{"client.example", "mx.example", "192.0.2.1"};
    w.earlier_smtp_frame = 40;
    auto honest = hops({"from localhost by mx.example (Postfix, from userid 8); Mon, 06 Nov 2023 08:59:59 +0000",
                        "from client.example (rdns.example [192.0.2.1]) by mx.example with ESMTP; Mon, 06 Nov 2023 08:59:58 +0000"});
    EXPECT_TRUE(ms::imf::check_received(honest, w).empty());

    auto forged = hops({"from trusted.example (trusted.example [10.9.9.9]) by MX.example. with ESMTP; Mon, 06 Nov 2023 08:59:58 +0000"});
    auto f = ms::imf::check_received(forged, w);
    EXPECT_TRUE(has(f, X::received_helo_mismatch, 0));
    EXPECT_TRUE(has(f, X::received_ip_mismatch, 0));
    EXPECT_FALSE(has(f, X::received_by_not_server, 0));
    for (const auto& x : f) EXPECT_NE(x.text.find("frame 40"), std::string::npos) << x.text;

    auto elsewhere = hops({"from client.example ([192.0.2.1]) by other.example; Mon, 06 Nov 2023 08:59:58 +0000"});
    f = ms::imf::check_received(elsewhere, w);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(has(f, X::received_by_not_server, 0));

    // Sent again over SMTP by another client without the server's header on
    // top (a resend): its headers say nothing about the earlier session.
    w.smtp = SmtpEnds{"relay.example", "mx2.example", "198.51.100.9"};
    auto resend = hops({"from x by relay.example; Mon, 06 Nov 2023 08:59:58 +0000"});
    EXPECT_TRUE(ms::imf::check_received(resend, w).empty());
}

TEST(MessageIdRegistry, RemembersFirstFrameAndSession) {
    MessageIdRegistry reg;
    SmtpEnds s{"c.example", "mx.example", "192.0.2.1"};
    reg.note_frame(10);
    auto r = reg.record("a@x", 10, &s);
    EXPECT_EQ(r.first_frame, 0u);
    reg.note_frame(20);
    r = reg.record("b@x", 20, nullptr);
    EXPECT_EQ(r.first_frame, 0u);
    reg.note_frame(30);
    r = reg.record("a@x", 30, nullptr);
    EXPECT_EQ(r.first_frame, 10u);
    ASSERT_NE(r.smtp, nullptr);
    EXPECT_EQ(*r.smtp, s);
    r = reg.record("b@x", 31, &s);
    EXPECT_EQ(r.first_frame, 20u);
    EXPECT_EQ(r.smtp, nullptr);  // its first copy did not come over SMTP
    // Frames going back: a new pass over a capture forgets everything.
    reg.note_frame(5);
    EXPECT_EQ(reg.size(), 0u);
    EXPECT_EQ(reg.record("a@x", 5, nullptr).first_frame, 0u);
}

TEST(MessageIdRegistry, BoundedThenStopsWithOneNote) {
    MessageIdRegistry reg;
    reg.set_max_ids_for_test(3000);
    for (int i = 0; i < 3000; ++i) EXPECT_EQ(reg.record("id" + std::to_string(i), 100 + i, nullptr).first_frame, 0u);
    EXPECT_EQ(reg.size(), 3000u);
    auto r = reg.record("new1", 5000, nullptr);
    EXPECT_TRUE(r.stopped_now);
    EXPECT_FALSE(reg.record("new2", 5001, nullptr).stopped_now);  // said once
    EXPECT_EQ(reg.size(), 3000u);
    EXPECT_TRUE(reg.stopped());
    // Ids remembered before the cap are still recognised.
    EXPECT_EQ(reg.record("id1234", 6000, nullptr).first_frame, 1334u);
}

const char kForwarded[] =
    "Received: from client.example (rdns.example [192.0.2.1]) by mx.example with ESMTP id A;\r\n"
    " Mon, 06 Nov 2023 08:59:58 +0000\r\n"
    "From: a@example\r\n"
    "Message-ID: <dup@example>\r\n"
    "Subject: hi\r\n"
    "\r\n"
    "body\r\n";

TEST(MessageTree, WireFindingsInTheReceivedPathAndDuplicateNote) {
    ms::test::register_message_fields();
    ms::Limits limits;
    ms::imf::MessageDissector d(limits);
    ms::test::feed_in_pieces(d, kForwarded, 0);
    d.finish();
    WireContext w;
    w.known = true;
    w.frame_ts_ns = kNine;
    w.duplicate_of = 12;
    w.earlier_smtp = SmtpEnds{"client.example", "mx.example", "203.0.113.50"};
    w.earlier_smtp_frame = 12;
    d.set_wire(w);
    ms::test::TreeResult t;
    ms::test::build_tree(d, kForwarded, t);
    const auto& tree = t.ctx.tree;
    auto& reg = ms::FieldRegistry::global();
    std::vector<std::string> texts;
    bool ip = false, dup = false;
    for (const auto& e : tree.experts()) {
        texts.emplace_back(tree.expert_text(e));
        ip = ip || e.field == reg.find("imf.received.ip_mismatch");
        dup = dup || e.field == reg.find("imf.message_id.duplicate");
    }
    EXPECT_TRUE(ip);
    EXPECT_TRUE(dup);
    EXPECT_EQ(ms::test::field_values(tree, "imf.message_id.duplicate_of"), std::vector<std::string>{"12"});
    // The address finding sits under the hop of the Received path.
    auto hop = std::find_if(t.lines.begin(), t.lines.end(), [](const std::string& l) { return l.find("Hop 1:") != std::string::npos; });
    ASSERT_NE(hop, t.lines.end());
    ASSERT_NE(hop + 1, t.lines.end());
    EXPECT_NE((hop + 1)->find("203.0.113.50"), std::string::npos) << *(hop + 1);
    EXPECT_EQ(ms::test::field_values(tree, "imf.received.helo_mismatch").size(), 0u);

    // The same message without a wire context: no findings at all.
    ms::imf::MessageDissector plain(limits);
    ms::test::feed_in_pieces(plain, kForwarded, 0);
    plain.finish();
    ms::test::TreeResult u;
    ms::test::build_tree(plain, kForwarded, u);
    EXPECT_TRUE(u.ctx.tree.experts().empty());
}

}  // namespace
