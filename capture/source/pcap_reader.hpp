// Classic libpcap files: either byte order, microsecond or nanosecond
// timestamps (magic 0xa1b2c3d4 / 0xa1b23c4d).
#pragma once

#include <memory>
#include <string>

#include "capture/source/frame_source.hpp"
#include "capture/source/read_buffer.hpp"

namespace ms {

// True when the 4 bytes at p are a pcap magic number in either byte order.
bool is_pcap_magic(const uint8_t* p);

class PcapReader final : public FrameSource {
public:
    // `buf` must be at the start of the file header. Null with `error` set
    // when the header is missing, cut short or unsupported.
    static std::unique_ptr<PcapReader> open(ReadBuffer buf, std::string path, bool gzipped,
                                            std::string& error);

    ReadStatus next(RawFrame& out) override;
    const std::string& error() const override { return error_; }
    std::string format_name() const override { return gzipped_ ? "gzip-compressed pcap" : "pcap"; }
    const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }

private:
    PcapReader(ReadBuffer buf, std::string path, bool gzipped);
    uint32_t u32(const uint8_t* p) const;
    ReadStatus fail(std::string message);

    ReadBuffer buf_;
    std::string path_;
    bool gzipped_;
    bool swapped_ = false;
    bool nanoseconds_ = false;
    uint32_t linktype_ = 0;
    uint64_t frames_ = 0;
    ReadStatus final_ = ReadStatus::Frame;  // End or Error once reached
    std::string error_;
    std::vector<InterfaceInfo> interfaces_;
};

}  // namespace ms
