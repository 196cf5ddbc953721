// Feeds scripted SMTP sessions through the real dissector, one frame per
// delivery, and records what it produced: field values, Info columns,
// messages handed to the sink.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dissectors/core/field_registry.hpp"
#include "dissectors/core/frame_context.hpp"
#include "dissectors/smtp/smtp_dissector.hpp"
#include "dissectors/smtp/smtp_protocol.hpp"

namespace smtp_test {

using ms::Dir;

struct Step {
    Dir dir;
    std::string bytes;
};
inline Step C(std::string s) { return {Dir::ToServer, std::move(s)}; }
inline Step S(std::string s) { return {Dir::ToClient, std::move(s)}; }

struct Message {
    bool chunked = false;
    std::string bytes;
    bool ended = false;
    bool complete = false;
};

class RecordingSink : public ms::smtp::MessageSink {
public:
    explicit RecordingSink(std::vector<Message>* out) : out_(out) {}
    void begin(ms::FrameContext&, const ms::smtp::MessageInfo& info) override {
        out_->push_back(Message{info.chunked, {}, false, false});
    }
    void data(ms::FrameContext&, std::span<const uint8_t> b) override {
        out_->back().bytes.append(reinterpret_cast<const char*>(b.data()), b.size());
    }
    void end(ms::FrameContext&, ms::NodeRef, bool complete) override {
        out_->back().ended = true;
        out_->back().complete = complete;
    }

private:
    std::vector<Message>* out_;
};

inline void register_smtp() { ms::smtp::register_fields(ms::FieldRegistry::mutable_global()); }

struct FrameOut {
    uint64_t number = 0;
    Dir dir = Dir::ToServer;
    std::string info;
    std::string protocol;
    std::vector<std::string> fields;  // "abbrev=value" in tree order
    std::vector<std::string> labels;  // every node's label
};

// Runs a session. Each step is cut into deliveries of at most `chunk` bytes;
// every delivery is its own frame (numbered from 1, 1 ms apart).
class Session {
public:
    Session() {
        register_smtp();
        dissector_ = std::make_unique<ms::smtp::SmtpDissector>(std::make_unique<RecordingSink>(&messages));
    }

    void send(Dir dir, std::string_view bytes, std::size_t chunk = SIZE_MAX) {
        for (std::size_t at = 0; at < bytes.size();) {
            std::size_t n = std::min(chunk, bytes.size() - at);
            deliver(dir, bytes.substr(at, n));
            at += n;
        }
    }
    void deliver(Dir dir, std::string_view bytes) {
        frame_.assign(bytes.begin(), bytes.end());
        begin();
        ms::StreamData sd{dir, offset_[int(dir)], std::span<const uint8_t>(frame_.data(), frame_.size()), 0, number_};
        dissector_->on_data(ctx, sd);
        offset_[int(dir)] += bytes.size();
        collect(dir);
    }
    void gap(Dir dir, uint64_t length) {
        begin();
        dissector_->on_gap(ctx, dir, offset_[int(dir)], length);
        offset_[int(dir)] += length;
        collect(dir);
    }
    void end(Dir dir) {
        begin();
        dissector_->on_end(ctx, dir, ms::EndReason::Fin);
        collect(dir);
    }
    void run(const std::vector<Step>& steps, std::size_t chunk = SIZE_MAX) {
        for (const auto& s : steps) send(s.dir, s.bytes, chunk);
    }

    // Values of every field whose abbrev starts with one of the prefixes, in order.
    std::vector<std::string> values(std::vector<std::string> abbrevs) const {
        std::vector<std::string> out;
        for (const auto& f : frames)
            for (const auto& kv : f.fields) {
                auto eq = kv.find('=');
                std::string name = kv.substr(0, eq);
                if (std::find(abbrevs.begin(), abbrevs.end(), name) != abbrevs.end()) out.push_back(kv);
            }
        return out;
    }
    std::vector<std::string> values(const std::string& abbrev) const {
        std::vector<std::string> out;
        for (const auto& kv : values(std::vector<std::string>{abbrev})) out.push_back(kv.substr(abbrev.size() + 1));
        return out;
    }
    std::size_t count(const std::string& abbrev) const { return values(abbrev).size(); }
    bool has_label(std::string_view text) const {
        for (const auto& f : frames)
            for (const auto& l : f.labels)
                if (l.find(text) != std::string::npos) return true;
        return false;
    }

    ms::FrameContext ctx;
    std::vector<FrameOut> frames;
    std::vector<Message> messages;
    ms::smtp::SmtpDissector& dissector() { return *dissector_; }

private:
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
            f.fields.push_back(std::string(reg.def(n.field).abbrev) + "=" + ctx.tree.value_text(i));
            f.labels.push_back(ctx.tree.label(i));
        }
        frames.push_back(std::move(f));
    }

public:
    ms::Limits limits;

private:
    std::unique_ptr<ms::smtp::SmtpDissector> dissector_;
    std::vector<uint8_t> frame_;
    uint64_t offset_[2] = {0, 0};
    uint64_t number_ = 0;
};

}  // namespace smtp_test
