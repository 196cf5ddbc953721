#include "capture/source/capture_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "capture/source/capture_messages.hpp"

namespace ms {

namespace {

constexpr std::size_t kStdioBufferBytes = 1u << 20;
constexpr unsigned kMaxTemporaryNameAttempts = 1000;
constexpr uint32_t kPcapMagicMicro = 0xa1b2c3d4;
constexpr uint32_t kPcapMagicNano = 0xa1b23c4d;
constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint16_t kOptComment = 1;
constexpr uint16_t kShbUserAppl = 4;
constexpr uint16_t kIfTsresol = 9;
constexpr uint8_t kNanosecondResolution = 9;  // if_tsresol 10^-9

// Little-endian field staging: files are written in one byte order,
// whatever the host's.
class Staging {
public:
    void u16(uint16_t v) {
        bytes_.push_back(uint8_t(v));
        bytes_.push_back(uint8_t(v >> 8));
    }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes_.push_back(uint8_t(v >> (8 * i)));
    }
    void raw(const void* p, std::size_t n) {
        const auto* b = static_cast<const uint8_t*>(p);
        bytes_.insert(bytes_.end(), b, b + n);
    }
    void pad4() {
        while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    }
    // pcapng option: code, length, value, padding.
    void option(uint16_t code, const void* value, uint16_t len) {
        u16(code);
        u16(len);
        raw(value, len);
        pad4();
    }
    void end_of_options() { u32(0); }
    std::size_t size() const { return bytes_.size(); }
    const uint8_t* data() const { return bytes_.data(); }
    void patch_u32(std::size_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes_[at + i] = uint8_t(v >> (8 * i));
    }

private:
    std::vector<uint8_t> bytes_;
};

// Seconds and sub-second part of a time, flooring so negative times work.
void split_time(int64_t ts_ns, int64_t& seconds, int64_t& nanos) {
    seconds = ts_ns / 1'000'000'000;
    nanos = ts_ns % 1'000'000'000;
    if (nanos < 0) {
        nanos += 1'000'000'000;
        seconds -= 1;
    }
}

}  // namespace

CaptureWriter::CaptureWriter(std::FILE* stream, bool owns_stream, std::string name, std::string tmp_path,
                             const CaptureWriterOptions& options)
    : stream_(stream),
      owns_stream_(owns_stream),
      name_(std::move(name)),
      tmp_path_(std::move(tmp_path)),
      options_(options) {}

std::unique_ptr<CaptureWriter> CaptureWriter::create(const std::string& path, const CaptureWriterOptions& options,
                                                     std::string& error) {
    if (path == "-") return create(stdout, "-", options, error);
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            error = "The file " + capture_msg::quoted(path) + " could not be created: it is a directory.";
            return nullptr;
        }
        // A FIFO, a terminal or /dev/null is written in place: renaming a
        // temporary file over it would replace the device with a file.
        if (!S_ISREG(st.st_mode)) {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            if (!f) {
                error = "The file " + capture_msg::quoted(path) + " could not be opened: " + std::strerror(errno) + ".";
                return nullptr;
            }
            std::unique_ptr<CaptureWriter> w(new CaptureWriter(f, true, path, "", options));
            if (!w->start()) {
                error = w->error_;
                return nullptr;
            }
            return w;
        }
    }
    // O_EXCL: a file already called NAME.tmp (someone else's, or left by a
    // run that was killed) is never truncated or written through; the next
    // free NAME.tmp.N is used instead.
    std::string tmp;
    int fd = -1;
    for (unsigned n = 0; n < kMaxTemporaryNameAttempts && fd < 0; ++n) {
        tmp = n == 0 ? path + ".tmp" : path + ".tmp." + std::to_string(n);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    std::FILE* f = fd >= 0 ? ::fdopen(fd, "wb") : nullptr;
    if (!f) {
        int err = errno;
        if (fd >= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
        }
        error = "The file " + capture_msg::quoted(tmp) + " could not be created: " + std::strerror(err) + ".";
        return nullptr;
    }
    std::unique_ptr<CaptureWriter> w(new CaptureWriter(f, true, path, tmp, options));
    if (!w->start()) {
        error = w->error_;
        return nullptr;  // the destructor removes the temporary file
    }
    return w;
}

