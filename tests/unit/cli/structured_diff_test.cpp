// -T json|ek|pdml|psml against tshark 4.0 on every shared capture and
// sample, where mailscope's dissection is tshark's: the frame, IP and TCP
// layers exactly, the mail commands and replies nearly always (named
// exceptions are tshark's own mistakes), -e/-j/-J exactly.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "strict_json.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace {

using namespace ms::test;

#define REQUIRE_TSHARK()                                                                     \
    do {                                                                                     \
        if (!have_program("tshark")) GTEST_SKIP() << "tshark not installed; diff skipped"; \
    } while (0)

std::string tshark(const std::string& cap, const std::string& args) {
    return run_command("tshark -r " + shell_quote(cap) + " -n " + args + " 2>/dev/null").out;
}
std::string ours(const std::string& cap, const std::string& args) {
    return run_command(cli_path() + " -r " + shell_quote(cap) + " -n " + args + " 2>/dev/null").out;
}

JsonValue parse(const std::string& text, const std::string& what) {
    JsonValue v;
    std::string err;
    EXPECT_TRUE(StrictJson::parse(text, v, err)) << what << ": " << err;
    return v;
}

// A canonical text of a value, for comparing subtrees.
void dump(const JsonValue& v, std::string& out) {
    switch (v.kind) {
        case JsonValue::Object:
            out += '{';
            for (const auto& [k, m] : v.members) {
                out += '"' + k + "\":";
                dump(m, out);
                out += ',';
            }
            out += '}';
            break;
        case JsonValue::Array:
            out += '[';
            for (const auto& i : v.items) dump(i, out), out += ',';
            out += ']';
            break;
        case JsonValue::String: out += '"' + v.text + '"'; break;
        case JsonValue::Null: out += "null"; break;
        default: out += v.text;
    }
}
std::string dump(const JsonValue& v) {
    std::string s;
    dump(v, s);
    return s;
}

const JsonValue* layers_of(const JsonValue& packet) {
    const JsonValue* src = packet.get("_source");
    return src ? src->get("layers") : nullptr;
}

// The string members of an object, minus some keys, in order.
std::vector<std::pair<std::string, std::string>> scalars(const JsonValue& obj, std::initializer_list<const char*> skip) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : obj.members) {
        if (v.kind != JsonValue::String) continue;
        bool skipped = false;
        for (const char* s : skip) skipped |= k == s;
        if (!skipped) out.emplace_back(k, v.text);
    }
    return out;
}

// Both documents of one capture, parsed once for the json tests.
struct JsonPair {
    std::string cap;
    JsonValue theirs, mine;
};
const std::vector<JsonPair>& json_pairs() {
    static std::vector<JsonPair> pairs = [] {
        std::vector<JsonPair> v;
        for (const auto& cap : all_captures()) {
            JsonPair p;
            p.cap = cap.string();
            p.theirs = parse(tshark(p.cap, "-T json"), "tshark " + p.cap);
            p.mine = parse(ours(p.cap, "-T json"), "ours " + p.cap);
            v.push_back(std::move(p));
        }
        return v;
    }();
    return pairs;
}

