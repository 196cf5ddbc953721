#include "capture/live/ring_file_name.hpp"

#include <cstdio>

namespace ms {

std::string ring_file_name(const std::string& output_path, uint64_t index, std::time_t when) {
    // The extension stays at the end; a dot inside a folder name is not one.
    std::size_t slash = output_path.rfind('/');
    std::size_t dot = output_path.rfind('.');
    bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
    std::string prefix = has_ext ? output_path.substr(0, dot) : output_path;
    std::string suffix = has_ext ? output_path.substr(dot) : std::string();

    std::tm tm{};
    localtime_r(&when, &tm);
    char stamp[96];
    std::snprintf(stamp, sizeof stamp, "_%05llu_%04d%02d%02d%02d%02d%02d",
                  static_cast<unsigned long long>(index), tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return prefix + stamp + suffix;
}

}  // namespace ms
