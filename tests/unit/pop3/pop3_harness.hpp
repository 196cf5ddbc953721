// Feeds scripted or captured POP3 sessions through the real dissector, one
// frame per delivery, and records what it produced: field values, Info
// columns, expert items and the messages handed to the sink.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/core/message_sink.hpp"
#include "dissectors/pop3/pop3_dissector.hpp"
#include "dissectors/pop3/pop3_protocol.hpp"

namespace pop3_test {

using ms::Dir;

struct Step {
    Dir dir;
    std::string bytes;
};
inline Step C(std::string s) { return {Dir::ToServer, std::move(s)}; }
inline Step S(std::string s) { return {Dir::ToClient, std::move(s)}; }

struct Message {
    std::string transport;
    uint64_t offset = 0;
    std::string bytes;
    bool ended = false;
    bool complete = false;
    bool parent_stored = false;
};

class RecordingSink : public ms::CarriedMessageSink {
public:
    explicit RecordingSink(std::vector<Message>* out) : out_(out) {}
    void begin(ms::FrameContext&, const ms::CarriedMessageInfo& info) override {
        Message m;
        m.transport = info.transport;
        m.offset = info.stream_offset;
        out_->push_back(m);
    }
    void data(ms::FrameContext&, std::span<const uint8_t> b) override {
        out_->back().bytes.append(reinterpret_cast<const char*>(b.data()), b.size());
    }
    void end(ms::FrameContext&, ms::NodeRef parent, bool complete) override {
        out_->back().ended = true;
        out_->back().complete = complete;
        out_->back().parent_stored = parent.stored;
    }

private:
    std::vector<Message>* out_;
};

inline void register_pop3() { ms::pop3::register_fields(ms::FieldRegistry::mutable_global()); }

struct FrameOut {
    uint64_t number = 0;
    Dir dir = Dir::ToServer;
    std::string info;
    std::string protocol;
    std::vector<std::string> fields;   // "abbrev=value" in tree order
    std::vector<std::string> labels;   // every node's label
    std::vector<std::string> experts;  // expert abbrevs
    bool ranges_ok = true;             // every node's range lies inside its source
};

// Runs a session. Each step is cut into deliveries of at most `chunk` bytes;
// every delivery is its own frame (numbered from 1, 1 ms apart).
class Session {
public:
    explicit Session(bool with_sink = true) {
        register_pop3();
        dissector_ = std::make_unique<ms::pop3::Pop3Dissector>(
            with_sink ? std::make_unique<RecordingSink>(&messages) : nullptr);
    }

    void send(Dir dir, std::string_view bytes, std::size_t chunk = SIZE_MAX) {
        for (std::size_t at = 0; at < bytes.size();) {
            std::size_t n = std::min(chunk, bytes.size() - at);
            deliver(dir, bytes.substr(at, n));
            at += n;
        }
    }
    // One frame; the payload sits after `header` bytes of lower layers so
    // frame_offset is exercised. frame_offset=false: bytes from an earlier frame.
    void deliver(Dir dir, std::string_view bytes, bool in_frame = true) {
        frame_.assign(kHeader, 'H');
        frame_.insert(frame_.end(), bytes.begin(), bytes.end());
        begin();
        ms::StreamData sd{dir, offset_[int(dir)],
                          std::span<const uint8_t>(frame_.data() + kHeader, bytes.size()),
                          in_frame ? int64_t(kHeader) : -1, number_};
        dissector_->on_data(ctx, sd);
        offset_[int(dir)] += bytes.size();
        collect(dir);
    }
    void gap(Dir dir, uint64_t length) {
        frame_.clear();
        begin();
        dissector_->on_gap(ctx, dir, offset_[int(dir)], length);
        offset_[int(dir)] += length;
        collect(dir);
    }
    void end(Dir dir) {
        frame_.clear();
        begin();
        dissector_->on_end(ctx, dir, ms::EndReason::Fin);
        collect(dir);
    }
    void run(const std::vector<Step>& steps, std::size_t chunk = SIZE_MAX) {
        for (const auto& s : steps) send(s.dir, s.bytes, chunk);
    }

    std::vector<std::string> values(const std::string& abbrev) const {
        std::vector<std::string> out;
        for (const auto& f : frames)
            for (const auto& kv : f.fields)
                if (kv.size() > abbrev.size() && kv.compare(0, abbrev.size(), abbrev) == 0 && kv[abbrev.size()] == '=')
                    out.push_back(kv.substr(abbrev.size() + 1));
        return out;
    }
    std::size_t count(const std::string& abbrev) const { return values(abbrev).size(); }
    std::vector<std::string> experts() const {
        std::vector<std::string> out;
        for (const auto& f : frames) out.insert(out.end(), f.experts.begin(), f.experts.end());
        return out;
    }
    std::size_t expert_count(const std::string& abbrev) const {
        auto e = experts();
        return std::size_t(std::count(e.begin(), e.end(), abbrev));
    }
    bool has_label(std::string_view text) const {
        for (const auto& f : frames)
            for (const auto& l : f.labels)
                if (l.find(text) != std::string::npos) return true;
        return false;
    }
    bool ranges_ok() const {
        return std::all_of(frames.begin(), frames.end(), [](const FrameOut& f) { return f.ranges_ok; });
    }
    // The requests in order: each command, or the data of a SASL line.
    std::vector<std::string> request_list() const {
        std::vector<std::string> out;
        for (const auto& f : frames)
            for (const auto& kv : f.fields)
                for (const char* p : {"pop.request.command=", "pop.request.data="})
                    if (kv.rfind(p, 0) == 0) out.push_back(kv.substr(std::string_view(p).size()));
        return out;
    }

    ms::FrameContext ctx;
    ms::Limits limits;
    std::vector<FrameOut> frames;
    std::vector<Message> messages;
    ms::pop3::Pop3Dissector& dissector() { return *dissector_; }
    const ms::pop3::Pop3Parser& parser() { return *dissector_->parser(); }

private:
    static constexpr std::size_t kHeader = 54;

    void begin() {
        ++number_;
        ctx.begin_frame(std::span<const uint8_t>(frame_.data(), frame_.size()));
        ctx.tree.keep_all();
        ctx.pinfo.number = number_;
        ctx.pinfo.ts_ns = int64_t(number_) * 1'000'000;
        ctx.limits = &limits;
    }
    void collect(Dir dir) {
        FrameOut f;
        f.number = number_;
        f.dir = dir;
        f.info = ctx.pinfo.info;
        f.protocol = ctx.pinfo.protocol;
        const auto& reg = ms::FieldRegistry::global();
        for (uint32_t i = 1; i < ctx.tree.size(); ++i) {
            const auto& n = ctx.tree.node(i);
            if (n.field == ms::kNoField) continue;
            const auto& def = reg.def(n.field);
            if (def.type == ms::FieldType::Expert) f.experts.push_back(def.abbrev);
            f.fields.push_back(std::string(def.abbrev) + "=" + ctx.tree.value_text(i));
            f.labels.push_back(ctx.tree.label(i));
            if (n.range.source >= ctx.sources.size() ||
                uint64_t(n.range.offset) + n.range.length > ctx.sources[n.range.source].bytes.size())
                f.ranges_ok = false;
        }
        frames.push_back(std::move(f));
    }

    std::unique_ptr<ms::pop3::Pop3Dissector> dissector_;
    std::vector<uint8_t> frame_;
    uint64_t offset_[2] = {0, 0};
    uint64_t number_ = 0;
};

}  // namespace pop3_test
