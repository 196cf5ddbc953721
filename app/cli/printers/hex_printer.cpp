#include "app/cli/printers/hex_printer.hpp"

#include <cstdio>

namespace ms::cli {

void append_hex_dump(std::string& out, std::span<const uint8_t> bytes) {
    static const char* hexd = "0123456789abcdef";
    int width = bytes.size() > 0xffff ? 8 : 4;
    for (std::size_t off = 0; off < bytes.size(); off += 16) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%0*zx", width, off);
        out += buf;
        out += "  ";
        std::size_t n = bytes.size() - off < 16 ? bytes.size() - off : 16;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i) out += ' ';
            if (i < n) {
                out += hexd[bytes[off + i] >> 4];
                out += hexd[bytes[off + i] & 15];
            } else {
                out += "  ";
            }
        }
        out += "   ";
        for (std::size_t i = 0; i < n; ++i) {
            uint8_t b = bytes[off + i];
            out += (b >= 0x20 && b < 0x7f) ? char(b) : '.';
        }
        out += '\n';
    }
}

void append_sources_hex(std::string& out, const std::vector<DataSource>& sources) {
    bool named = sources.size() > 1;
    for (const auto& s : sources) {
        if (named) {
            out += s.name;
            out += ":\n";
        }
        append_hex_dump(out, s.bytes);
    }
    out += '\n';
}

}  // namespace ms::cli
