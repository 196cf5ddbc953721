#include "capture/source/pcap_reader.hpp"

#include <cstring>

#include "capture/source/capture_limits.hpp"
#include "capture/source/capture_messages.hpp"

namespace ms {

namespace {

constexpr uint32_t kMagicMicro = 0xa1b2c3d4;
constexpr uint32_t kMagicNano = 0xa1b23c4d;
constexpr std::size_t kFileHeaderBytes = 24;
constexpr std::size_t kRecordHeaderBytes = 16;
// The link type is the low 26 bits; the upper bits carry FCS information.
constexpr uint32_t kLinkTypeMask = 0x03FFFFFF;

uint32_t load_native32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

}  // namespace

bool is_pcap_magic(const uint8_t* p) {
    uint32_t m = load_native32(p);
    uint32_t s = __builtin_bswap32(m);
    return m == kMagicMicro || m == kMagicNano || s == kMagicMicro || s == kMagicNano;
}

PcapReader::PcapReader(ReadBuffer buf, std::string path, bool gzipped)
    : buf_(std::move(buf)), path_(std::move(path)), gzipped_(gzipped) {}

uint32_t PcapReader::u32(const uint8_t* p) const {
    uint32_t v = load_native32(p);
    return swapped_ ? __builtin_bswap32(v) : v;
}

std::unique_ptr<PcapReader> PcapReader::open(ReadBuffer buf, std::string path, bool gzipped,
                                             std::string& error) {
    switch (buf.ensure(kFileHeaderBytes)) {
        case ReadBuffer::Fill::Ok: break;
        case ReadBuffer::Fill::End: error = capture_msg::cut_short_in_header(path); return nullptr;
        case ReadBuffer::Fill::Failed: error = buf.error(); return nullptr;
    }
    std::unique_ptr<PcapReader> r(new PcapReader(std::move(buf), std::move(path), gzipped));
    const uint8_t* h = r->buf_.data();
    uint32_t magic = load_native32(h);
    if (magic != kMagicMicro && magic != kMagicNano) {
        magic = __builtin_bswap32(magic);
        r->swapped_ = true;
    }
    if (magic != kMagicMicro && magic != kMagicNano) {
        error = capture_msg::not_a_capture(r->path_);
        return nullptr;
    }
    r->nanoseconds_ = magic == kMagicNano;
    uint16_t major, minor;
    std::memcpy(&major, h + 4, 2);
    std::memcpy(&minor, h + 6, 2);
    if (r->swapped_) {
        major = __builtin_bswap16(major);
        minor = __builtin_bswap16(minor);
    }
    if (major != 2) {
        error = capture_msg::unsupported(
            r->path_, "pcap version " + std::to_string(major) + "." + std::to_string(minor));
        return nullptr;
    }
    InterfaceInfo iface;
    iface.snaplen = r->u32(h + 16);
    iface.linktype = r->u32(h + 20) & kLinkTypeMask;
    iface.tsresol_num = r->nanoseconds_ ? 1'000'000'000 : 1'000'000;
    r->linktype_ = iface.linktype;
    r->interfaces_.push_back(std::move(iface));
    r->buf_.consume(kFileHeaderBytes);
    return r;
}

ReadStatus PcapReader::fail(std::string message) {
    error_ = std::move(message);
    final_ = ReadStatus::Error;
    return final_;
}

ReadStatus PcapReader::next(RawFrame& out) {
    if (final_ != ReadStatus::Frame) return final_;

    switch (buf_.ensure(kRecordHeaderBytes)) {
        case ReadBuffer::Fill::Ok: break;
        case ReadBuffer::Fill::End:
            if (buf_.available() == 0) return final_ = ReadStatus::End;
            return fail(capture_msg::cut_short_in_packet(path_));
        case ReadBuffer::Fill::Failed: return fail(buf_.error());
    }
    const uint8_t* h = buf_.data();
    uint32_t caplen = u32(h + 8);
    if (caplen > kMaxCapturedPacketBytes) {
        return fail(capture_msg::corrupt(
            path_, "packet " + std::to_string(frames_ + 1) + " has a captured length of " +
                       std::to_string(caplen) + " bytes, bigger than the maximum of " +
                       std::to_string(kMaxCapturedPacketBytes)));
    }
    switch (buf_.ensure(kRecordHeaderBytes + caplen)) {
        case ReadBuffer::Fill::Ok: break;
        case ReadBuffer::Fill::End: return fail(capture_msg::cut_short_in_packet(path_));
        case ReadBuffer::Fill::Failed: return fail(buf_.error());
    }
    h = buf_.data();  // the refill may have moved the record
    uint32_t sec = u32(h);
    uint32_t frac = u32(h + 4);
    uint32_t wirelen = u32(h + 12);

    out.number = ++frames_;
    out.ts_ns = int64_t(sec) * 1'000'000'000 + (nanoseconds_ ? int64_t(frac) : int64_t(frac) * 1000);
    out.caplen = caplen;
    out.wirelen = wirelen < caplen ? caplen : wirelen;
    out.linktype = linktype_;
    out.interface_id = 0;
    out.data = std::span<const uint8_t>(h + kRecordHeaderBytes, caplen);
    out.comment = {};
    buf_.consume(kRecordHeaderBytes + caplen);
    return ReadStatus::Frame;
}

}  // namespace ms
