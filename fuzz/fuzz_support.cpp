#include "fuzz/fuzz_support.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "dissectors/core/field_registry.hpp"

namespace ms::fuzz {

uint8_t InputScript::u8() { return pos_ < size_ ? data_[pos_++] : 0; }

uint16_t InputScript::u16() {
    uint16_t lo = u8();
    uint16_t hi = u8();
    return static_cast<uint16_t>(lo | (hi << 8));
}

std::span<const uint8_t> InputScript::take(std::size_t n) {
    if (n > remaining()) n = remaining();
    std::span<const uint8_t> out(data_ + pos_, n);
    pos_ += n;
    return out;
}

ExactBuffer::ExactBuffer(std::span<const uint8_t> bytes)
    : ptr_(new uint8_t[bytes.empty() ? 1 : bytes.size()]), size_(bytes.size()) {
    if (!bytes.empty()) std::memcpy(ptr_.get(), bytes.data(), bytes.size());
}

void exercise_tree(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    std::string scratch;
    for (uint32_t i = 1; i < t.size(); ++i) {
        const Node& n = t.node(i);
        scratch = t.label(i);
        scratch.clear();
        t.append_value_text(i, scratch);
        if (n.parent >= t.size() || n.first_child >= t.size() || n.next_sibling >= t.size())
            std::abort();
        if (n.range.length != 0) {
            if (n.range.source >= ctx.sources.size()) std::abort();
            const DataSource& src = ctx.sources[n.range.source];
            if (uint64_t(n.range.offset) + n.range.length > src.bytes.size()) {
                std::fprintf(stderr, "node %u (%s) range %u+%u is past the end of source %u \"%s\" (%zu bytes)\n",
                             i, FieldRegistry::global().def(n.field).abbrev, n.range.offset,
                             n.range.length, unsigned(n.range.source), src.name.c_str(), src.bytes.size());
                std::abort();
            }
            // Touch the first and last byte the range claims.
            volatile uint8_t first = src.bytes[n.range.offset];
            volatile uint8_t last = src.bytes[n.range.offset + n.range.length - 1];
            (void)first, (void)last;
        }
    }
    for (const auto& hit : t.experts()) scratch.assign(t.expert_text(hit));
    scratch = ctx.pinfo.info;
}

void register_everything() { register_all(); }

MemoryFile::MemoryFile(std::span<const uint8_t> bytes) {
    fd_ = memfd_create("fuzz-capture", 0);
    if (fd_ < 0) return;
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t w = ::write(fd_, bytes.data() + done, bytes.size() - done);
        if (w <= 0) {
            ::close(fd_);
            fd_ = -1;
            return;
        }
        done += std::size_t(w);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemoryFile::~MemoryFile() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace ms::fuzz
