#include "ui/message_collector.hpp"

namespace ms::ui {

namespace {
int64_t key_of(const FrameContext& ctx) { return ctx.pinfo.tcp_stream; }
}  // namespace

void MessageCollector::on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {
    MessageRecord r;
    r.ordinal = next_ordinal_++;
    r.begin_frame = ctx.pinfo.number;
    r.tcp_stream = ctx.pinfo.tcp_stream;
    r.transport = info.transport;
    open_[key_of(ctx)] = std::move(r);
}

void MessageCollector::on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) {
    MessageRecord r;
    auto it = open_.find(key_of(ctx));
    if (it != open_.end()) {
        r = std::move(it->second);
        open_.erase(it);
    } else {
        r.ordinal = next_ordinal_++;
        r.begin_frame = ctx.pinfo.number;
        r.tcp_stream = ctx.pinfo.tcp_stream;
    }
    r.end_frame = ctx.pinfo.number;
    r.rel_ns = ctx.pinfo.rel_ns;
    r.complete = complete;
    r.summary = msg.summary();
    const auto& ents = msg.entities();
    if (!ents.empty()) {
        for (const auto& h : ents.front().headers) {
            if (r.header_lines >= kMaxHeaders) break;
            // The value keeps the space after the colon as written.
            std::string_view v = h.value;
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
            std::string line = h.name + ": " + std::string(v);
            if (line.size() > kMaxHeaderText) line.resize(kMaxHeaderText);
            r.headers += line;
            r.headers += '\n';
            ++r.header_lines;
        }
    }
    r.headers.shrink_to_fit();
    done_.push_back(std::move(r));
}

std::vector<MessageRecord> MessageCollector::take() {
    std::vector<MessageRecord> out;
    out.swap(done_);
    return out;
}

}  // namespace ms::ui
