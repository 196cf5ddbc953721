#include "capture/tcp/tcp_header.hpp"

#include "dissectors/core/byte_cursor.hpp"

namespace ms {

bool parse_tcp_header(std::span<const uint8_t> seg, TcpHeader& h) {
    if (seg.size() < 20) return false;
    const uint8_t* p = seg.data();
    h.sport = load_be16(p);
    h.dport = load_be16(p + 2);
    h.seq = load_be32(p + 4);
    h.ack = load_be32(p + 8);
    h.hlen = uint8_t((p[12] >> 4) * 4);
    h.flags = uint16_t(load_be16(p + 12) & 0x0fff);
    h.window = load_be16(p + 14);
    h.checksum = load_be16(p + 16);
    h.urgent = load_be16(p + 18);
    return true;
}

void parse_tcp_options(std::span<const uint8_t> opts, TcpOptionSummary& out) {
    out = TcpOptionSummary{};
    ByteCursor c(opts);
    std::size_t at = 0;
    while (at < opts.size() && out.count < 40) {
        TcpOption o;
        o.offset = uint8_t(at);
        o.kind = opts[at];
        if (o.kind == 0 || o.kind == 1) {  // EOL and NOP are one byte
            o.len = 1;
            out.list[out.count++] = o;
            ++at;
            continue;
        }
        uint8_t len = 0;
        if (!c.u8(at + 1, len) || len < 2 || !c.has(at, len)) {
            o.len = len;
            o.truncated = true;
            out.list[out.count++] = o;
            break;
        }
        o.len = len;
        const uint8_t* v = c.ptr(at + 2);
        switch (o.kind) {
            case 2:
                if (len == 4) out.has_mss = true, out.mss = load_be16(v);
                else o.truncated = true;
                break;
            case 3:
                if (len == 3) out.has_wscale = true, out.wscale_shift = v[0];
                else o.truncated = true;
                break;
            case 4:
                if (len == 2) out.sack_perm = true;
                else o.truncated = true;
                break;
            case 5:
                if ((len - 2) % 8 != 0) {
                    o.truncated = true;
                    break;
                }
                for (unsigned i = 0; i < unsigned(len - 2) / 8 && out.sack_count < 4; ++i) {
                    out.sack_le[out.sack_count] = load_be32(v + i * 8);
                    out.sack_re[out.sack_count] = load_be32(v + i * 8 + 4);
                    ++out.sack_count;
                }
                break;
            case 8:
                if (len == 10) out.has_ts = true, out.tsval = load_be32(v), out.tsecr = load_be32(v + 4);
                else o.truncated = true;
                break;
            default: break;
        }
        out.list[out.count++] = o;
        at += len;
    }
}

void append_flag_names(std::string& out, uint16_t flags) {
    static const char* const kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    bool any = false;
    for (unsigned i = 0; i < 9; ++i) {
        if (!(flags & (1u << i))) continue;
        if (any) out += ", ";
        out += kNames[i];
        any = true;
    }
    if (flags & tcp_flag::kRes) {
        if (any) out += ", ";
        out += "Reserved";
        any = true;
    }
    if (!any) out += "<None>";
}

std::string flag_letters(uint16_t flags) {
    static const char kLetters[] = "RRRACEUAPRSF";
    std::string s;
    s.reserve(24);
    for (unsigned i = 0; i < 12; ++i) {
        unsigned bit = 11 - i;
        if (flags & (1u << bit)) s += kLetters[i];
        else s += "\xC2\xB7";  // U+00B7 MIDDLE DOT
    }
    return s;
}

}  // namespace ms
