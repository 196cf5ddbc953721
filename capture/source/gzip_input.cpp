#include "capture/source/gzip_input.hpp"

#include <zlib.h>

#include <cstring>
#include <vector>

#include "capture/source/capture_messages.hpp"

namespace ms {

namespace {
constexpr std::size_t kCompressedBufferBytes = 256u << 10;
}

struct GzipInput::State {
    z_stream zs{};
    bool zs_ready = false;
    std::vector<uint8_t> in;      // compressed bytes; zs.next_in points into it
    bool input_ended = false;     // the compressed input has no more bytes
    bool member_ended = false;    // inflate finished a gzip member
    bool finished = false;        // clean end of the decompressed stream
    bool failed = false;          // error_ is set; every later read fails
    bool failure_pending = false; // fail after handing out what was produced
};

GzipInput::GzipInput(std::unique_ptr<ByteInput> compressed, std::string path)
    : compressed_(std::move(compressed)), path_(std::move(path)), st_(std::make_unique<State>()) {
    st_->in.resize(kCompressedBufferBytes);
    st_->zs.next_in = st_->in.data();
    st_->zs.avail_in = 0;
    // 15 + 32: largest window, and accept a gzip (or zlib) header.
    if (inflateInit2(&st_->zs, 15 + 32) == Z_OK) {
        st_->zs_ready = true;
    } else {
        st_->failed = true;
        error_ = "Could not start decompressing the file " + capture_msg::quoted(path_) +
                 ": zlib could not be initialised.";
    }
}

GzipInput::~GzipInput() {
    if (st_->zs_ready) inflateEnd(&st_->zs);
}

bool GzipInput::fill_input(std::size_t want) {
    State& s = *st_;
    while (s.zs.avail_in < want && !s.input_ended) {
        // Move the unread tail to the front, then read behind it.
        if (s.zs.next_in != s.in.data()) {
            std::memmove(s.in.data(), s.zs.next_in, s.zs.avail_in);
            s.zs.next_in = s.in.data();
        }
        int64_t r = compressed_->read(s.in.data() + s.zs.avail_in, s.in.size() - s.zs.avail_in);
        if (r < 0) {
            error_ = compressed_->error();
            return false;
        }
        if (r == 0) s.input_ended = true;
        s.zs.avail_in += uInt(r);
    }
    return true;
}

int64_t GzipInput::read(uint8_t* dst, std::size_t n) {
    State& s = *st_;
    if (s.failure_pending) {
        s.failure_pending = false;
        s.failed = true;
    }
    if (s.failed) return -1;
    if (s.finished || n == 0) return 0;

    // zlib counts in uInt; cap one call's output accordingly.
    if (n > (1u << 30)) n = 1u << 30;
    s.zs.next_out = dst;
    s.zs.avail_out = uInt(n);

    auto fail = [&](std::string message) -> int64_t {
        error_ = std::move(message);
        std::size_t produced = n - s.zs.avail_out;
        if (produced > 0) {
            s.failure_pending = true;  // report after these bytes are used
            return int64_t(produced);
        }
        s.failed = true;
        return -1;
    };

    while (s.zs.avail_out > 0) {
        if (s.member_ended) {
            // Another member follows only if its magic does; anything else
            // after a complete member is ignored, like gzip -d does.
            if (!fill_input(2)) return fail(error_);
            if (s.zs.avail_in < 2 || s.zs.next_in[0] != 0x1f || s.zs.next_in[1] != 0x8b) {
                s.finished = true;
                break;
            }
            inflateReset(&s.zs);
            s.member_ended = false;
        }
        if (s.zs.avail_in == 0) {
            if (!fill_input(1)) return fail(error_);
            if (s.zs.avail_in == 0) {
                return fail(capture_msg::gzip_cut_short(path_));
            }
        }
        int rc = inflate(&s.zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            s.member_ended = true;
        } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
            continue;  // Z_BUF_ERROR: it wants more input, fetched above
        } else {
            std::string what = "the gzip-compressed data is invalid";
            if (s.zs.msg) {
                what += " (zlib: ";
                what += s.zs.msg;
                what += ')';
            }
            return fail(capture_msg::corrupt(path_, what));
        }
    }
    return int64_t(n - s.zs.avail_out);
}

}  // namespace ms
