#include "capture/source/pcapng_reader.hpp"

#include <cstring>
#include <string_view>

#include "capture/source/capture_limits.hpp"
#include "capture/source/capture_messages.hpp"

namespace ms {

namespace {

// Block types (pcapng spec, draft-ietf-opsawg-pcapng).
constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kLegacyPacket = 2;
constexpr uint32_t kSimplePacket = 3;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;

// Smallest legal total length of each block kind we parse.
constexpr uint32_t kMinBlock = 12;
constexpr uint32_t kMinSectionHeader = 28;
constexpr uint32_t kMinInterfaceDescription = 20;
constexpr uint32_t kMinEnhancedPacket = 32;
constexpr uint32_t kMinSimplePacket = 16;
constexpr uint32_t kMinLegacyPacket = 32;

// Option codes.
constexpr uint16_t kOptEnd = 0;
constexpr uint16_t kOptComment = 1;
constexpr uint16_t kIfName = 2;
constexpr uint16_t kIfDescription = 3;
constexpr uint16_t kIfTsresol = 9;
constexpr uint16_t kIfTsoffset = 14;

uint32_t load_native32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

bool is_packet_block(uint32_t type) {
    return type == kEnhancedPacket || type == kSimplePacket || type == kLegacyPacket;
}

uint32_t padded4(uint32_t n) { return (n + 3u) & ~3u; }

// Calls f(code, value) for each option in [p, p+n). Stops at opt_endofopt
// or at an option that would run past the end (the rest is ignored).
template <typename Load16, typename F>
void for_each_option(const uint8_t* p, std::size_t n, Load16 load16, F f) {
    std::size_t at = 0;
    while (n - at >= 4) {
        uint16_t code = load16(p + at);
        uint16_t len = load16(p + at + 2);
        at += 4;
        if (code == kOptEnd || len > n - at) return;
        f(code, std::string_view(reinterpret_cast<const char*>(p + at), len));
        std::size_t step = padded4(len);
        if (step > n - at) return;
        at += step;
    }
}

std::string option_text(std::string_view v) {
    // Writers sometimes count a terminating NUL into the length.
    while (!v.empty() && v.back() == '\0') v.remove_suffix(1);
    return std::string(v);
}

}  // namespace

bool is_pcapng_magic(const uint8_t* p) { return load_native32(p) == kSectionHeader; }

PcapngReader::PcapngReader(ReadBuffer buf, std::string path, bool gzipped)
    : buf_(std::move(buf)), path_(std::move(path)), gzipped_(gzipped) {}

uint16_t PcapngReader::u16(const uint8_t* p) const {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return swapped_ ? __builtin_bswap16(v) : v;
}

uint32_t PcapngReader::u32(const uint8_t* p) const {
    uint32_t v = load_native32(p);
    return swapped_ ? __builtin_bswap32(v) : v;
}

std::unique_ptr<PcapngReader> PcapngReader::open(ReadBuffer buf, std::string path, bool gzipped,
                                                 std::string& error) {
    std::unique_ptr<PcapngReader> r(new PcapngReader(std::move(buf), std::move(path), gzipped));
    // The first block is the section header (the caller checked its type);
    // reading it here means a damaged one fails the open.
    RawFrame unused;
    r->in_first_block_ = true;
    Step s = r->read_block(unused);
    r->in_first_block_ = false;
    if (s == Step::Error) {
        error = r->error_;
        return nullptr;
    }
    return r;
}

PcapngReader::Step PcapngReader::fail(std::string message) {
    error_ = std::move(message);
    final_ = ReadStatus::Error;
    return Step::Error;
}

PcapngReader::Step PcapngReader::corrupt_block(const std::string& what) {
    return fail(capture_msg::corrupt(
        path_, "the block at offset " + std::to_string(buf_.offset()) + " " + what));
}

ReadStatus PcapngReader::next(RawFrame& out) {
    while (final_ == ReadStatus::Frame) {
        switch (read_block(out)) {
            case Step::Frame: return ReadStatus::Frame;
            case Step::Continue: continue;
            case Step::End: final_ = ReadStatus::End; break;
            case Step::Error: final_ = ReadStatus::Error; break;
        }
    }
    return final_;
}

PcapngReader::Step PcapngReader::read_block(RawFrame& out) {
    using Fill = ReadBuffer::Fill;
    auto cut_short = [&](bool packet) {
        if (in_first_block_) return fail(capture_msg::cut_short_in_header(path_));
        return fail(packet ? capture_msg::cut_short_in_packet(path_) : capture_msg::cut_short_in_block(path_));
    };
    // A partial block counts as a packet when enough of it is there to say so.
    auto partial_is_packet = [&] { return buf_.available() >= 4 && is_packet_block(u32(buf_.data())); };

    switch (buf_.ensure(8)) {
        case Fill::Ok: break;
        case Fill::End:
            if (buf_.available() == 0) return Step::End;
            return cut_short(partial_is_packet());
        case Fill::Failed: return fail(buf_.error());
    }
    uint32_t type = u32(buf_.data());
    if (type == kSectionHeader) {
        // The byte-order magic decides how this block's length reads.
        switch (buf_.ensure(12)) {
            case Fill::Ok: break;
            case Fill::End: return cut_short(false);
            case Fill::Failed: return fail(buf_.error());
        }
        uint32_t magic = load_native32(buf_.data() + 8);
        if (magic == kByteOrderMagic) {
            swapped_ = false;
        } else if (__builtin_bswap32(magic) == kByteOrderMagic) {
            swapped_ = true;
        } else {
            return corrupt_block("is a section header with an unknown byte-order magic");
        }
    }
    uint32_t len = u32(buf_.data() + 4);
    uint32_t min_len = kMinBlock;
    switch (type) {
        case kSectionHeader: min_len = kMinSectionHeader; break;
        case kInterfaceDescription: min_len = kMinInterfaceDescription; break;
        case kEnhancedPacket: min_len = kMinEnhancedPacket; break;
        case kSimplePacket: min_len = kMinSimplePacket; break;
        case kLegacyPacket: min_len = kMinLegacyPacket; break;
        default: break;
    }
    if (len < min_len) {
        return corrupt_block("(type " + std::to_string(type) + ") has a length of " + std::to_string(len) +
                             ", smaller than the minimum of " + std::to_string(min_len));
    }
    if (len % 4 != 0) {
        return corrupt_block("(type " + std::to_string(type) + ") has a length of " + std::to_string(len) +
                             ", which is not a multiple of 4");
    }
    if (len > kMaxPcapngBlockBytes) {
        return corrupt_block("(type " + std::to_string(type) + ") has a length of " + std::to_string(len) +
                             ", bigger than the maximum of " + std::to_string(kMaxPcapngBlockBytes));
    }

    bool parsed = type == kSectionHeader || type == kInterfaceDescription || is_packet_block(type);
    if (!parsed) {
        // Statistics, name resolution, custom and unknown blocks: stream past.
        switch (buf_.skip(len)) {
            case Fill::Ok: return Step::Continue;
            case Fill::End: return cut_short(false);
            case Fill::Failed: return fail(buf_.error());
        }
    }
    switch (buf_.ensure(len)) {
        case Fill::Ok: break;
        case Fill::End: return cut_short(is_packet_block(type));
        case Fill::Failed: return fail(buf_.error());
    }
    const uint8_t* b = buf_.data();
    uint32_t trailer = u32(b + len - 4);
    if (trailer != len) {
        return corrupt_block("has a length of " + std::to_string(len) + " at its start but " +
                             std::to_string(trailer) + " at its end");
    }
    Step s = Step::Continue;
    switch (type) {
        case kSectionHeader: s = read_section_header(b, len); break;
        case kInterfaceDescription: s = read_interface_description(b, len); break;
        case kEnhancedPacket: s = read_enhanced_packet(b, len, out); break;
        case kSimplePacket: s = read_simple_packet(b, len, out); break;
        case kLegacyPacket: s = read_legacy_packet(b, len, out); break;
        default: break;
    }
    if (s != Step::Error) buf_.consume(len);  // the frame's span stays valid until the next refill
    return s;
}

PcapngReader::Step PcapngReader::read_section_header(const uint8_t* b, uint32_t len) {
    uint16_t major = u16(b + 12);
    uint16_t minor = u16(b + 14);
    if (major != 1) {
        return fail(capture_msg::unsupported(
            path_, "pcapng version " + std::to_string(major) + "." + std::to_string(minor)));
    }
    // Interface ids restart at 0 in every section.
    section_first_iface_ = interfaces_.size();
    for_each_option(b + 24, len - 28, [this](const uint8_t* p) { return u16(p); },
                    [this](uint16_t code, std::string_view v) {
                        if (code == kOptComment) comments_.push_back(option_text(v));
                    });
    return Step::Continue;
}

PcapngReader::Step PcapngReader::read_interface_description(const uint8_t* b, uint32_t len) {
    InterfaceInfo info;
    Clock clock;
    info.linktype = u16(b + 8);
    info.snaplen = u32(b + 12);
    info.tsresol_num = 1'000'000;
    std::string bad;
    for_each_option(b + 16, len - 20, [this](const uint8_t* p) { return u16(p); },
                    [&](uint16_t code, std::string_view v) {
                        const auto* p = reinterpret_cast<const uint8_t*>(v.data());
                        if (code == kIfName) {
                            info.name = option_text(v);
                        } else if (code == kIfDescription) {
                            info.description = option_text(v);
                        } else if (code == kIfTsresol && !v.empty()) {
                            // High bit set: 2^-n seconds per tick, else 10^-n.
                            uint8_t r = p[0];
                            unsigned n = r & 0x7f;
                            if (r & 0x80) {
                                if (n > 62) bad = "if_tsresol 2^-" + std::to_string(n);
                                else clock.ticks_per_second = uint64_t(1) << n;
                            } else {
                                if (n > 18) {
                                    bad = "if_tsresol 10^-" + std::to_string(n);
                                } else {
                                    uint64_t t = 1;
                                    for (unsigned i = 0; i < n; ++i) t *= 10;
                                    clock.ticks_per_second = t;
                                }
                            }
                        } else if (code == kIfTsoffset && v.size() >= 8) {
                            uint64_t hi = u32(p), lo = u32(p + 4);
                            uint64_t raw = swapped_ ? (hi << 32 | lo) : (lo << 32 | hi);
                            clock.offset_seconds = int64_t(raw);
                        }
                    });
    if (!bad.empty()) {
        return fail(capture_msg::unsupported(
            path_, "interface " + std::to_string(interfaces_.size() - section_first_iface_) +
                       " has a timestamp resolution of " + bad + ", too fine to represent"));
    }
    clock.ns_per_tick = 1'000'000'000 % clock.ticks_per_second == 0
                            ? 1'000'000'000 / clock.ticks_per_second
                            : 0;
    info.tsresol_num = int64_t(clock.ticks_per_second);
    interfaces_.push_back(std::move(info));
    clocks_.push_back(clock);
    return Step::Continue;
}

int64_t PcapngReader::to_ns(const Clock& c, uint64_t ticks) const {
    __int128 ns;
    if (c.ns_per_tick != 0) {
        ns = __int128(ticks) * c.ns_per_tick;
    } else {
        uint64_t whole = ticks / c.ticks_per_second;
        uint64_t part = ticks % c.ticks_per_second;
        ns = __int128(whole) * 1'000'000'000 +
             __int128((unsigned __int128)part * 1'000'000'000u / c.ticks_per_second);
    }
    ns += __int128(c.offset_seconds) * 1'000'000'000;
    return int64_t(ns);  // out-of-range times wrap; they cannot be shown anyway
}

PcapngReader::Step PcapngReader::emit_packet(uint32_t section_iface, uint64_t ticks, uint32_t caplen,
                                             uint32_t wirelen, const uint8_t* data, uint32_t room,
                                             const uint8_t* options, uint32_t options_len,
                                             RawFrame& out) {
    uint64_t number = frames_ + 1;
    std::size_t in_section = interfaces_.size() - section_first_iface_;
    if (section_iface >= in_section) {
        return corrupt_block("holds packet " + std::to_string(number) + " of interface " +
                             std::to_string(section_iface) + ", but its section describes " +
                             std::to_string(in_section) + " interface" + (in_section == 1 ? "" : "s"));
    }
    if (caplen > kMaxCapturedPacketBytes) {
        return fail(capture_msg::corrupt(
            path_, "packet " + std::to_string(number) + " has a captured length of " +
                       std::to_string(caplen) + " bytes, bigger than the maximum of " +
                       std::to_string(kMaxCapturedPacketBytes)));
    }
    if (caplen > room) {
        return corrupt_block("holds packet " + std::to_string(number) + " with a captured length of " +
                             std::to_string(caplen) + " bytes, but has room for only " +
                             std::to_string(room));
    }
    std::size_t global = section_first_iface_ + section_iface;
    out.number = ++frames_;
    out.ts_ns = to_ns(clocks_[global], ticks);
    out.caplen = caplen;
    out.wirelen = wirelen < caplen ? caplen : wirelen;
    out.linktype = interfaces_[global].linktype;
    out.interface_id = uint32_t(global);
    out.data = std::span<const uint8_t>(data, caplen);
    out.comment = {};
    if (options_len > 0) {
        for_each_option(options, options_len, [this](const uint8_t* p) { return u16(p); },
                        [&out](uint16_t code, std::string_view v) {
                            if (code == kOptComment && out.comment.empty()) out.comment = v;
                        });
    }
    return Step::Frame;
}

PcapngReader::Step PcapngReader::read_enhanced_packet(const uint8_t* b, uint32_t len, RawFrame& out) {
    uint32_t iface = u32(b + 8);
    uint64_t ticks = uint64_t(u32(b + 12)) << 32 | u32(b + 16);
    uint32_t caplen = u32(b + 20);
    uint32_t wirelen = u32(b + 24);
    uint32_t room = len - kMinEnhancedPacket;
    uint32_t used = caplen <= room ? padded4(caplen) : room;
    if (used > room) used = room;
    return emit_packet(iface, ticks, caplen, wirelen, b + 28, room, b + 28 + used, room - used, out);
}

PcapngReader::Step PcapngReader::read_legacy_packet(const uint8_t* b, uint32_t len, RawFrame& out) {
    uint32_t iface = u16(b + 8);
    uint64_t ticks = uint64_t(u32(b + 12)) << 32 | u32(b + 16);
    uint32_t caplen = u32(b + 20);
    uint32_t wirelen = u32(b + 24);
    uint32_t room = len - kMinLegacyPacket;
    uint32_t used = caplen <= room ? padded4(caplen) : room;
    if (used > room) used = room;
    return emit_packet(iface, ticks, caplen, wirelen, b + 28, room, b + 28 + used, room - used, out);
}

PcapngReader::Step PcapngReader::read_simple_packet(const uint8_t* b, uint32_t len, RawFrame& out) {
    // No interface id or timestamp: interface 0, whose snaplen bounds the
    // captured part; the block's own size bounds it too.
    uint32_t wirelen = u32(b + 8);
    uint32_t room = len - kMinSimplePacket;
    uint32_t caplen = wirelen < room ? wirelen : room;
    if (interfaces_.size() > section_first_iface_) {
        uint32_t snaplen = interfaces_[section_first_iface_].snaplen;
        if (snaplen != 0 && caplen > snaplen) caplen = snaplen;
    }
    return emit_packet(0, 0, caplen, wirelen, b + 12, room, nullptr, 0, out);
}

}  // namespace ms
