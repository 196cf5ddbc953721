// Writes frames to a pcap or pcapng file (for -w, and for tests that build
// captures). A named file is written as "NAME.tmp" (or "NAME.tmp.N" when
// that name is taken: an existing file is never truncated), synced and
// renamed on close(), so a half-written capture never appears under the
// final name; on any failure the temporary file is removed. A FIFO or
// device (/dev/null, /dev/stdout) is written in place.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "capture/source/capture_limits.hpp"
#include "capture/source/frame_source.hpp"

namespace ms {

enum class CaptureFileFormat {
    Pcap,             // classic, microsecond timestamps (magic 0xa1b2c3d4)
    PcapNanoseconds,  // classic, nanosecond timestamps (magic 0xa1b23c4d)
    Pcapng,           // SHB, one IDB per link type (if_tsresol 10^-9), EPBs
};

struct CaptureWriterOptions {
    CaptureFileFormat format = CaptureFileFormat::Pcapng;
    // pcap's header carries one link type: the first frame's, or this one
    // when no frame is written.
    uint32_t default_linktype = kLinkEthernet;
    uint32_t snaplen = kMaxCapturedPacketBytes;
    std::string section_comment;  // pcapng shb_comment; empty for none
};

class CaptureWriter {
public:
    // Creates PATH.tmp ("-" writes to standard output, with no rename).
    // Null with `error` set when the file cannot be created or PATH is a
    // directory.
    static std::unique_ptr<CaptureWriter> create(const std::string& path, const CaptureWriterOptions& options,
                                                 std::string& error);
    // Writes to a stream the caller keeps owning (never closed or renamed
    // here). `name` names it in messages.
    static std::unique_ptr<CaptureWriter> create(std::FILE* stream, std::string name,
                                                 const CaptureWriterOptions& options, std::string& error);

    // Without a successful close() the temporary file is removed.
    ~CaptureWriter();
    CaptureWriter(const CaptureWriter&) = delete;
    CaptureWriter& operator=(const CaptureWriter&) = delete;

    // Writes one frame (its data, caplen, wirelen, ts_ns, linktype and, in
    // pcapng, its comment). False on failure; error() says why, and every
    // later call fails too.
    bool write(const RawFrame& frame);
    // Flushes, syncs, closes and renames into place. False on failure (the
    // temporary file is then removed). Calling it twice is harmless.
    bool close();

    const std::string& error() const { return error_; }
    uint64_t frames_written() const { return frames_; }

private:
    CaptureWriter(std::FILE* stream, bool owns_stream, std::string name, std::string tmp_path,
                  const CaptureWriterOptions& options);
    bool start();
    bool put(const void* data, std::size_t n);
    bool put_zeros(std::size_t n);
    bool write_pcap_header(uint32_t linktype);
    bool write_pcapng_section_header();
    // Index of the pcapng interface for a link type, writing its IDB first
    // if it is new; -1 on failure.
    int64_t pcapng_interface(uint32_t linktype);
    bool write_pcap_record(const RawFrame& frame);
    bool write_pcapng_packet(const RawFrame& frame);
    bool fail(std::string message);
    void abandon();

    std::FILE* stream_;
    bool owns_stream_;
    std::string name_;      // the final name, for messages
    std::string tmp_path_;  // empty when writing to a caller's stream
    CaptureWriterOptions options_;
    std::vector<char> stdio_buffer_;
    bool header_written_ = false;
    uint32_t pcap_linktype_ = 0;
    std::vector<uint32_t> pcapng_linktypes_;  // interface id -> link type
    uint64_t frames_ = 0;
    bool failed_ = false;
    bool closed_ = false;
    std::string error_;
};

}  // namespace ms
