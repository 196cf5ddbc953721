// Where the tests find their inputs: the shared real-traffic captures live
// beside the project (../shared/captures), the project's own in samples/.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ms::test {

std::filesystem::path source_dir();
// ../shared/captures next to the source tree; empty path when absent.
std::filesystem::path shared_captures_dir();
// Every capture file under shared/captures (sorted); empty when absent.
std::vector<std::filesystem::path> shared_captures();
std::vector<std::filesystem::path> sample_captures();
// The shared captures, then the samples.
std::vector<std::filesystem::path> all_captures();
std::string cli_path();

}  // namespace ms::test

// Skips the current test with a clear message when the shared captures are absent.
#define MS_REQUIRE_SHARED_CAPTURES()                                                     \
    do {                                                                                 \
        if (::ms::test::shared_captures_dir().empty())                                   \
            GTEST_SKIP() << "shared captures not found next to the source tree "         \
                            "(expected ../shared/captures); skipping real-traffic test"; \
    } while (0)
