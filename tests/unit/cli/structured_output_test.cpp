// -T json|jsonraw|ek|pdml|psml on every capture we have: the documents are
// well-formed whatever the traffic, hostile header bytes included, and the
// options that shape them (-e, -j/-J, -x, -O, -S, -G decodes) do what
// tshark's do.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "strict_json.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

CommandResult ours(const std::string& cap, const std::string& args) {
    return run_command(cli_path() + " -r " + shell_quote(cap) + " " + args + " 2>/dev/null");
}

JsonValue parse_or_fail(const std::string& text, const std::string& what) {
    JsonValue v;
    std::string err;
    EXPECT_TRUE(StrictJson::parse(text, v, err)) << what << ": " << err;
    return v;
}

// Every line of -T ek is one JSON object; index lines and packet lines alternate.
std::vector<JsonValue> parse_ek(const std::string& text, const std::string& what) {
    std::vector<JsonValue> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(parse_or_fail(line, what));
    return out;
}

bool xml_well_formed(const std::string& path, std::string& err) {
    auto r = run_command("xmllint --noout " + shell_quote(path) + " 2>&1");
    err = r.out;
    return r.status == 0;
}

// ---- a crafted SMTP session with hostile bytes in the message headers ----

using Bytes = std::string;

void le32(Bytes& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b += char((v >> (8 * i)) & 0xff);
}
void be16(Bytes& b, uint16_t v) {
    b += char(v >> 8);
    b += char(v & 0xff);
}
void be32(Bytes& b, uint32_t v) {
    be16(b, uint16_t(v >> 16));
    be16(b, uint16_t(v));
}

struct Conversation {
    Bytes pcap;
    uint32_t seq[2] = {1000, 5000};  // client, server
    uint32_t t = 0;

    Conversation() {
        le32(pcap, 0xa1b2c3d4);
        le32(pcap, 2 | (4u << 16));  // version 2.4
        le32(pcap, 0);
        le32(pcap, 0);
        le32(pcap, 65535);
        le32(pcap, 1);  // Ethernet
    }
    void segment(bool from_client, uint8_t flags, const Bytes& payload) {
        Bytes f(12, '\0');
        f[5] = from_client ? 1 : 2;
        f[11] = from_client ? 2 : 1;
        be16(f, 0x0800);
        // IPv4
        f += char(0x45);
        f += char(0);
        be16(f, uint16_t(20 + 20 + payload.size()));
        be16(f, 1);
        be16(f, 0x4000);
        f += char(64);
        f += char(6);
        be16(f, 0);
        be32(f, from_client ? 0x0a000001 : 0x0a000002);
        be32(f, from_client ? 0x0a000002 : 0x0a000001);
        // TCP
        be16(f, from_client ? 40000 : 25);
        be16(f, from_client ? 25 : 40000);
        int me = from_client ? 0 : 1;
        be32(f, seq[me]);
        be32(f, (flags & 0x10) ? seq[1 - me] : 0);
        f += char(0x50);
        f += char(flags);
        be16(f, 65535);
        be16(f, 0);
        be16(f, 0);
        f += payload;
        seq[me] += uint32_t(payload.size()) + ((flags & 0x02) ? 1 : 0);
        le32(pcap, 1700000000 + t / 1000);
        le32(pcap, (t % 1000) * 1000);
        ++t;
        le32(pcap, uint32_t(f.size()));
        le32(pcap, uint32_t(f.size()));
        pcap += f;
    }
};

std::string hostile_capture(const std::filesystem::path& dir) {
    Conversation c;
    c.segment(true, 0x02, "");
    c.segment(false, 0x12, "");
    c.segment(true, 0x10, "");
    c.segment(false, 0x18, "220 mx \"quoted\" <greeting> & \x01\x1b[31m\xff\r\n");
    c.segment(true, 0x18, "EHLO \"evil\\\"}]},{\x02\xc0\xaf</field>\r\n");
    c.segment(false, 0x18, "250 ok\r\n");
    c.segment(true, 0x18, "MAIL FROM:<a@example.test>\r\n");
    c.segment(false, 0x18, "250 ok\r\n");
    c.segment(true, 0x18, "RCPT TO:<b@example.test>\r\n");
    c.segment(false, 0x18, "250 ok\r\n");
    c.segment(true, 0x18, "DATA\r\n");
    c.segment(false, 0x18, "354 go\r\n");
    static const char body[] = "body \0\x01\r\n.\r\n";  // a NUL byte in the body
    c.segment(true, 0x18,
              "From: \"Mal\\\"lory\" <m@example.test>\r\n"
              "Subject: quote\" backslash\\ ctl\x01\x07\x1f del\x7f latin1 caf\xe9 bad\xff\xfe "
              "]]></x>\"},{\r\n"
              "X-Evil: <!-- --> &amp; \xed\xa0\x80 \xf4\x90\x80\x80\r\n"
              "\r\n" +
                  std::string(body, sizeof body - 1));
    c.segment(false, 0x18, "250 queued\r\n");
    std::string path = (dir / "hostile-smtp.pcap").string();
    std::ofstream(path, std::ios::binary) << c.pcap;
    return path;
}

