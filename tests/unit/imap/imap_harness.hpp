// Runs the IMAP dissector over crafted or captured byte streams, one
// FrameContext per delivery, and records what it showed: (field, value)
// pairs in tree order, expert items, data sources and carried messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/message_sink.hpp"
#include "dissectors/imap/imap_dissector.hpp"

namespace ms::imap::test {

struct Chunk {
    Dir dir;
    std::string bytes;
};

// What one delivery (frame) showed.
struct FrameOut {
    uint64_t frame = 0;
    std::vector<std::pair<std::string, std::string>> fields;  // abbrev, value text
    std::vector<std::string> experts;                          // expert abbrevs
    std::vector<std::string> sources;                          // data source names
    std::string protocol, info;
    std::vector<std::string> values(const std::string& abbrev) const;
    bool has(const std::string& abbrev) const { return !values(abbrev).empty(); }
};

// Messages handed to the sink, shared by every sink of one harness.
struct CarriedLog {
    struct Message {
        Dir dir;
        uint64_t offset;
        std::string bytes;  // empty unless bytes are kept
        uint64_t size = 0;
        bool ended = false;
        bool complete = false;
    };
    std::vector<Message> messages;
    bool keep_bytes = true;
};

class Harness {
public:
    Harness();
    ~Harness();
    // `split`: 0 = each chunk in one delivery, n = deliveries of at most n bytes.
    void feed(const Chunk& c, std::size_t split = 0);
    void feed_all(const std::vector<Chunk>& chunks, std::size_t split = 0);
    void gap(Dir dir, uint64_t length);
    void end();

    const std::vector<FrameOut>& frames() const { return frames_; }
    // Every value of a field over all frames, in order.
    std::vector<std::string> all(const std::string& abbrev) const;
    std::vector<std::string> all_experts() const;
    int count_expert(const std::string& abbrev) const;
    const CarriedLog& carried() const;
    // Count carried bytes without keeping them (huge literals).
    void keep_message_bytes(bool keep);
    ImapDissector& dissector() { return *dissector_; }
    FrameContext& ctx() { return ctx_; }
    uint64_t offset(Dir d) const { return offset_[d == Dir::ToServer ? 0 : 1]; }

private:
    void deliver(Dir dir, const std::string& bytes, uint64_t frame);
    FrameOut snapshot(uint64_t frame) const;

    FrameContext ctx_;
    Limits limits_;
    std::unique_ptr<ImapDissector> dissector_;
    std::vector<FrameOut> frames_;
    uint64_t offset_[2] = {0, 0};
    uint64_t frame_ = 0;
    std::vector<uint8_t> frame_bytes_;
};

// Each TCP stream of a capture as the chunks `tshark -q -z follow,tcp,raw,N`
// prints (node 0 = client unless the first chunk is a server greeting).
std::vector<std::vector<Chunk>> follow_streams(const std::filesystem::path& capture);

std::string hex_decode(const std::string& hex);

}  // namespace ms::imap::test
