// pcapng files: sections in either byte order, interface descriptions with
// their own link types and timestamp resolutions, and the three packet
// block kinds (enhanced, simple, legacy). Other blocks are skipped.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "capture/source/frame_source.hpp"
#include "capture/source/read_buffer.hpp"

namespace ms {

// True when the 4 bytes at p are the pcapng section header block type.
bool is_pcapng_magic(const uint8_t* p);

class PcapngReader final : public FrameSource {
public:
    // `buf` must be at the first section header block. Null with `error`
    // set when that block is missing, cut short or damaged.
    static std::unique_ptr<PcapngReader> open(ReadBuffer buf, std::string path, bool gzipped,
                                              std::string& error);

    ReadStatus next(RawFrame& out) override;
    const std::string& error() const override { return error_; }
    std::string format_name() const override { return gzipped_ ? "gzip-compressed pcapng" : "pcapng"; }
    const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }
    const std::vector<std::string>& comments() const override { return comments_; }

private:
    // How an interface's timestamp ticks become nanoseconds.
    struct Clock {
        uint64_t ticks_per_second = 1'000'000;
        uint64_t ns_per_tick = 1000;  // 0 when a tick is not a whole number of ns
        int64_t offset_seconds = 0;   // if_tsoffset
    };
    enum class Step { Frame, Continue, End, Error };

    PcapngReader(ReadBuffer buf, std::string path, bool gzipped);
    uint16_t u16(const uint8_t* p) const;
    uint32_t u32(const uint8_t* p) const;
    Step fail(std::string message);
    Step corrupt_block(const std::string& what);

    Step read_block(RawFrame& out);
    Step read_section_header(const uint8_t* b, uint32_t len);
    Step read_interface_description(const uint8_t* b, uint32_t len);
    Step read_enhanced_packet(const uint8_t* b, uint32_t len, RawFrame& out);
    Step read_simple_packet(const uint8_t* b, uint32_t len, RawFrame& out);
    Step read_legacy_packet(const uint8_t* b, uint32_t len, RawFrame& out);
    // Shared tail of the packet blocks: interface lookup, bounds, output.
    Step emit_packet(uint32_t section_iface, uint64_t ticks, uint32_t caplen, uint32_t wirelen,
                     const uint8_t* data, uint32_t room, const uint8_t* options,
                     uint32_t options_len, RawFrame& out);
    int64_t to_ns(const Clock& c, uint64_t ticks) const;

    ReadBuffer buf_;
    std::string path_;
    bool gzipped_;
    bool swapped_ = false;             // byte order of the current section
    std::size_t section_first_iface_ = 0;  // index in interfaces_ of this section's interface 0
    bool in_first_block_ = false;      // a cut-short first block is a cut-short file header
    uint64_t frames_ = 0;
    ReadStatus final_ = ReadStatus::Frame;
    std::string error_;
    std::vector<InterfaceInfo> interfaces_;  // every section's, in file order
    std::vector<Clock> clocks_;              // parallel to interfaces_
    std::vector<std::string> comments_;
};

}  // namespace ms
