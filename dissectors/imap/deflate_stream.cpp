#include "deflate_stream.hpp"

#include <algorithm>
#include <zlib.h>

namespace ms::imap {

struct DeflateStream::State {
    z_stream z{};
    bool ready = false;
    ~State() {
        if (ready) inflateEnd(&z);
    }
};

DeflateStream::DeflateStream() : st_(std::make_unique<State>()) {
    // Negative window bits: raw deflate, no zlib header (RFC 4978 section 4).
    st_->ready = inflateInit2(&st_->z, -15) == Z_OK;
    failed_ = !st_->ready;
}

DeflateStream::~DeflateStream() = default;

DeflateStream::Result DeflateStream::inflate(std::span<const uint8_t> in, std::vector<uint8_t>& out,
                                             uint64_t max_keep, uint64_t& discarded, std::size_t& consumed) {
    consumed = 0;
    discarded = 0;
    if (failed_) return Result::Error;
    if (ended_) return Result::StreamEnd;
    constexpr std::size_t kChunk = 16 * 1024;
    uint8_t scratch[kChunk];
    z_stream& z = st_->z;
    uint64_t kept = 0;
    std::size_t pos = 0;
    Result result = Result::Ok;
    while (pos < in.size()) {
        // zlib counts input in uInt; feed at most 1 GiB at a time.
        const std::size_t piece = std::min<std::size_t>(in.size() - pos, std::size_t(1) << 30);
        z.next_in = const_cast<Bytef*>(in.data() + pos);
        z.avail_in = uInt(piece);
        bool stop = false;
        while (true) {
            const uint64_t keep_room = max_keep - kept;
            uint8_t* dst;
            std::size_t room;
            std::size_t old = out.size();
            if (keep_room > 0) {
                room = std::size_t(std::min<uint64_t>(kChunk, keep_room));
                out.resize(old + room);
                dst = out.data() + old;
            } else {
                room = kChunk;
                dst = scratch;
            }
            z.next_out = dst;
            z.avail_out = uInt(room);
            const int rc = ::inflate(&z, Z_SYNC_FLUSH);
            const std::size_t got = room - z.avail_out;
            if (keep_room > 0) {
                out.resize(old + got);
                kept += got;
            } else {
                discarded += got;
            }
            total_out_ += got;
            if (rc == Z_STREAM_END) {
                ended_ = true;
                result = Result::StreamEnd;
                stop = true;
                break;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                failed_ = true;
                result = Result::Error;
                stop = true;
                break;
            }
            // This piece is done when its input is used up and zlib had room to spare.
            if (z.avail_in == 0 && z.avail_out != 0) break;
            if (rc == Z_BUF_ERROR && got == 0) break;  // no progress possible with this input
        }
        const std::size_t used = piece - z.avail_in;
        pos += used;
        z.avail_in = 0;
        z.next_in = nullptr;
        if (stop) break;
        if (used < piece) {
            // zlib would take no more input without producing output: corrupt.
            failed_ = true;
            result = Result::Error;
            break;
        }
    }
    consumed = pos;
    total_in_ += pos;
    return result;
}

}  // namespace ms::imap
