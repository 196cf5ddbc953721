#include "imap_literal.hpp"

namespace ms::imap {

LiteralMarker parse_literal_marker(std::string_view t) {
    LiteralMarker m;
    std::size_t i = 0;
    if (i < t.size() && t[i] == '~') {
        m.binary = true;
        ++i;
    }
    if (i >= t.size() || t[i] != '{') return m;
    ++i;
    bool overflow = false;
    uint64_t v = 0;
    const std::size_t first = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        const uint64_t d = uint64_t(t[i] - '0');
        if (v > (UINT64_MAX - d) / 10) overflow = true;
        else v = v * 10 + d;
        ++i;
    }
    m.digits = i - first;
    if (m.digits == 0) return m;
    if (i < t.size() && t[i] == '+') {
        m.non_sync = true;
        ++i;
    }
    if (i + 1 != t.size() || t[i] != '}') return m;
    m.ok = true;
    if (overflow) {
        m.size_class = LiteralMarker::Size::Overflow;
        m.size = 0;
        return m;
    }
    m.size = v;
    if (v > uint64_t(INT64_MAX)) m.size_class = LiteralMarker::Size::OutOfRange;
    else if (v > UINT32_MAX) m.size_class = LiteralMarker::Size::Over32;
    return m;
}

}  // namespace ms::imap
