// The display-filter differential table: every filter of
// tests/unit/filter/filter_corpus.txt selects the same frames in mailscope as
// in tshark, over one capture made of every shared capture and sample.
//
// The table tests the filter engine, not the dissectors: a frame where the
// two tools' dissections of a field the filter reads already differ (named
// in mail_fields_diff_test.cpp and fields_diff_test.cpp: TCP quoted in ICMP
// errors, PDUs shown on their last frame, STARTTLS split by tshark, ...) is
// left out of that filter's comparison and counted. Every other frame must
// be selected by both tools or by neither.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace fs = std::filesystem;
using namespace ms::test;

namespace {

std::vector<std::string> corpus() {
    std::ifstream in(source_dir() / "tests" / "unit" / "filter" / "filter_corpus.txt");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out.push_back(line);
    return out;
}

const std::set<std::string> kProtocols = {"frame", "eth", "ip", "ipv6", "tcp", "udp", "smtp", "pop", "imap", "imf"};

// The field and protocol names a filter reads (outside string literals).
std::set<std::string> names_in(const std::string& filter) {
    std::string bare;
    bool quoted = false;
    for (std::size_t i = 0; i < filter.size(); ++i) {
        char c = filter[i];
        if (c == '"' && (i == 0 || filter[i - 1] != '\\')) quoted = !quoted;
        else if (!quoted) bare += c;
    }
    std::set<std::string> out;
    static const std::regex name(R"([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*)");
    for (std::sregex_iterator it(bare.begin(), bare.end(), name), end; it != end; ++it) {
        std::string n = it->str();
        if (n.find('.') != std::string::npos || kProtocols.count(n)) out.insert(n);
    }
    return out;
}

using Table = std::map<std::string, std::vector<std::string>>;  // field -> value per frame

Table extract(const std::string& tool, const std::string& capture, const std::vector<std::string>& fields) {
    std::string e;
    for (const auto& f : fields) e += " -e " + f;
    auto r = run_command("TZ=UTC " + tool + " -r " + shell_quote(capture) +
                         " -n -T fields -E separator=/t -E aggregator=, " + e + " 2>/dev/null");
    Table t;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        std::size_t pos = 0;
        for (const auto& f : fields) {
            auto tab = line.find('\t', pos);
            t[f].push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
            pos = tab == std::string::npos ? line.size() : tab + 1;
        }
    }
    return t;
}

std::set<long> matched(const std::string& tool, const std::string& capture, const std::string& filter) {
    auto r = run_command("TZ=UTC " + tool + " -r " + shell_quote(capture) + " -n -Y " + shell_quote(filter) +
                         " -T fields -e frame.number 2>/dev/null");
    std::set<long> out;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.insert(std::stol(line));
    return out;
}

}  // namespace

TEST(FilterDiff, CorpusSelectsTheSameFramesAsTshark) {
    MS_REQUIRE_SHARED_CAPTURES();
    if (!have_program("tshark") || !have_program("mergecap")) GTEST_SKIP() << "tshark/mergecap not installed";
    fs::path dir = fs::temp_directory_path() / ("mailscope-filter-diff-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string merged = (dir / "all.pcapng").string();
    std::string inputs;
    for (const auto& c : shared_captures())
        // The 2,500-frame many-addresses capture makes every tshark run slow
        // and adds no filter construct the others lack.
        if (c.filename().string().find("many-addresses") == std::string::npos) inputs += " " + shell_quote(c.string());
    for (const auto& c : sample_captures()) inputs += " " + shell_quote(c.string());
    ASSERT_EQ(run_command("mergecap -a -F pcapng -w " + shell_quote(merged) + inputs + " 2>&1").status, 0);

    auto filters = corpus();
    std::set<std::string> all_names;
    for (const auto& f : filters)
        for (const auto& n : names_in(f)) all_names.insert(n);
    // Names mailscope does not register cannot be extracted from its side.
    auto known = run_command(cli_path() + " -G fields").out;
    std::vector<std::string> names;
    for (const auto& n : all_names)
        if (known.find("\t" + n + "\t") != std::string::npos || known.find("\t" + n + "\n") != std::string::npos)
            names.push_back(n);
    Table ours = extract(cli_path(), merged, names), theirs = extract("tshark", merged, names);
    ASSERT_FALSE(ours.empty());
    const std::size_t frames = ours.begin()->second.size();
    ASSERT_EQ(frames, theirs.begin()->second.size());

    int agree = 0, total = 0;
    long excluded_frames = 0;
    for (const auto& filter : filters) {
        ++total;
        // Frames where the dissections of what the filter reads differ.
        std::set<long> differ;
        for (const auto& n : names_in(filter)) {
            auto a = ours.find(n), b = theirs.find(n);
            if (a == ours.end() || b == theirs.end()) continue;
            bool protocol = kProtocols.count(n) > 0;
            for (std::size_t i = 0; i < frames; ++i) {
                bool same = protocol ? a->second[i].empty() == b->second[i].empty() : a->second[i] == b->second[i];
                if (!same) differ.insert(long(i + 1));
            }
        }
        auto m_ours = matched(cli_path(), merged, filter), m_theirs = matched("tshark", merged, filter);
        std::vector<long> wrong;
        for (long f = 1; f <= long(frames); ++f)
            if (!differ.count(f) && m_ours.count(f) != m_theirs.count(f)) wrong.push_back(f);
        excluded_frames += long(differ.size());
        if (wrong.empty()) {
            ++agree;
        } else {
            ADD_FAILURE() << "filter `" << filter << "` selects " << wrong.size()
                          << " frames differently from tshark on frames both dissect alike, first: frame "
                          << wrong.front() << (m_ours.count(wrong.front()) ? " (mailscope matches)" : " (tshark matches)");
        }
    }
    std::printf("[filters] %d of %d filters select the same frames as tshark over %zu frames "
                "(%ld filter x frame pairs left out where the dissections differ)\n",
                agree, total, frames, excluded_frames);
    fs::remove_all(dir);
    EXPECT_GT(total, 60);
}
