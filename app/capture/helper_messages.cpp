#include "app/capture/helper_messages.hpp"

#include <climits>
#include <cstdlib>

namespace ms {

std::string helper_executable_path() {
    char buf[PATH_MAX] = {};
    if (realpath("/proc/self/exe", buf)) return buf;
    return kHelperName;
}

std::string permission_message(const std::string& interface_name) {
    return std::string(kHelperName) + ": You don't have permission to capture on interface \"" + interface_name +
           "\".\nGive the capture helper the capability: sudo setcap cap_net_raw,cap_net_admin+eip " +
           helper_executable_path() + "\n(or run it as root).";
}

}  // namespace ms