TEST(StructuredDiff, JsonIpLayersMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    for (const auto& p : json_pairs()) {
        ASSERT_EQ(p.theirs.items.size(), p.mine.items.size()) << p.cap;
        for (std::size_t i = 0; i < p.mine.items.size(); ++i) {
            const JsonValue* a = layers_of(p.theirs.items[i]);
            const JsonValue* b = layers_of(p.mine.items[i]);
            ASSERT_TRUE(a && b) << p.cap;
            for (const char* layer : {"ip", "ipv6"}) {
                const JsonValue* la = a->get(layer);
                const JsonValue* lb = b->get(layer);
                ASSERT_EQ(la == nullptr, lb == nullptr) << p.cap << " frame " << i + 1 << " " << layer;
                if (!la) continue;
                EXPECT_EQ(dump(*la), dump(*lb)) << p.cap << " frame " << i + 1;
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 1000);
}

TEST(StructuredDiff, JsonFrameLayerMatchesTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    // Named exceptions: the protocol list names tshark's layers (tls,
    // data-text-lines, ...), and pcapng interface fields mailscope lacks.
    auto skip = {"frame.protocols", "frame.interface_id", "frame.section_number"};
    for (const auto& p : json_pairs())
        for (std::size_t i = 0; i < p.mine.items.size() && i < p.theirs.items.size(); ++i) {
            const JsonValue* a = layers_of(p.theirs.items[i])->get("frame");
            const JsonValue* b = layers_of(p.mine.items[i])->get("frame");
            ASSERT_TRUE(a && b) << p.cap;
            EXPECT_EQ(scalars(*a, skip), scalars(*b, skip)) << p.cap << " frame " << i + 1;
            ++compared;
        }
    EXPECT_GT(compared, 1000);
}

TEST(StructuredDiff, JsonTcpValuesMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    // Named exceptions: tshark repeats reassembled bytes of undissected
    // segments as tcp.segment_data, and its PDU size hint.
    auto skip = {"tcp.segment_data", "tcp.pdu.size"};
    for (const auto& p : json_pairs())
        for (std::size_t i = 0; i < p.mine.items.size() && i < p.theirs.items.size(); ++i) {
            const JsonValue* a = layers_of(p.theirs.items[i])->get("tcp");
            const JsonValue* b = layers_of(p.mine.items[i])->get("tcp");
            if (!a || !b) continue;
            EXPECT_EQ(scalars(*a, skip), scalars(*b, skip)) << p.cap << " frame " << i + 1;
            ++compared;
        }
    EXPECT_GT(compared, 1000);
}

void collect(const JsonValue& v, const std::vector<std::string>& keys, std::vector<std::string>& out) {
    for (const auto& [k, m] : v.members) {
        if (m.kind == JsonValue::String)
            for (const auto& want : keys)
                if (k == want) out.push_back(k + "=" + m.text);
        if (m.kind == JsonValue::Object) collect(m, keys, out);
    }
}

TEST(StructuredDiff, JsonMailCommandsAndRepliesMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    struct Proto {
        const char* layer;
        std::vector<std::string> keys;
        double min_ratio;
        int same = 0, total = 0;
    };
    // tshark misreads a few things (it splits "STARTTLS" into "STAR" "TLS"
    // after a partial segment, takes an AUTH continuation for a POP3
    // command), hence a ratio rather than equality.
    std::vector<Proto> protos = {
        {"smtp", {"smtp.req.command", "smtp.req.parameter", "smtp.response.code", "smtp.rsp.parameter", "smtp.command_line", "smtp.response"}, 0.99},
        {"pop", {"pop.request.command", "pop.request.parameter", "pop.response.indicator", "pop.response.description", "pop.request", "pop.response"}, 0.95},
    };
    for (const auto& p : json_pairs())
        for (std::size_t i = 0; i < p.mine.items.size() && i < p.theirs.items.size(); ++i)
            for (auto& pr : protos) {
                const JsonValue* a = layers_of(p.theirs.items[i])->get(pr.layer);
                const JsonValue* b = layers_of(p.mine.items[i])->get(pr.layer);
                if (!a || !b) continue;
                std::vector<std::string> va, vb;
                collect(*a, pr.keys, va);
                collect(*b, pr.keys, vb);
                if (va.empty()) continue;
                std::sort(va.begin(), va.end());
                std::sort(vb.begin(), vb.end());
                ++pr.total;
                pr.same += va == vb;
            }
    for (const auto& pr : protos) {
        EXPECT_GT(pr.total, 100) << pr.layer;
        EXPECT_GE(double(pr.same), pr.min_ratio * pr.total) << pr.layer << ": " << pr.same << " of " << pr.total;
        std::printf("[ diff ] %s: %d of %d packets with the same commands and replies as tshark\n", pr.layer, pr.same, pr.total);
    }
}

// The first line where two texts differ ("" when equal), so a failure
// shows one line rather than two whole documents.
std::string first_difference(const std::string& mine, const std::string& theirs) {
    std::istringstream a(mine), b(theirs);
    std::string la, lb;
    for (int n = 1;; ++n) {
        bool ga = bool(std::getline(a, la)), gb = bool(std::getline(b, lb));
        if (!ga && !gb) return {};
        if (!ga || !gb || la != lb)
            return "line " + std::to_string(n) + "\n ours:   " + (ga ? la.substr(0, 400) : "<end>") +
                   "\n tshark: " + (gb ? lb.substr(0, 400) : "<end>");
    }
}

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& l : v) s += l + "\n";
    return s;
}
std::string join(const std::vector<std::vector<std::string>>& blocks) {
    std::string s;
    for (const auto& b : blocks) s += join(b);
    return s;
}

TEST(StructuredDiff, EkSelectedFieldsMatchTsharkExactly) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    const std::string e =
        "-T ek -e frame.number -e frame.time_epoch -e frame.len -e ip.src -e ip.dst -e ipv6.src -e tcp.srcport "
        "-e tcp.dstport -e tcp.stream -e tcp.seq -e tcp.ack -e tcp.len -e icmp.type";
    int compared = 0;
    for (const auto& cap : all_captures()) {
        std::istringstream a(ours(cap.string(), e)), b(tshark(cap.string(), e));
        std::string la, lb;
        int lines = 0;
        while (std::getline(b, lb)) {
            ASSERT_TRUE(bool(std::getline(a, la))) << cap << ": ours ends before line " << lines + 1;
            ++lines;
            // Named exception: tshark dissects the TCP header quoted in an
            // ICMP error; mailscope does not.
            if (lb.find("\"icmp_type\"") != std::string::npos) continue;
            EXPECT_EQ(la, lb) << cap << " line " << lines;
            ++compared;
        }
        EXPECT_FALSE(bool(std::getline(a, la))) << cap << ": ours has more lines";
    }
    EXPECT_GT(compared, 2000);
}

