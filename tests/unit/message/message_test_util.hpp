// Helpers for the message-layer tests: run a message through the dissector
// in chosen pieces, collect what the sink saw, hash reference bytes, and
// look things up in the resulting tree.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/frame_context.hpp"
#include "dissectors/imf/message_dissector.hpp"

namespace ms::test {

inline std::span<const uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Records every decoded part the sink receives.
struct RecordingSink : ms::imf::MessageSink {
    struct Part {
        ms::imf::AttachmentInfo begin, end;
        std::string data;
        bool ended = false;
    };
    std::vector<Part> parts;
    void on_part_begin(const ms::imf::AttachmentInfo& i) override { parts.push_back({i, {}, {}, false}); }
    void on_part_data(std::span<const uint8_t> d) override {
        parts.back().data.append(reinterpret_cast<const char*>(d.data()), d.size());
    }
    void on_part_end(const ms::imf::AttachmentInfo& i) override {
        parts.back().end = i;
        parts.back().ended = true;
    }
};

inline void feed_in_pieces(ms::imf::MessageDissector& d, std::string_view msg, std::size_t piece) {
    if (piece == 0) piece = msg.size() ? msg.size() : 1;
    for (std::size_t i = 0; i < msg.size(); i += piece) d.feed(as_bytes(msg.substr(i, piece)));
}

inline std::string digest_hex(std::string_view data, const EVP_MD* md) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_Digest(data.data(), data.size(), out, &n, md, nullptr);
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (unsigned i = 0; i < n; ++i) s += digits[out[i] >> 4], s += digits[out[i] & 15];
    return s;
}
inline std::string md5_hex(std::string_view d) { return digest_hex(d, EVP_md5()); }
inline std::string sha256_hex(std::string_view d) { return digest_hex(d, EVP_sha256()); }

// Builds the tree of a message in a fresh FrameContext whose data source 1
// holds the message bytes.
struct TreeResult {
    FrameContext ctx;
    std::vector<std::string> lines;  // "depth|label" for every stored node, in order
    SourceId src = 0;
};

inline void collect(const ProtoTree& t, uint32_t node, int depth, std::vector<std::string>& out) {
    for (uint32_t c = t.node(node).first_child; c; c = t.node(c).next_sibling) {
        out.push_back(std::to_string(depth) + "|" + t.label(c));
        collect(t, c, depth + 1, out);
    }
}

inline void build_tree(const ms::imf::MessageDissector& d, std::string_view msg, TreeResult& r) {
    static const uint8_t empty = 0;
    r.ctx.begin_frame({&empty, 0});
    r.ctx.tree.keep_all();
    r.src = r.ctx.add_source("Message", as_bytes(msg));
    d.add_tree(r.ctx, r.ctx.tree.root(), r.src);
    r.lines.clear();
    collect(r.ctx.tree, 0, 0, r.lines);
}

// Values (-T fields text) of every node of a field, in tree order.
inline std::vector<std::string> field_values(const ProtoTree& t, std::string_view abbrev) {
    std::vector<std::string> out;
    FieldId f = FieldRegistry::global().find(abbrev);
    if (f == kNoField) return out;
    t.for_each(f, [&](uint32_t i) { out.push_back(t.value_text(i)); });
    return out;
}

inline void register_message_fields() { ms::imf::register_fields(FieldRegistry::mutable_global()); }

}  // namespace ms::test
