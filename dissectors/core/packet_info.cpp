#include "packet_info.hpp"

#include <arpa/inet.h>

#include <cstdio>
#include <cstring>

namespace ms {

std::string Address::to_string() const {
    char buf[INET6_ADDRSTRLEN + 1];
    switch (kind) {
        case IPv4:
            std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
            return buf;
        case IPv6:
            if (!inet_ntop(AF_INET6, bytes, buf, sizeof buf)) return {};
            return buf;
        case Ether:
            std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
                          bytes[3], bytes[4], bytes[5]);
            return buf;
        case None: break;
    }
    return {};
}

bool Address::operator==(const Address& o) const {
    if (kind != o.kind) return false;
    std::size_t n = kind == IPv4 ? 4 : kind == IPv6 ? 16 : kind == Ether ? 6 : 0;
    return std::memcmp(bytes, o.bytes, n) == 0;
}

}  // namespace ms
