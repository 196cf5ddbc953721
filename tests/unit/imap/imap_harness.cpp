#include "imap_harness.hpp"

#include <sstream>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/imap/imap_protocol.hpp"
#include "support/run_command.hpp"

namespace ms::imap::test {

namespace {
CarriedLog g_log;

class RecordingSink final : public CarriedMessageSink {
public:
    void begin(FrameContext&, const CarriedMessageInfo& info) override {
        g_log.messages.push_back(CarriedLog::Message{info.dir, info.stream_offset, {}, 0, false, false});
        open_ = g_log.messages.size() - 1;
    }
    void data(FrameContext&, std::span<const uint8_t> bytes) override {
        if (open_ >= g_log.messages.size()) return;
        g_log.messages[open_].size += bytes.size();
        if (g_log.keep_bytes)
            g_log.messages[open_].bytes.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    void end(FrameContext&, NodeRef, bool complete) override {
        if (open_ < g_log.messages.size()) {
            g_log.messages[open_].ended = true;
            g_log.messages[open_].complete = complete;
        }
        open_ = SIZE_MAX;
    }

private:
    std::size_t open_ = SIZE_MAX;
};

std::unique_ptr<CarriedMessageSink> make_sink() { return std::make_unique<RecordingSink>(); }
}  // namespace

std::vector<std::string> FrameOut::values(const std::string& abbrev) const {
    std::vector<std::string> out;
    for (auto& [f, v] : fields)
        if (f == abbrev) out.push_back(v);
    return out;
}

Harness::Harness() {
    register_fields(FieldRegistry::mutable_global());
    g_log.messages.clear();
    g_log.keep_bytes = true;
    ctx_.limits = &limits_;
    ctx_.tree.keep_all();
    dissector_ = std::make_unique<ImapDissector>(&make_sink);
}

Harness::~Harness() = default;

const CarriedLog& Harness::carried() const { return g_log; }
void Harness::keep_message_bytes(bool keep) { g_log.keep_bytes = keep; }

FrameOut Harness::snapshot(uint64_t frame) const {
    FrameOut out;
    out.frame = frame;
    const FieldRegistry& reg = FieldRegistry::global();
    const ProtoTree& t = ctx_.tree;
    for (uint32_t i = 1; i < t.size(); ++i) {
        const Node& n = t.node(i);
        if (n.field == kNoField) continue;
        const FieldDef& d = reg.def(n.field);
        if (d.type == FieldType::Expert) {
            out.experts.push_back(d.abbrev);
            continue;
        }
        out.fields.emplace_back(d.abbrev, t.value_text(i));
    }
    for (auto& s : ctx_.sources) out.sources.push_back(s.name);
    out.protocol = ctx_.pinfo.protocol;
    out.info = ctx_.pinfo.info;
    return out;
}

void Harness::deliver(Dir dir, const std::string& bytes, uint64_t frame) {
    frame_bytes_.assign(bytes.begin(), bytes.end());
    ctx_.begin_frame(frame_bytes_);
    ctx_.pinfo.number = frame;
    ctx_.pinfo.ts_ns = int64_t(frame) * 1000000;
    const int d = dir == Dir::ToServer ? 0 : 1;
    StreamData sd{dir, offset_[d], std::span<const uint8_t>(frame_bytes_), 0, frame};
    dissector_->on_data(ctx_, sd);
    offset_[d] += bytes.size();
    frames_.push_back(snapshot(frame));
}

void Harness::feed(const Chunk& c, std::size_t split) {
    ++frame_;
    if (split == 0 || c.bytes.size() <= split) {
        deliver(c.dir, c.bytes, frame_);
        return;
    }
    for (std::size_t at = 0; at < c.bytes.size(); at += split) deliver(c.dir, c.bytes.substr(at, split), frame_);
}

void Harness::feed_all(const std::vector<Chunk>& chunks, std::size_t split) {
    for (const Chunk& c : chunks) feed(c, split);
}

void Harness::gap(Dir dir, uint64_t length) {
    ++frame_;
    frame_bytes_.clear();
    ctx_.begin_frame(frame_bytes_);
    ctx_.pinfo.number = frame_;
    const int d = dir == Dir::ToServer ? 0 : 1;
    dissector_->on_gap(ctx_, dir, offset_[d], length);
    offset_[d] += length;
    frames_.push_back(snapshot(frame_));
}

void Harness::end() {
    ++frame_;
    frame_bytes_.clear();
    ctx_.begin_frame(frame_bytes_);
    ctx_.pinfo.number = frame_;
    dissector_->on_end(ctx_, Dir::ToServer, EndReason::Fin);
    dissector_->on_end(ctx_, Dir::ToClient, EndReason::Fin);
    frames_.push_back(snapshot(frame_));
}

std::vector<std::string> Harness::all(const std::string& abbrev) const {
    std::vector<std::string> out;
    for (auto& f : frames_)
        for (auto& v : f.values(abbrev)) out.push_back(v);
    return out;
}

std::vector<std::string> Harness::all_experts() const {
    std::vector<std::string> out;
    for (auto& f : frames_) out.insert(out.end(), f.experts.begin(), f.experts.end());
    return out;
}

int Harness::count_expert(const std::string& abbrev) const {
    int n = 0;
    for (auto& e : all_experts()) n += e == abbrev;
    return n;
}

std::string hex_decode(const std::string& hex) {
    std::string out;
    auto v = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += char(v(hex[i]) << 4 | v(hex[i + 1]));
    return out;
}

std::vector<std::vector<Chunk>> follow_streams(const std::filesystem::path& capture) {
    using ms::test::run_command;
    using ms::test::shell_quote;
    std::vector<std::vector<Chunk>> streams;
    const std::string q = shell_quote(capture.string());
    std::istringstream ids(run_command("tshark -r " + q + " -n -T fields -e tcp.stream -Y 'tcp.len>0' 2>/dev/null | sort -nu").out);
    std::string id;
    while (std::getline(ids, id)) {
        if (id.empty()) continue;
        std::istringstream in(run_command("tshark -r " + q + " -n -q -z follow,tcp,raw," + id + " 2>/dev/null").out);
        std::vector<Chunk> chunks;
        std::string line;
        bool body = false;
        while (std::getline(in, line)) {
            if (line.rfind("Node 1:", 0) == 0) {
                body = true;
                continue;
            }
            if (!body || line.empty() || line[0] == '=') continue;
            const bool server = line[0] == '\t';
            chunks.push_back(Chunk{server ? Dir::ToClient : Dir::ToServer, hex_decode(server ? line.substr(1) : line)});
        }
        // Node 0 is whoever sent the first packet; if the server spoke from
        // node 0 (capture started mid-connection), swap the directions.
        if (!chunks.empty() && chunks.front().dir == Dir::ToServer &&
            (chunks.front().bytes.rfind("* OK", 0) == 0 || chunks.front().bytes.rfind("* PREAUTH", 0) == 0))
            for (auto& c : chunks) c.dir = c.dir == Dir::ToServer ? Dir::ToClient : Dir::ToServer;
        streams.push_back(std::move(chunks));
    }
    return streams;
}

}  // namespace ms::imap::test
