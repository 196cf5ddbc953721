#include "support/test_paths.hpp"

#include <algorithm>

namespace fs = std::filesystem;

namespace ms::test {

fs::path source_dir() { return fs::path(MAILSCOPE_SOURCE_DIR); }

fs::path shared_captures_dir() {
    fs::path p = source_dir().parent_path() / "shared" / "captures";
    std::error_code ec;
    return fs::is_directory(p, ec) ? p : fs::path{};
}

static std::vector<fs::path> captures_under(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return out;
    for (auto& e : fs::recursive_directory_iterator(dir, ec)) {
        auto name = e.path().filename().string();
        if (name.find(".pcap") != std::string::npos) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<fs::path> shared_captures() { return captures_under(shared_captures_dir()); }
std::vector<fs::path> sample_captures() { return captures_under(source_dir() / "samples"); }
std::vector<fs::path> all_captures() {
    auto v = shared_captures();
    auto s = sample_captures();
    v.insert(v.end(), s.begin(), s.end());
    return v;
}
std::string cli_path() { return MAILSCOPE_CLI; }

}  // namespace ms::test
