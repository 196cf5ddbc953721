// A capture source yields raw frames in file order. Readers never allocate
// in proportion to a length field: a bad length is an error, not a malloc.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ms {

// LINKTYPE_* values (tcpdump.org/linktypes.html); pcap files carry these.
enum LinkType : uint32_t {
    kLinkNull = 0,
    kLinkEthernet = 1,
    kLinkRaw = 101,       // LINKTYPE_RAW
    kLinkLoop = 108,      // OpenBSD loopback (network byte order AF)
    kLinkLinuxSll = 113,
    kLinkIPv4 = 228,
    kLinkIPv6 = 229,
    kLinkLinuxSll2 = 276,
};

struct RawFrame {
    uint64_t number = 0;      // 1-based, in file order
    int64_t ts_ns = 0;        // ns since the epoch
    uint32_t caplen = 0;      // bytes present (data.size())
    uint32_t wirelen = 0;     // bytes on the wire (>= caplen)
    uint32_t linktype = 0;
    uint32_t interface_id = 0;
    std::span<const uint8_t> data;  // valid until the next call to next()
    std::string_view comment;       // pcapng opt_comment, if any
};

struct InterfaceInfo {
    uint32_t linktype = 0;
    uint32_t snaplen = 0;
    std::string name;         // if_name
    std::string description;  // if_description
    int64_t tsresol_num = 1;  // ticks per second = tsresol_num (after if_tsresol)
};

enum class ReadStatus { Frame, End, Error };

class FrameSource {
public:
    virtual ~FrameSource() = default;
    // Frame: `out` holds the next frame. End: clean end of file.
    // Error: error() says what went wrong; frames before it were good.
    virtual ReadStatus next(RawFrame& out) = 0;
    virtual const std::string& error() const = 0;
    // "pcap", "pcapng" (with "gzip-compressed " in front when inflated).
    virtual std::string format_name() const = 0;
    virtual const std::vector<InterfaceInfo>& interfaces() const = 0;
    // Section comments (pcapng shb_comment), in order.
    virtual const std::vector<std::string>& comments() const { static const std::vector<std::string> none; return none; }
};

// Opens a capture file ("-" = standard input), detecting pcap, pcapng and
// gzip by magic (not by name). On failure returns null and sets `error` to
// a one-line message naming the problem (tshark's wording where it has one).
std::unique_ptr<FrameSource> open_capture(const std::string& path, std::string& error);

}  // namespace ms