std::unique_ptr<CaptureWriter> CaptureWriter::create(std::FILE* stream, std::string name,
                                                     const CaptureWriterOptions& options, std::string& error) {
    std::unique_ptr<CaptureWriter> w(new CaptureWriter(stream, false, std::move(name), "", options));
    if (!w->start()) {
        error = w->error_;
        return nullptr;
    }
    return w;
}

CaptureWriter::~CaptureWriter() {
    if (!closed_) abandon();
}

bool CaptureWriter::start() {
    if (owns_stream_) {
        // One large buffer: a write(2) per megabyte, not per frame.
        stdio_buffer_.resize(kStdioBufferBytes);
        std::setvbuf(stream_, stdio_buffer_.data(), _IOFBF, stdio_buffer_.size());
    }
    if (options_.format == CaptureFileFormat::Pcapng) return write_pcapng_section_header();
    return true;  // the pcap header waits for the first frame's link type
}

void CaptureWriter::abandon() {
    closed_ = true;
    if (owns_stream_ && stream_) std::fclose(stream_);
    stream_ = nullptr;
    if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());
}

bool CaptureWriter::fail(std::string message) {
    if (!failed_) error_ = std::move(message);
    failed_ = true;
    return false;
}

bool CaptureWriter::put(const void* data, std::size_t n) {
    if (n == 0) return true;
    errno = 0;
    if (std::fwrite(data, 1, n, stream_) != n) return fail(capture_msg::write_failed(name_, errno ? errno : EIO));
    return true;
}

bool CaptureWriter::put_zeros(std::size_t n) {
    static const uint8_t zeros[4] = {};
    return put(zeros, n);
}

bool CaptureWriter::write_pcap_header(uint32_t linktype) {
    Staging s;
    s.u32(options_.format == CaptureFileFormat::PcapNanoseconds ? kPcapMagicNano : kPcapMagicMicro);
    s.u16(2);
    s.u16(4);
    s.u32(0);  // thiszone
    s.u32(0);  // sigfigs
    s.u32(options_.snaplen);
    s.u32(linktype);
    header_written_ = true;
    pcap_linktype_ = linktype;
    return put(s.data(), s.size());
}

bool CaptureWriter::write_pcapng_section_header() {
    Staging s;
    s.u32(kSectionHeader);
    s.u32(0);  // total length, patched below
    s.u32(0x1A2B3C4D);
    s.u16(1);
    s.u16(0);
    s.u32(0xFFFFFFFF);  // section length unknown
    s.u32(0xFFFFFFFF);
    if (!options_.section_comment.empty()) {
        std::size_t n = std::min<std::size_t>(options_.section_comment.size(), 0xFFFF);
        s.option(kOptComment, options_.section_comment.data(), uint16_t(n));
    }
    static const char appl[] = "mailscope";
    s.option(kShbUserAppl, appl, uint16_t(sizeof appl - 1));
    s.end_of_options();
    s.u32(0);
    uint32_t total = uint32_t(s.size());
    s.patch_u32(4, total);
    s.patch_u32(s.size() - 4, total);
    header_written_ = true;
    return put(s.data(), s.size());
}

int64_t CaptureWriter::pcapng_interface(uint32_t linktype) {
    for (std::size_t i = 0; i < pcapng_linktypes_.size(); ++i)
        if (pcapng_linktypes_[i] == linktype) return int64_t(i);
    if (linktype > 0xFFFF) {
        fail("The file " + capture_msg::quoted(name_) + " can't hold link type " + std::to_string(linktype) +
             ": pcapng link types are 16 bits.");
        return -1;
    }
    Staging s;
    s.u32(kInterfaceDescription);
    s.u32(0);
    s.u16(uint16_t(linktype));
    s.u16(0);
    s.u32(options_.snaplen);
    s.option(kIfTsresol, &kNanosecondResolution, 1);
    s.end_of_options();
    s.u32(0);
    uint32_t total = uint32_t(s.size());
    s.patch_u32(4, total);
    s.patch_u32(s.size() - 4, total);
    if (!put(s.data(), s.size())) return -1;
    pcapng_linktypes_.push_back(linktype);
    return int64_t(pcapng_linktypes_.size() - 1);
}