class HostileCapture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("ms-structured-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        cap_ = hostile_capture(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
    std::string cap_;
};

// Finds the first string member named `key` anywhere below v.
const JsonValue* find_member(const JsonValue& v, std::string_view key) {
    for (const auto& [k, m] : v.members) {
        if (k == key) return &m;
        if (auto* r = find_member(m, key)) return r;
    }
    for (const auto& i : v.items)
        if (auto* r = find_member(i, key)) return r;
    return nullptr;
}

TEST_F(HostileCapture, JsonIsValidAndCarriesTheHeaderBytesEscaped) {
    auto r = ours(cap_, "-T json");
    ASSERT_EQ(r.status, 0);
    JsonValue doc = parse_or_fail(r.out, "json");
    ASSERT_EQ(doc.kind, JsonValue::Array);
    EXPECT_EQ(doc.items.size(), 14u);
    const JsonValue* subject = find_member(doc, "imf.subject");
    ASSERT_NE(subject, nullptr) << "no imf.subject in the JSON";
    // Quotes, backslashes and control bytes come back exactly; bytes that
    // are not UTF-8 come back as U+FFFD.
    EXPECT_NE(subject->text.find("quote\" backslash\\ ctl\x01\x07\x1f del\x7f"), std::string::npos) << subject->text;
    EXPECT_NE(subject->text.find("caf\xEF\xBF\xBD bad\xEF\xBF\xBD\xEF\xBF\xBD"), std::string::npos) << subject->text;
    EXPECT_NE(subject->text.find("]]></x>\"},{"), std::string::npos);
    const JsonValue* helo = find_member(doc, "smtp.req.parameter");
    ASSERT_NE(helo, nullptr);
    EXPECT_NE(helo->text.find("\"evil\\\"}]},{\x02"), std::string::npos) << helo->text;
}

TEST_F(HostileCapture, EveryJsonFlavourParses) {
    for (const char* args : {"-T json -x", "-T jsonraw", "-T json -e imf.subject -e smtp.req.parameter",
                             "-T json -j \"smtp imf\"", "-T json -J imf"}) {
        auto r = ours(cap_, args);
        ASSERT_EQ(r.status, 0) << args;
        parse_or_fail(r.out, args);
    }
    for (const char* args : {"-T ek", "-T ek -x", "-T ek -e imf.subject -e smtp.response", "-T ek -j imf"}) {
        auto r = ours(cap_, args);
        ASSERT_EQ(r.status, 0) << args;
        auto lines = parse_ek(r.out, args);
        EXPECT_EQ(lines.size(), 28u) << args;
    }
    auto ek = parse_ek(ours(cap_, "-T ek -e imf.subject").out, "ek");
    bool found = false;
    for (const auto& l : ek)
        if (auto* layers = l.get("layers"))
            if (auto* s = layers->get("imf_subject")) {
                ASSERT_EQ(s->kind, JsonValue::Array);
                EXPECT_NE(s->items.at(0).text.find("ctl\x01\x07\x1f"), std::string::npos);
                found = true;
            }
    EXPECT_TRUE(found);
}

