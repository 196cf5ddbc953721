#include "ui/message_record_codec.hpp"

#include <algorithm>

#include "ui/varint.hpp"

namespace ms::ui {

namespace {

void put_str(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

// Reads what the put_ functions wrote; after the end (or damage) every read
// yields 0 / "".
class Reader {
public:
    explicit Reader(std::string_view b) : b_(b) {}
    uint64_t u64() { return get_varint(b_, pos_); }
    std::string str() {
        const uint64_t n = std::min<uint64_t>(u64(), b_.size() - pos_);
        std::string s(b_.substr(pos_, std::size_t(n)));
        pos_ += std::size_t(n);
        return s;
    }

private:
    std::string_view b_;
    std::size_t pos_ = 0;
};

// Signed values travel zigzag-coded (tcp_stream may be -1).
uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

}  // namespace

void pack_message(const MessageRecord& m, std::string& out) {
    put_varint(out, m.ordinal);
    put_varint(out, m.begin_frame);
    put_varint(out, m.end_frame);
    put_varint(out, zigzag(m.rel_ns));
    put_varint(out, zigzag(m.tcp_stream));
    put_str(out, m.transport);
    put_varint(out, m.complete);
    const auto& s = m.summary;
    for (const std::string* f : {&s.from, &s.to, &s.cc, &s.subject, &s.date, &s.message_id}) put_str(out, *f);
    put_varint(out, s.size);
    put_varint(out, s.received_hops);
    put_varint(out, s.truncated);
    put_varint(out, s.attachments.size());
    for (const auto& a : s.attachments) {
        for (const std::string* f : {&a.filename, &a.declared_type, &a.detected_type, &a.md5_hex, &a.sha256_hex, &a.path,
                                     &a.disposition})
            put_str(out, *f);
        put_varint(out, a.size);
        put_varint(out, a.complete);
    }
    put_str(out, m.headers);
    put_varint(out, m.header_lines);
    put_str(out, m.envelope_from);
    put_str(out, m.envelope_to);
    put_str(out, m.problems);
    put_varint(out, m.problem_count);
}

MessageRecord unpack_message(std::string_view bytes) {
    Reader r(bytes);
    MessageRecord m;
    m.ordinal = r.u64();
    m.begin_frame = r.u64();
    m.end_frame = r.u64();
    m.rel_ns = unzigzag(r.u64());
    m.tcp_stream = unzigzag(r.u64());
    m.transport = r.str();
    m.complete = r.u64() != 0;
    auto& s = m.summary;
    for (std::string* f : {&s.from, &s.to, &s.cc, &s.subject, &s.date, &s.message_id}) *f = r.str();
    s.size = r.u64();
    s.received_hops = std::size_t(r.u64());
    s.truncated = r.u64() != 0;
    // Bounded by the bytes there are: a damaged count cannot allocate much.
    const uint64_t n = std::min<uint64_t>(r.u64(), bytes.size());
    for (uint64_t i = 0; i < n; ++i) {
        imf::AttachmentInfo a;
        for (std::string* f : {&a.filename, &a.declared_type, &a.detected_type, &a.md5_hex, &a.sha256_hex, &a.path,
                               &a.disposition})
            *f = r.str();
        a.size = r.u64();
        a.complete = r.u64() != 0;
        s.attachments.push_back(std::move(a));
    }
    m.headers = r.str();
    m.header_lines = std::size_t(r.u64());
    m.envelope_from = r.str();
    m.envelope_to = r.str();
    m.problems = r.str();
    m.problem_count = uint32_t(r.u64());
    return m;
}

}  // namespace ms::ui
