// --export-objects when writing goes wrong: the disk filling up (a file-size
// limit stands in for it) and attachment names built to escape the export
// folder. Every file under a final name must be whole and inside the folder.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <ostream>
#include <set>

#include "app/cli/export/safe_filename.hpp"
#include "support/test_paths.hpp"
#include "unit/cli/write_fault_support.hpp"

namespace {

using namespace ms::test;
namespace fs = std::filesystem;

std::string export_command(const fs::path& in, const std::string& kind, const fs::path& dir) {
    return cli_path() + " -r " + shell_quote(in.string()) + " -q --export-objects " + kind + "," +
           shell_quote(dir.string());
}

struct ExportCase {
    std::string capture;  // under samples/
    std::string kind;
    uint64_t limit;       // bytes; some objects fit, some do not
};

void PrintTo(const ExportCase& c, std::ostream* os) { *os << c.capture << " " << c.kind << " limit " << c.limit; }

class ExportDiskFull : public ::testing::TestWithParam<ExportCase> {};

TEST_P(ExportDiskFull, KeepsWholeFilesOnlyAndFails) {
    const ExportCase& c = GetParam();
    fs::path in = source_dir() / "samples" / c.capture;
    ScratchFolder all, limited;
    auto u = run_command(export_command(in, c.kind, all.path) + " 2>&1");
    ASSERT_EQ(u.status, 0) << u.out;
    std::map<std::string, std::string> expected = files_in(all.path);
    std::size_t fit = 0, too_big = 0;
    for (const auto& [name, bytes] : expected) (bytes.size() <= c.limit ? fit : too_big)++;
    ASSERT_GT(fit, 0u) << "the case needs objects that fit under the limit";
    ASSERT_GT(too_big, 0u) << "the case needs objects that do not";

    auto r = run_with_file_size_limit(export_command(in, c.kind, limited.path), c.limit);
    EXPECT_NE(r.status, 0) << "a failed export is an error\n" << r.out;
    // The message says what failed and why (the first failure is reported).
    EXPECT_EQ(r.out.rfind("mailscope-cli: export objects: ", 0), 0u) << r.out;
    EXPECT_NE(r.out.find(": File too large"), std::string::npos) << r.out;
    bool names_a_file_too_big = false;
    for (const auto& [name, bytes] : expected)
        if (bytes.size() > c.limit && r.out.find(name) != std::string::npos) names_a_file_too_big = true;
    EXPECT_TRUE(names_a_file_too_big) << r.out;

    // Each object that fits is there, byte for byte; none that does not fit
    // is there in part; nothing else (no temporary file) is left.
    std::map<std::string, std::string> got = files_in(limited.path);
    for (const auto& [name, bytes] : expected) {
        auto it = got.find(name);
        if (bytes.size() <= c.limit) {
            ASSERT_NE(it, got.end()) << name << " fits and must be exported";
            EXPECT_EQ(it->second, bytes) << name;
        } else {
            EXPECT_EQ(it, got.end()) << name << " did not fit: no part of it may be left under its name";
        }
    }
    EXPECT_EQ(got.size(), fit);
    EXPECT_EQ(tree_of(limited.path).size(), fit) << "temporary or extra files were left";
}

INSTANTIATE_TEST_SUITE_P(Samples, ExportDiskFull,
                         ::testing::Values(ExportCase{"smtp-postfix.pcap", "imf", 700},
                                           ExportCase{"pop3-dovecot.pcap", "imf", 1000},
                                           ExportCase{"smtp-postfix.pcap", "mime", 100}),
                         [](const auto& info) {
                             std::string n = info.param.capture.substr(0, info.param.capture.find('.')) + "_" +
                                             info.param.kind;
                             for (char& ch : n)
                                 if (ch == '-') ch = '_';
                             return n;
                         });

TEST(ExportWriteFault, NothingFitsNothingIsLeft) {
    ScratchFolder dir;
    fs::path in = source_dir() / "samples/smtp-postfix.pcap";
    auto r = run_with_file_size_limit(export_command(in, "imf", dir.path), 16);
    EXPECT_NE(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("File too large"), std::string::npos) << r.out;
    EXPECT_EQ(tree_of(dir.path), std::vector<std::string>{});
}

TEST(ExportWriteFault, AStreamedObjectThatDoesNotFitIsRemoved) {
    // An object over 1 MiB is streamed to a temporary file as it arrives
    // (ObjectFile) instead of being held: the limit is met mid-stream.
    ScratchFolder dir;
    fs::path cap = dir.path / "big-message.pcap", out = dir.path / "out";
    std::string body;
    for (int i = 0; body.size() < (3u << 20) / 2; ++i) body += "line " + std::to_string(i) + " of a long message\r\n";
    write_smtp_capture(cap, "From: a@example.org\r\nSubject: big\r\n\r\n" + body);
    auto all = run_command(export_command(cap, "imf", dir.path / "all") + " 2>&1");
    ASSERT_EQ(all.status, 0) << all.out;
    ASSERT_EQ(files_in(dir.path / "all").size(), 1u);
    ASSERT_GT(files_in(dir.path / "all").begin()->second.size(), 1u << 20);

    auto r = run_with_file_size_limit(export_command(cap, "imf", out), 1'100'000);
    EXPECT_NE(r.status, 0) << r.out;
    EXPECT_EQ(r.out.rfind("mailscope-cli: export objects: ", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("smtp-stream0-msg1.eml"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(": File too large"), std::string::npos) << r.out;
    EXPECT_EQ(tree_of(out), std::vector<std::string>{}) << "no part of the object, no temporary file";
}

// ---- hostile attachment names ----

struct HostileName {
    std::string parameters;  // the Content-Disposition parameters, as sent
    std::string exported;    // the name the file must get ("" = the fallback)
};

std::string base64(const std::string& in) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        uint32_t v = uint32_t(uint8_t(in[i])) << 16;
        if (i + 1 < in.size()) v |= uint32_t(uint8_t(in[i + 1])) << 8;
        if (i + 2 < in.size()) v |= uint8_t(in[i + 2]);
        out += k[(v >> 18) & 63];
        out += k[(v >> 12) & 63];
        out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
        out += i + 2 < in.size() ? k[v & 63] : '=';
    }
    return out + "\r\n";
}

// Stands for "at most kMaxFilenameBytes bytes of the name's A's".
const std::string kLongName = "<long>";

std::vector<HostileName> hostile_names() {
    std::vector<HostileName> v = {
        {"filename=\"../../../escaped.txt\"", "escaped.txt"},
        {"filename=\"/etc/cron.d/evil\"", "evil"},
        {"filename=\"..\\\\..\\\\..\\\\win.ini\"", "win.ini"},
        {"filename=\"..\"", ""},
        {"filename=\"../\"", ""},
        {"filename=\"CON\"", "_CON"},
        {"filename=\"nul.txt\"", "_nul.txt"},
        {"filename=\"AUX\"", "_AUX"},
        {"filename=\"com1.log\"", "_com1.log"},
        {"filename=\"LPT1\"", "_LPT1"},
        {"filename=\".hidden\"", "hidden"},
        {"filename*=utf-8''nul%00byte.txt", "nulbyte.txt"},
        {std::string("filename=\"raw") + '\0' + "nul.txt\"", "rawnul.txt"},
        {"filename=\"victim.txt\"", "victim(1).txt"},
    };
    // 10,000 characters, sent as RFC 2231 continuations on folded lines
    // shorter than RFC 5322's 1,000 octets. Which part of it survives the
    // message layer's bounds is not the point: the file's name must be cut
    // to kMaxFilenameBytes.
    std::string longname = "filename*0=\"" + std::string(900, 'A') + "\"";
    for (int i = 1; i <= 10; ++i) longname += ";\r\n filename*" + std::to_string(i) + "=\"" + std::string(900, 'A') + "\"";
    longname += ";\r\n filename*11=\"" + std::string(96, 'A') + ".pdf\"";
    v.push_back({longname, kLongName});
    return v;
}

std::string payload_of(std::size_t i) { return "hostile name payload " + std::to_string(i) + "\n"; }

TEST(ExportWriteFault, HostileAttachmentNamesStayInsideTheFolder) {
    ScratchFolder base;
    // The export folder sits three levels down, so "../../../x" from it
    // would land in `base`, where the test can see it.
    fs::path out = base.path / "l1/l2/out";
    fs::create_directories(out);
    fs::create_directories(base.path / "outside");
    write_whole_file(base.path / "outside/target.txt", "untouched\n");
    // A symlink already in the folder under an attachment's name: the
    // export must not write through it.
    fs::create_symlink(base.path / "outside/target.txt", out / "victim.txt");

    std::vector<HostileName> names = hostile_names();
    std::string msg =
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: hostile names\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nbody\r\n";
    for (std::size_t i = 0; i < names.size(); ++i) {
        msg += "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; " +
               names[i].parameters + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64(payload_of(i));
    }
    msg += "--b1--\r\n";
    fs::path cap = base.path / "hostile-names.pcap";
    write_smtp_capture(cap, msg);

    auto r = run_command(export_command(cap, "mime", out) + " 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "");

    // Nothing outside the export folder changed.
    EXPECT_EQ(read_whole_file(base.path / "outside/target.txt"), "untouched\n");
    for (const auto& entry : tree_of(base.path))
        EXPECT_TRUE(entry == "hostile-names.pcap" || entry == "outside" || entry == "outside/target.txt" ||
                    entry == "l1" || entry == "l1/l2" || entry == "l1/l2/out" || entry.rfind("l1/l2/out/", 0) == 0)
            << "written outside the export folder: " << entry;

    // Inside it: plain files only, safe names, each attachment once.
    std::map<std::string, std::string> by_content;  // payload -> name
    for (const auto& e : fs::directory_iterator(out)) {
        std::string name = e.path().filename().string();
        if (name == "victim.txt") {
            EXPECT_TRUE(e.is_symlink());
            continue;
        }
        EXPECT_TRUE(e.is_regular_file() && !e.is_symlink()) << name;
        EXPECT_LE(name.size(), 255u) << name;
        EXPECT_EQ(name.find('\0'), std::string::npos);
        EXPECT_NE(name[0], '.') << name;
        EXPECT_FALSE(ms::cli::detail::is_reserved_device(name)) << name;
        by_content[read_whole_file(e.path())] = name;
    }
    EXPECT_EQ(by_content.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto it = by_content.find(payload_of(i));
        ASSERT_NE(it, by_content.end()) << "attachment " << i << " (" << names[i].parameters.substr(0, 60)
                                        << ") was not exported";
        if (names[i].exported.empty()) {
            EXPECT_EQ(it->second.rfind("smtp-stream0-msg1-part", 0), 0u) << it->second;
        } else if (names[i].exported == kLongName) {
            EXPECT_EQ(it->second.size(), ms::cli::kMaxFilenameBytes);
            EXPECT_GE(it->second.find_first_not_of('A'), ms::cli::kMaxFilenameBytes - 4) << it->second;
        } else {
            EXPECT_EQ(it->second, names[i].exported) << names[i].parameters.substr(0, 60);
        }
    }
}

}  // namespace
