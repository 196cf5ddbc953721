#include "crafted_capture.hpp"

#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

namespace ms::test_source {

Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

void ByteWriter::u16(uint16_t v) {
    if (big_endian_) {
        u8(uint8_t(v >> 8));
        u8(uint8_t(v));
    } else {
        u8(uint8_t(v));
        u8(uint8_t(v >> 8));
    }
}

void ByteWriter::u32(uint32_t v) {
    if (big_endian_) {
        u16(uint16_t(v >> 16));
        u16(uint16_t(v));
    } else {
        u16(uint16_t(v));
        u16(uint16_t(v >> 16));
    }
}

void ByteWriter::u64(uint64_t v) {
    if (big_endian_) {
        u32(uint32_t(v >> 32));
        u32(uint32_t(v));
    } else {
        u32(uint32_t(v));
        u32(uint32_t(v >> 32));
    }
}

PcapBuilder::PcapBuilder(bool big_endian, bool nanoseconds, uint32_t linktype_field, uint32_t snaplen)
    : w_(big_endian) {
    w_.u32(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
    w_.u16(2);
    w_.u16(4);
    w_.u32(0);
    w_.u32(0);
    w_.u32(snaplen);
    w_.u32(linktype_field);
    boundaries_.push_back(w_.out.size());
}

PcapBuilder& PcapBuilder::packet(uint32_t seconds, uint32_t fraction, const Bytes& data, uint32_t wirelen) {
    return raw_record(seconds, fraction, uint32_t(data.size()), wirelen ? wirelen : uint32_t(data.size()), data);
}

PcapBuilder& PcapBuilder::raw_record(uint32_t seconds, uint32_t fraction, uint32_t caplen, uint32_t wirelen,
                                     const Bytes& data) {
    w_.u32(seconds);
    w_.u32(fraction);
    w_.u32(caplen);
    w_.u32(wirelen);
    w_.raw(data);
    boundaries_.push_back(w_.out.size());
    return *this;
}

Option text_option(uint16_t code, std::string_view text) { return Option{code, bytes_of(text)}; }

void PcapngBuilder::add_options(ByteWriter& w, const std::vector<Option>& options) {
    if (options.empty()) return;
    for (const Option& o : options) {
        w.u16(o.code);
        w.u16(uint16_t(o.value.size()));
        w.raw(o.value);
        w.pad4();
    }
    w.u32(0);  // opt_endofopt
}

PcapngBuilder& PcapngBuilder::block(uint32_t type, const Bytes& body) {
    Bytes padded = body;
    while (padded.size() % 4) padded.push_back(0);
    return block_with_length(type, uint32_t(12 + padded.size()), padded);
}

PcapngBuilder& PcapngBuilder::block_with_length(uint32_t type, uint32_t length, const Bytes& body) {
    ByteWriter w = writer();
    w.u32(type);
    w.u32(length);
    w.raw(body);
    w.u32(length);
    out_.insert(out_.end(), w.out.begin(), w.out.end());
    boundaries_.push_back(out_.size());
    return *this;
}

PcapngBuilder& PcapngBuilder::section(bool big_endian, const std::vector<Option>& options, uint16_t major) {
    big_endian_ = big_endian;
    ByteWriter w = writer();
    w.u32(0x1A2B3C4D);
    w.u16(major);
    w.u16(0);
    w.u64(~uint64_t(0));
    add_options(w, options);
    return block(0x0A0D0D0A, w.out);
}

PcapngBuilder& PcapngBuilder::interface(uint16_t linktype, uint32_t snaplen, const std::vector<Option>& options) {
    ByteWriter w = writer();
    w.u16(linktype);
    w.u16(0);
    w.u32(snaplen);
    add_options(w, options);
    return block(1, w.out);
}

PcapngBuilder& PcapngBuilder::enhanced(uint32_t iface, uint64_t ticks, const Bytes& data, uint32_t wirelen,
                                       const std::vector<Option>& options) {
    ByteWriter w = writer();
    w.u32(iface);
    w.u32(uint32_t(ticks >> 32));
    w.u32(uint32_t(ticks));
    w.u32(uint32_t(data.size()));
    w.u32(wirelen ? wirelen : uint32_t(data.size()));
    w.raw(data);
    w.pad4();
    add_options(w, options);
    return block(6, w.out);
}

PcapngBuilder& PcapngBuilder::simple(uint32_t wirelen, const Bytes& data) {
    ByteWriter w = writer();
    w.u32(wirelen);
    w.raw(data);
    return block(3, w.out);
}

PcapngBuilder& PcapngBuilder::legacy(uint16_t iface, uint64_t ticks, const Bytes& data, uint32_t wirelen) {
    ByteWriter w = writer();
    w.u16(iface);
    w.u16(0);  // drops
    w.u32(uint32_t(ticks >> 32));
    w.u32(uint32_t(ticks));
    w.u32(uint32_t(data.size()));
    w.u32(wirelen ? wirelen : uint32_t(data.size()));
    w.raw(data);
    return block(2, w.out);
}

ReadResult read_capture(const std::string& path, uint64_t limit) {
    ReadResult r;
    auto src = open_capture(path, r.open_error);
    if (!src) return r;
    r.opened = true;
    r.format = src->format_name();
    RawFrame f;
    for (uint64_t i = 0; i < limit; ++i) {
        r.last = src->next(f);
        if (r.last != ReadStatus::Frame) break;
        r.frames.push_back(FrameCopy{f.number, f.ts_ns, f.caplen, f.wirelen, f.linktype, f.interface_id,
                                     Bytes(f.data.begin(), f.data.end()), std::string(f.comment)});
    }
    r.error = src->error();
    r.interfaces = src->interfaces();
    r.comments = src->comments();
    return r;
}

ScratchDir::ScratchDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto p = std::filesystem::temp_directory_path() /
                 ("ms_source_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
        if (std::filesystem::create_directory(p)) {
            dir_ = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a scratch directory");
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string ScratchDir::write(const std::string& name, const Bytes& content) const {
    std::string p = (dir_ / name).string();
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(content.data()), std::streamsize(content.size()));
    if (!f) throw std::runtime_error("cannot write " + p);
    return p;
}

std::string ScratchDir::write_gzip(const std::string& name, const Bytes& content, int members) const {
    std::string p = (dir_ / name).string();
    std::filesystem::remove(p);
    // gzopen in append mode starts a new gzip member each time.
    std::size_t per = members > 0 ? (content.size() + std::size_t(members) - 1) / std::size_t(members) : 0;
    std::size_t at = 0;
    for (int m = 0; m < members; ++m) {
        gzFile gz = gzopen(p.c_str(), "ab");
        if (!gz) throw std::runtime_error("gzopen " + p);
        std::size_t n = std::min(per, content.size() - at);
        if (n > 0 && gzwrite(gz, content.data() + at, unsigned(n)) != int(n))
            throw std::runtime_error("gzwrite " + p);
        at += n;
        if (gzclose(gz) != Z_OK) throw std::runtime_error("gzclose " + p);
    }
    return p;
}

Bytes read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace ms::test_source
