// Writes what the capture helper captures: pcapng with one interface
// description per capture interface (if_name, if_description, if_tsresol),
// enhanced packet blocks and, at the end, interface statistics; or classic
// pcap. Unlike capture/source's CaptureWriter (one IDB per link type, frames
// from a file), this keeps the interfaces the packets really came from.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ms {

enum class LiveFileFormat { Pcapng, Pcap };

struct LiveInterface {
    std::string name;
    std::string description;
    uint32_t linktype = 1;
    uint32_t snaplen = 262144;
    bool nanoseconds = false;  // timestamp fractions are ns (else us)
};

struct LivePacket {
    uint32_t interface_index = 0;  // into the writer's interface list
    int64_t ts_sec = 0;
    uint32_t ts_frac = 0;  // us or ns, as the interface says
    uint32_t caplen = 0;
    uint32_t wirelen = 0;
    const uint8_t* data = nullptr;
};

class LiveFileWriter {
public:
    // The stream stays the caller's. `application` goes in shb_userappl.
    LiveFileWriter(std::FILE* out, LiveFileFormat format, std::vector<LiveInterface> interfaces,
                   std::string application);

    // Section header and interface descriptions (or the pcap file header).
    // Classic pcap takes one link type and one timestamp precision: the
    // first interface's; open() refuses several interfaces then.
    bool write_header();
    bool write_packet(const LivePacket& p);
    // pcapng interface statistics block (isb_ifrecv, isb_ifdrop); a no-op
    // for classic pcap, which has no place for them.
    bool write_statistics(uint32_t interface_index, int64_t now_ns, uint64_t received, uint64_t dropped);
    bool flush();

    uint64_t bytes_written() const { return bytes_; }
    // errno of the first failed write (0 if none); every later call fails.
    int error_number() const { return errno_; }

private:
    bool put(const void* p, std::size_t n);
    bool put_u16(uint16_t v) { return put(&v, 2); }
    bool put_u32(uint32_t v) { return put(&v, 4); }
    bool put_padding(std::size_t n);
    bool put_string_option(uint16_t code, const std::string& value);

    std::FILE* out_;
    LiveFileFormat format_;
    std::vector<LiveInterface> interfaces_;
    std::string application_;
    uint64_t bytes_ = 0;
    int errno_ = 0;
};

// The total length of a pcapng string option (header, value, padding).
uint32_t pcapng_string_option_size(const std::string& value);

}  // namespace ms
