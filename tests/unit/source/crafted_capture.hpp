// Builders for crafted capture files in memory (pcap and pcapng, either
// byte order), plus a scratch directory to put them in, for the reader
// tests. Each builder remembers where every record ends, so truncation
// tests know which cuts fall on a record boundary.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "capture/source/frame_source.hpp"

namespace ms::test_source {

using Bytes = std::vector<uint8_t>;

Bytes bytes_of(std::string_view s);

// Appends integers in a chosen byte order.
class ByteWriter {
public:
    explicit ByteWriter(bool big_endian) : big_endian_(big_endian) {}
    void u8(uint8_t v) { out.push_back(v); }
    void u16(uint16_t v);
    void u32(uint32_t v);
    void u64(uint64_t v);
    void raw(const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }
    void raw(std::string_view s) { out.insert(out.end(), s.begin(), s.end()); }
    void pad4() {
        while (out.size() % 4) out.push_back(0);
    }
    Bytes out;

private:
    bool big_endian_;
};

class PcapBuilder {
public:
    // `linktype_field` is written as-is (so tests can set the FCS bits).
    PcapBuilder(bool big_endian, bool nanoseconds, uint32_t linktype_field, uint32_t snaplen = 65535);
    // A record whose caplen is data.size(); wirelen 0 means the same.
    PcapBuilder& packet(uint32_t seconds, uint32_t fraction, const Bytes& data, uint32_t wirelen = 0);
    // A record header with any caplen, followed by `data` (for damage).
    PcapBuilder& raw_record(uint32_t seconds, uint32_t fraction, uint32_t caplen, uint32_t wirelen,
                            const Bytes& data);
    const Bytes& bytes() const { return w_.out; }
    // Offsets where the file header and each record end.
    const std::vector<std::size_t>& boundaries() const { return boundaries_; }

private:
    ByteWriter w_;
    std::vector<std::size_t> boundaries_;
};

struct Option {
    uint16_t code;
    Bytes value;
};
Option text_option(uint16_t code, std::string_view text);

class PcapngBuilder {
public:
    PcapngBuilder() = default;
    // Starts a section in the given byte order.
    PcapngBuilder& section(bool big_endian, const std::vector<Option>& options = {}, uint16_t major = 1);
    PcapngBuilder& interface(uint16_t linktype, uint32_t snaplen, const std::vector<Option>& options = {});
    PcapngBuilder& enhanced(uint32_t iface, uint64_t ticks, const Bytes& data, uint32_t wirelen = 0,
                            const std::vector<Option>& options = {});
    PcapngBuilder& simple(uint32_t wirelen, const Bytes& data);
    PcapngBuilder& legacy(uint16_t iface, uint64_t ticks, const Bytes& data, uint32_t wirelen = 0);
    // Any block: type, body (padded to 4), lengths filled in.
    PcapngBuilder& block(uint32_t type, const Bytes& body);
    // A block with a caller-chosen length field (for damage); body as-is.
    PcapngBuilder& block_with_length(uint32_t type, uint32_t length, const Bytes& body);
    const Bytes& bytes() const { return out_; }
    const std::vector<std::size_t>& boundaries() const { return boundaries_; }

private:
    ByteWriter writer() const { return ByteWriter(big_endian_); }
    void add_options(ByteWriter& w, const std::vector<Option>& options);
    bool big_endian_ = false;
    Bytes out_;
    std::vector<std::size_t> boundaries_;
};

// A frame copied out of the reader's buffer.
struct FrameCopy {
    uint64_t number;
    int64_t ts_ns;
    uint32_t caplen, wirelen, linktype, interface_id;
    Bytes data;
    std::string comment;
};

struct ReadResult {
    bool opened = false;
    std::string open_error;
    std::vector<FrameCopy> frames;
    ReadStatus last = ReadStatus::Error;
    std::string error;
    std::string format;
    std::vector<InterfaceInfo> interfaces;
    std::vector<std::string> comments;
};

// Opens and reads to the end (at most `limit` frames, as a guard).
ReadResult read_capture(const std::string& path, uint64_t limit = 10'000'000);

// A fresh directory under the system temp dir, removed on destruction.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return dir_; }
    std::string write(const std::string& name, const Bytes& content) const;
    std::string write_gzip(const std::string& name, const Bytes& content, int members = 1) const;

private:
    std::filesystem::path dir_;
};

Bytes read_file(const std::string& path);

}  // namespace ms::test_source