bool CaptureWriter::write_pcap_record(const RawFrame& frame) {
    if (!header_written_ && !write_pcap_header(frame.linktype)) return false;
    if (frame.linktype != pcap_linktype_) {
        return fail("The file " + capture_msg::quoted(name_) + " can't hold packets of link types " +
                    std::to_string(pcap_linktype_) + " and " + std::to_string(frame.linktype) +
                    " together in pcap format; write pcapng instead.");
    }
    int64_t seconds, nanos;
    split_time(frame.ts_ns, seconds, nanos);
    bool ns = options_.format == CaptureFileFormat::PcapNanoseconds;
    Staging s;
    s.u32(uint32_t(seconds));
    s.u32(uint32_t(ns ? nanos : nanos / 1000));
    s.u32(uint32_t(frame.data.size()));
    s.u32(std::max<uint32_t>(frame.wirelen, uint32_t(frame.data.size())));
    return put(s.data(), s.size()) && put(frame.data.data(), frame.data.size());
}

bool CaptureWriter::write_pcapng_packet(const RawFrame& frame) {
    int64_t iface = pcapng_interface(frame.linktype);
    if (iface < 0) return false;
    uint32_t caplen = uint32_t(frame.data.size());
    uint32_t padded = (caplen + 3u) & ~3u;
    std::size_t comment_len = std::min<std::size_t>(frame.comment.size(), 0xFFFF);
    uint32_t options_len = comment_len > 0 ? uint32_t(4 + ((comment_len + 3) & ~std::size_t(3)) + 4) : 0;
    uint32_t total = 32 + padded + options_len;
    uint64_t ticks = uint64_t(frame.ts_ns);  // ns since the epoch, if_tsresol 10^-9

    Staging head;
    head.u32(kEnhancedPacket);
    head.u32(total);
    head.u32(uint32_t(iface));
    head.u32(uint32_t(ticks >> 32));
    head.u32(uint32_t(ticks));
    head.u32(caplen);
    head.u32(std::max(frame.wirelen, caplen));
    if (!put(head.data(), head.size()) || !put(frame.data.data(), caplen) || !put_zeros(padded - caplen))
        return false;
    Staging tail;
    if (comment_len > 0) {
        tail.option(kOptComment, frame.comment.data(), uint16_t(comment_len));
        tail.end_of_options();
    }
    tail.u32(total);
    return put(tail.data(), tail.size());
}

bool CaptureWriter::write(const RawFrame& frame) {
    if (failed_) return false;
    if (closed_) return fail("The file " + capture_msg::quoted(name_) + " was written to after it was closed.");
    if (frame.data.size() > kMaxCapturedPacketBytes) {
        return fail("The file " + capture_msg::quoted(name_) + " can't hold frame " + std::to_string(frame.number) +
                    ": its " + std::to_string(frame.data.size()) + " bytes exceed the maximum of " +
                    std::to_string(kMaxCapturedPacketBytes) + ".");
    }
    bool ok = options_.format == CaptureFileFormat::Pcapng ? write_pcapng_packet(frame) : write_pcap_record(frame);
    if (ok) ++frames_;
    return ok;
}

bool CaptureWriter::close() {
    if (closed_) return !failed_;
    if (!failed_ && !header_written_) write_pcap_header(options_.default_linktype);
    if (!failed_ && std::fflush(stream_) != 0) fail(capture_msg::write_failed(name_, errno ? errno : EIO));
    if (owns_stream_) {
        std::FILE* f = stream_;
        stream_ = nullptr;
        // The data must be on the disk before the name says the file is
        // whole: some file systems report a full disk only here.
        if (!failed_ && !tmp_path_.empty() && ::fsync(::fileno(f)) != 0 && errno != EINVAL)
            fail(capture_msg::write_failed(name_, errno));
        if (std::fclose(f) != 0) fail(capture_msg::write_failed(name_, errno ? errno : EIO));
    }
    if (!failed_ && !tmp_path_.empty() && std::rename(tmp_path_.c_str(), name_.c_str()) != 0) {
        fail("The file " + capture_msg::quoted(tmp_path_) + " could not be renamed to " + capture_msg::quoted(name_) +
             ": " + std::strerror(errno) + ".");
    }
    closed_ = true;
    if (failed_ && !tmp_path_.empty()) ::unlink(tmp_path_.c_str());
    return !failed_;
}

}  // namespace ms