TEST_F(HostileCapture, PdmlAndPsmlAreWellFormedXml) {
    if (!have_program("xmllint")) GTEST_SKIP() << "xmllint not installed";
    for (const char* args : {"-T pdml", "-T psml", "-T pdml -e imf.subject -e smtp.req.parameter", "-T pdml -j imf"}) {
        auto r = ours(cap_, args);
        ASSERT_EQ(r.status, 0) << args;
        std::string path = (dir_ / "out.xml").string();
        std::ofstream(path, std::ios::binary) << r.out;
        std::string err;
        EXPECT_TRUE(xml_well_formed(path, err)) << args << ": " << err;
        // No raw control byte other than tab/CR/LF survives into the XML.
        for (unsigned char ch : r.out) EXPECT_FALSE(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') << args;
    }
    auto pdml = ours(cap_, "-T pdml").out;
    EXPECT_NE(pdml.find("quote&quot; backslash\\ ctl\\x01\\x07\\x1f del\\x7f latin1 caf\xEF\xBF\xBD"), std::string::npos);
    EXPECT_NE(pdml.find("]]&gt;&lt;/x&gt;&quot;},{"), std::string::npos);
}

TEST(StructuredOutput, EveryCaptureGivesValidJsonEkAndXml) {
    auto caps = all_captures();
    ASSERT_FALSE(caps.empty());
    bool xmllint = have_program("xmllint");
    auto tmp = std::filesystem::temp_directory_path() / ("ms-structured-all-" + std::to_string(::getpid()) + ".xml");
    int checked = 0;
    for (const auto& cap : caps) {
        std::string c = cap.string();
        auto json = ours(c, "-T json -x");
        ASSERT_EQ(json.status, 0) << c;
        JsonValue doc = parse_or_fail(json.out, c);
        ASSERT_EQ(doc.kind, JsonValue::Array) << c;
        auto frames = ours(c, "-T fields -e frame.number").out;
        std::size_t n = std::count(frames.begin(), frames.end(), '\n');
        EXPECT_EQ(doc.items.size(), n) << c;
        auto ek = parse_ek(ours(c, "-T ek").out, c);
        EXPECT_EQ(ek.size(), 2 * n) << c;
        parse_or_fail(ours(c, "-T jsonraw").out, c);
        if (xmllint) {
            for (const char* fmt : {"-T pdml", "-T psml"}) {
                std::ofstream(tmp, std::ios::binary) << ours(c, fmt).out;
                std::string err;
                EXPECT_TRUE(xml_well_formed(tmp.string(), err)) << c << " " << fmt << ": " << err.substr(0, 500);
            }
        }
        ++checked;
    }
    std::filesystem::remove(tmp);
    EXPECT_GE(checked, 5);
}

TEST(StructuredOutput, JsonLayersFollowTheTree) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    JsonValue doc = parse_or_fail(ours(caps[0].string(), "-T json -c 4").out, "json");
    ASSERT_EQ(doc.items.size(), 4u);
    const JsonValue& p = doc.items[0];
    ASSERT_NE(p.get("_index"), nullptr);
    EXPECT_EQ(p.get("_index")->text.rfind("packets-", 0), 0u);
    EXPECT_EQ(p.get("_type")->text, "doc");
    EXPECT_EQ(p.get("_score")->kind, JsonValue::Null);
    const JsonValue* layers = p.get("_source")->get("layers");
    ASSERT_NE(layers, nullptr);
    std::vector<std::string> names;
    for (const auto& [k, v] : layers->members) names.push_back(k);
    EXPECT_EQ(names, (std::vector<std::string>{"frame", "eth", "ip", "tcp"}));
    // A field with children: its value, then "<name>_tree".
    const JsonValue* tcp = layers->get("tcp");
    ASSERT_NE(tcp->get("tcp.flags"), nullptr);
    EXPECT_EQ(tcp->get("tcp.flags")->kind, JsonValue::String);
    ASSERT_NE(tcp->get("tcp.flags_tree"), nullptr);
    EXPECT_EQ(tcp->get("tcp.flags_tree")->get("tcp.flags.syn")->text, "1");
    // Duplicate keys stay, as in tshark (tcp.port once per port).
    int ports = 0;
    for (const auto& [k, v] : tcp->members) ports += k == "tcp.port";
    EXPECT_EQ(ports, 2);
    // A text item is keyed by its label.
    EXPECT_NE(tcp->get("Timestamps"), nullptr);
}

TEST(StructuredOutput, EkFieldsAreArraysInArgumentOrder) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    auto lines = parse_ek(ours(caps[0].string(), "-T ek -e tcp.port -e frame.number -c 2").out, "ek");
    ASSERT_EQ(lines.size(), 4u);
    const JsonValue& idx = lines[0];
    EXPECT_EQ(idx.get("index")->get("_type")->text, "doc");
    const JsonValue* layers = lines[1].get("layers");
    ASSERT_NE(layers, nullptr);
    ASSERT_EQ(layers->members.size(), 2u);
    EXPECT_EQ(layers->members[0].first, "tcp_port");
    EXPECT_EQ(layers->members[0].second.items.size(), 2u);
    EXPECT_EQ(layers->members[1].first, "frame_number");
    EXPECT_EQ(layers->members[1].second.items.at(0).text, "1");
    EXPECT_EQ(lines[1].get("timestamp")->text.size(), 13u);  // milliseconds since the epoch
}

