#include "capture/live/live_file_writer.hpp"

#include <cerrno>
#include <cstring>

namespace ms {

namespace {

// pcapng block types and option codes (draft-ietf-opsawg-pcapng).
constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kInterfaceStatistics = 5;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint16_t kOptEnd = 0;
constexpr uint16_t kShbUserAppl = 4;
constexpr uint16_t kIfName = 2;
constexpr uint16_t kIfDescription = 3;
constexpr uint16_t kIfTsresol = 9;
constexpr uint16_t kIsbIfRecv = 4;
constexpr uint16_t kIsbIfDrop = 5;

constexpr uint32_t kPcapMagicMicro = 0xA1B2C3D4;
constexpr uint32_t kPcapMagicNano = 0xA1B23C4D;

uint32_t padded4(uint32_t n) { return (n + 3u) & ~3u; }

// Option values are bounded well below 64 KiB (interface names and
// descriptions); longer ones are cut rather than overflowing the length.
constexpr std::size_t kMaxOptionValue = 1024;

std::string bounded(const std::string& s) { return s.size() > kMaxOptionValue ? s.substr(0, kMaxOptionValue) : s; }

}  // namespace

uint32_t pcapng_string_option_size(const std::string& value) {
    return value.empty() ? 0 : 4 + padded4(uint32_t(bounded(value).size()));
}

LiveFileWriter::LiveFileWriter(std::FILE* out, LiveFileFormat format, std::vector<LiveInterface> interfaces,
                               std::string application)
    : out_(out), format_(format), interfaces_(std::move(interfaces)), application_(std::move(application)) {}

bool LiveFileWriter::put(const void* p, std::size_t n) {
    if (errno_) return false;
    if (n && std::fwrite(p, 1, n, out_) != n) {
        errno_ = errno ? errno : EIO;
        return false;
    }
    bytes_ += n;
    return true;
}

bool LiveFileWriter::put_padding(std::size_t n) {
    static const uint8_t zeros[4] = {};
    return put(zeros, n);
}

bool LiveFileWriter::put_string_option(uint16_t code, const std::string& value) {
    if (value.empty()) return true;
    std::string v = bounded(value);
    return put_u16(code) && put_u16(uint16_t(v.size())) && put(v.data(), v.size()) &&
           put_padding(padded4(uint32_t(v.size())) - v.size());
}

bool LiveFileWriter::write_header() {
    if (format_ == LiveFileFormat::Pcap) {
        const LiveInterface first = interfaces_.empty() ? LiveInterface{} : interfaces_.front();
        return put_u32(first.nanoseconds ? kPcapMagicNano : kPcapMagicMicro) && put_u16(2) && put_u16(4) &&
               put_u32(0) && put_u32(0) && put_u32(first.snaplen) && put_u32(first.linktype);
    }
    uint32_t opts = pcapng_string_option_size(application_);
    if (opts) opts += 4;  // opt_endofopt
    uint32_t shb_len = 28 + opts;
    uint64_t section_length = ~uint64_t(0);  // unknown: we are streaming
    bool ok = put_u32(kSectionHeader) && put_u32(shb_len) && put_u32(kByteOrderMagic) && put_u16(1) &&
              put_u16(0) && put(&section_length, 8) && put_string_option(kShbUserAppl, application_);
    if (opts) ok = ok && put_u16(kOptEnd) && put_u16(0);
    ok = ok && put_u32(shb_len);

    for (const LiveInterface& i : interfaces_) {
        uint32_t len = 20 + pcapng_string_option_size(i.name) + pcapng_string_option_size(i.description) +
                       8 /* if_tsresol */ + 4 /* end */;
        uint8_t tsresol[4] = {uint8_t(i.nanoseconds ? 9 : 6), 0, 0, 0};
        ok = ok && put_u32(kInterfaceDescription) && put_u32(len) && put_u16(uint16_t(i.linktype)) &&
             put_u16(0) && put_u32(i.snaplen) && put_string_option(kIfName, i.name) &&
             put_string_option(kIfDescription, i.description) && put_u16(kIfTsresol) && put_u16(1) &&
             put(tsresol, 4) && put_u16(kOptEnd) && put_u16(0) && put_u32(len);
    }
    return ok;
}

bool LiveFileWriter::write_packet(const LivePacket& p) {
    if (p.interface_index >= interfaces_.size() || (p.caplen && !p.data)) return false;
    const LiveInterface& i = interfaces_[p.interface_index];
    if (format_ == LiveFileFormat::Pcap) {
        return put_u32(uint32_t(p.ts_sec)) && put_u32(p.ts_frac) && put_u32(p.caplen) && put_u32(p.wirelen) &&
               put(p.data, p.caplen);
    }
    uint64_t per_second = i.nanoseconds ? 1'000'000'000u : 1'000'000u;
    uint64_t ticks = uint64_t(p.ts_sec < 0 ? 0 : p.ts_sec) * per_second + p.ts_frac;
    uint32_t len = 32 + padded4(p.caplen);
    return put_u32(kEnhancedPacket) && put_u32(len) && put_u32(p.interface_index) &&
           put_u32(uint32_t(ticks >> 32)) && put_u32(uint32_t(ticks)) && put_u32(p.caplen) &&
           put_u32(p.wirelen) && put(p.data, p.caplen) && put_padding(padded4(p.caplen) - p.caplen) &&
           put_u32(len);
}

bool LiveFileWriter::write_statistics(uint32_t interface_index, int64_t now_ns, uint64_t received,
                                      uint64_t dropped) {
    if (format_ == LiveFileFormat::Pcap) return errno_ == 0;
    if (interface_index >= interfaces_.size()) return false;
    const LiveInterface& i = interfaces_[interface_index];
    uint64_t ns = uint64_t(now_ns < 0 ? 0 : now_ns);
    uint64_t ticks = i.nanoseconds ? ns : ns / 1000;
    uint32_t len = 24 + 12 + 12 + 4;
    return put_u32(kInterfaceStatistics) && put_u32(len) && put_u32(interface_index) &&
           put_u32(uint32_t(ticks >> 32)) && put_u32(uint32_t(ticks)) && put_u16(kIsbIfRecv) && put_u16(8) &&
           put(&received, 8) && put_u16(kIsbIfDrop) && put_u16(8) && put(&dropped, 8) && put_u16(kOptEnd) &&
           put_u16(0) && put_u32(len);
}

bool LiveFileWriter::flush() {
    if (errno_) return false;
    if (std::fflush(out_) != 0) {
        errno_ = errno ? errno : EIO;
        return false;
    }
    return true;
}

}  // namespace ms
