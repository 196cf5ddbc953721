// Golden output over whole captures: the summary lines of every shared
// capture and every sample, and the full -V tree of a few, compared with
// files in tests/golden/. Regenerate after an intended change with
//   MAILSCOPE_UPDATE_GOLDEN=1 build/tests/test_golden
// and review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace fs = std::filesystem;
using namespace ms::test;

namespace {

std::string golden_name(const fs::path& cap, const std::string& view) {
    std::string parent = cap.parent_path().filename().string();
    return parent + "__" + cap.filename().string() + "." + view + ".txt";
}

void check_golden(const fs::path& cap, const std::string& view, const std::string& flags) {
    auto r = run_command("TZ=UTC " + cli_path() + " -r " + shell_quote(cap.string()) + " " + flags + " 2>&1");
    fs::path golden = source_dir() / "tests" / "golden" / golden_name(cap, view);
    if (std::getenv("MAILSCOPE_UPDATE_GOLDEN")) {
        std::ofstream(golden, std::ios::binary) << r.out;
        return;
    }
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << "missing golden file " << golden << " (run with MAILSCOPE_UPDATE_GOLDEN=1)";
    std::stringstream want;
    want << in.rdbuf();
    if (r.out != want.str()) {
        // Point at the first differing line.
        std::istringstream a(r.out), b(want.str());
        std::string la, lb;
        int line = 0;
        while (true) {
            ++line;
            bool ga = bool(std::getline(a, la)), gb = bool(std::getline(b, lb));
            if (!ga && !gb) break;
            if (la != lb || ga != gb) {
                ADD_FAILURE() << golden.filename() << " differs at line " << line << "\n  ours:   " << la
                              << "\n  golden: " << lb;
                return;
            }
        }
    }
}

}  // namespace

TEST(Golden, SummaryOfEveryCapture) {
    auto caps = all_captures();
    if (caps.empty()) GTEST_SKIP() << "no captures found (shared/captures and samples/)";
    for (const auto& cap : caps) check_golden(cap, "summary", "-n");
}

TEST(Golden, FullTreeOfMailCaptures) {
    auto caps = all_captures();
    if (caps.empty()) GTEST_SKIP() << "no captures found";
    for (const auto& cap : caps) {
        auto name = cap.filename().string();
        // -V of a few small captures, one per protocol and link type:
        // every field of every layer, without storing megabytes of text.
        static const char* chosen[] = {"smtp__rfc3030-bdat-example1.pcap", "smtp-attachment-msg.pcap",
                                       "pop3-unknown-commands.pcap", "imap.pcap", "tls__pop3-starttls.pcap",
                                       "smtp__smtp-bdat-cmd-invalid.pcapng", "smtp__mime-header-size-limit.pcap.gz"};
        for (const char* c : chosen)
            if (name == c) check_golden(cap, "tree", "-n -V");
    }
}