TEST(StructuredDiff, ProtocolFiltersMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    for (const auto& cap : all_captures()) {
        for (const char* args : {"-T json -j \"ip ipv6\" -c 3", "-T json -j \"ip tcp\" -c 3", "-T json -j ip -J ipv6 -c 3",
                                 "-T ek -j \"ip ipv6\" -c 3", "-T ek -J ip -c 3"}) {
            std::string a = tshark(cap.string(), args), b = ours(cap.string(), args);
            // Only where both name the same layers (tls vs data is dissection).
            bool same_layers = true;
            auto names = [](const std::string& s) {
                std::vector<std::string> n;
                for (std::size_t p = 0; (p = s.find("\"filtered\": \"", p)) != std::string::npos; ++p) n.push_back(s.substr(p, 40));
                for (std::size_t p = 0; (p = s.find("\"filtered\":\"", p)) != std::string::npos; ++p) n.push_back(s.substr(p, 40));
                return n;
            };
            same_layers = names(a) == names(b);
            if (!same_layers) continue;
            EXPECT_EQ(first_difference(b, a), "") << cap << " " << args;
            ++compared;
        }
    }
    EXPECT_GT(compared, 50);
}

// One <proto name="NAME" ...> block of each packet, as lines.
std::vector<std::vector<std::string>> proto_blocks(const std::string& pdml, const std::string& name,
                                                   std::initializer_list<const char*> skip_fields) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(pdml);
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("  <proto name=\"" + name + "\"", 0) == 0) {
            inside = true;
            out.emplace_back();
        }
        if (!inside) continue;
        bool skipped = false;
        for (const char* f : skip_fields) skipped |= line.find(std::string("name=\"") + f + "\"") != std::string::npos;
        if (!skipped) out.back().push_back(line);
        if (line == "  </proto>") inside = false;
    }
    return out;
}

bool is_pcapng(const std::filesystem::path& cap) {
    std::ifstream f(cap, std::ios::binary);
    char m[4] = {};
    f.read(m, 4);
    return std::string_view(m, 4) == std::string_view("\x0a\x0d\x0d\x0a", 4);
}

TEST(StructuredDiff, PdmlGeninfoFrameAndIpMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    for (const auto& cap : all_captures()) {
        std::string a = tshark(cap.string(), "-T pdml"), b = ours(cap.string(), "-T pdml");
        EXPECT_EQ(first_difference(join(proto_blocks(b, "geninfo", {})), join(proto_blocks(a, "geninfo", {}))), "") << cap;
        // Named exceptions: the protocol list names tshark's layers, pcapng
        // interface details mailscope does not show (their captures are
        // left out), the IP checksum status, which mailscope ties to the
        // checksum's bytes, and the DS field's summary, where mailscope
        // names an unknown DSCP by its value.
        if (!is_pcapng(cap)) {
            EXPECT_EQ(first_difference(join(proto_blocks(b, "frame", {"frame.protocols"})),
                                       join(proto_blocks(a, "frame", {"frame.protocols"}))),
                      "")
                << cap;
        }
        EXPECT_EQ(first_difference(join(proto_blocks(b, "ip", {"ip.checksum.status", "ip.dsfield", "ip.dsfield.dscp"})),
                                   join(proto_blocks(a, "ip", {"ip.checksum.status", "ip.dsfield", "ip.dsfield.dscp"}))),
                  "")
            << cap;
        ++compared;
    }
    EXPECT_GT(compared, 5);
}

TEST(StructuredDiff, PsmlColumnsMatchTshark) {
    MS_REQUIRE_SHARED_CAPTURES();  // the counts below assume the shared captures are there
    REQUIRE_TSHARK();
    int compared = 0;
    auto columns = [](const std::string& psml) {
        // Each packet's No., Time, Source, Destination and Length (Protocol
        // and Info are the dissectors' business).
        std::vector<std::string> v;
        std::istringstream in(psml);
        std::string line;
        int k = -1;
        while (std::getline(in, line)) {
            if (line == "<packet>") k = 0;
            else if (k >= 0 && line.rfind("<section>", 0) == 0) {
                if (k != 4 && k != 6) v.push_back(line);
                ++k;
            }
        }
        return v;
    };
    for (const auto& cap : all_captures()) {
        EXPECT_EQ(first_difference(join(columns(ours(cap.string(), "-T psml"))), join(columns(tshark(cap.string(), "-T psml")))), "")
            << cap;
        ++compared;
    }
    EXPECT_GT(compared, 5);
}

}  // namespace