TEST(StructuredOutput, UnknownFieldAndFormatAreRejected) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    auto r = run_command(cli_path() + " -r " + shell_quote(caps[0].string()) + " -T ek -e no.such.field 2>&1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no.such.field"), std::string::npos);
    r = run_command(cli_path() + " -r " + shell_quote(caps[0].string()) + " -T yaml 2>&1");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("\"pdml\""), std::string::npos);
}

TEST(StructuredOutput, EmptySelectionStillGivesAWholeDocument) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    std::string c = caps[0].string();
    EXPECT_EQ(ours(c, "-T json -Y frame.number==0").out, "[]\n");
    EXPECT_EQ(ours(c, "-T ek -Y frame.number==0").out, "");
    auto pdml = ours(c, "-T pdml -Y frame.number==0").out;
    EXPECT_NE(pdml.find("<pdml "), std::string::npos);
    EXPECT_EQ(pdml.substr(pdml.size() - 8), "</pdml>\n");
}

TEST(DetailOptions, SeparatorReplacesTheBlankLineAfterEachPacket) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    std::string c = caps[0].string();
    auto v = ours(c, "-V -c 3 -S ==sep==").out;
    auto plain = ours(c, "-V -c 3").out;
    std::size_t seps = 0;
    for (std::size_t p = 0; (p = v.find("\n==sep==\n", p)) != std::string::npos; ++p) ++seps;
    EXPECT_EQ(seps, 3u);
    // Same text otherwise: each separator line stands where the blank line was.
    std::string back = v;
    for (std::size_t p; (p = back.find("==sep==\n")) != std::string::npos;) back.replace(p, 8, "\n");
    EXPECT_EQ(back, plain);
    auto x = ours(c, "-x -c 2 -S ==sep==").out;
    auto xplain = ours(c, "-x -c 2").out;
    for (std::size_t p; (p = x.find("==sep==\n")) != std::string::npos;) x.replace(p, 8, "\n");
    EXPECT_EQ(x, xplain);
    // Summary lines get no separator (as in tshark).
    EXPECT_EQ(ours(c, "-c 2 -S ==sep==").out.find("==sep=="), std::string::npos);
}

TEST(DetailOptions, DetailOnlyForTheNamedProtocols) {
    auto caps = sample_captures();
    ASSERT_FALSE(caps.empty());
    std::string c = caps[0].string();
    auto o = ours(c, "-O tcp -c 1").out;
    auto full = ours(c, "-V -c 1").out;
    // Frame, Ethernet and IP appear as one header line each, TCP in full.
    EXPECT_NE(o.find("Frame 1: "), std::string::npos);
    EXPECT_EQ(o.find("    Encapsulation type"), std::string::npos);
    EXPECT_EQ(o.find("    Destination: "), std::string::npos);
    EXPECT_NE(o.find("Internet Protocol Version 4"), std::string::npos);
    EXPECT_EQ(o.find("    Time to Live"), std::string::npos);
    EXPECT_NE(o.find("    Source Port: "), std::string::npos);
    auto tcp_at = full.find("Transmission Control Protocol");
    ASSERT_NE(tcp_at, std::string::npos);
    EXPECT_NE(o.find(full.substr(tcp_at)), std::string::npos);
}

TEST(Glossary, DecodesListsTheMailPorts) {
    auto r = run_command(cli_path() + " -G decodes");
    ASSERT_EQ(r.status, 0);
    for (const char* line : {"tcp.port\t25\tsmtp\n", "tcp.port\t587\tsmtp\n", "tcp.port\t110\tpop\n", "tcp.port\t143\timap\n"})
        EXPECT_NE(r.out.find(line), std::string::npos) << line;
    if (have_program("tshark")) {
        // tshark's TCP-port entries for the mail protocols are all ours too.
        auto t = run_command("tshark -G decodes 2>/dev/null").out;
        std::istringstream in(t);
        std::string l;
        int seen = 0;
        while (std::getline(in, l)) {
            if (l.rfind("tcp.port\t", 0) != 0) continue;
            std::string proto = l.substr(l.rfind('\t') + 1);
            if (proto != "smtp" && proto != "pop" && proto != "imap") continue;
            EXPECT_NE(r.out.find(l + "\n"), std::string::npos) << l;
            ++seen;
        }
        EXPECT_GE(seen, 3);
    }
}

}  // namespace
