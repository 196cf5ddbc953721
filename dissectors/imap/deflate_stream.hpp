// One direction of a COMPRESS=DEFLATE (RFC 4978) connection: a raw deflate
// stream inflated incrementally, with a bound on what one call may produce.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace ms::imap {

class DeflateStream {
public:
    enum class Result : uint8_t {
        Ok,         // all input consumed
        Error,      // corrupt stream: nothing more can be inflated
        StreamEnd,  // the deflate stream ended (bytes after it are not inflated)
    };

    DeflateStream();
    ~DeflateStream();
    DeflateStream(const DeflateStream&) = delete;
    DeflateStream& operator=(const DeflateStream&) = delete;

    // Inflates all of `in`. The first `max_keep` output bytes of this call
    // are appended to `out`; the rest is inflated (to stay in step) but only
    // counted in `discarded`. `consumed` says how much input was used.
    Result inflate(std::span<const uint8_t> in, std::vector<uint8_t>& out, uint64_t max_keep,
                   uint64_t& discarded, std::size_t& consumed);
    bool failed() const { return failed_; }
    uint64_t total_in() const { return total_in_; }
    uint64_t total_out() const { return total_out_; }

private:
    struct State;
    std::unique_ptr<State> st_;
    bool failed_ = false;
    bool ended_ = false;
    uint64_t total_in_ = 0, total_out_ = 0;
};

}  // namespace ms::imap
