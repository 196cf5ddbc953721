#include "ui/message_collector.hpp"

#include "dissectors/core/field_registry.hpp"
#include "dissectors/imf/deferred_id_check.hpp"

namespace ms::ui {

namespace {
int64_t key_of(const FrameContext& ctx) { return ctx.pinfo.tcp_stream; }

void add_problem(MessageRecord& m, std::string_view text) {
    if (m.problem_count++ >= MessageCollector::kMaxProblems) return;
    if (!m.problems.empty()) m.problems += "; ";
    m.problems += text.substr(0, 300);
}

void add_problem(MessageRecord& m, imf_experts::Expert expert, const std::string& text) {
    if (!text.empty()) return add_problem(m, text);
    const ExpertDef* def = FieldRegistry::global().expert(imf_experts::id(expert));
    add_problem(m, def && def->summary ? def->summary : "");
}
}  // namespace

void apply_message_id_check(imf::MessageIdRegistry& registry, MessageRecord& m) {
    if (!m.id_check) return;
    for (const auto& note : imf::run_deferred_id_check(registry, *m.id_check, m.end_frame))
        add_problem(m, note.expert, note.text);
    m.id_check.reset();
}

void MessageCollector::on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {
    MessageRecord r;
    r.ordinal = next_ordinal_++;
    r.begin_frame = ctx.pinfo.number;
    r.tcp_stream = ctx.pinfo.tcp_stream;
    r.transport = info.transport;
    r.envelope_from.assign(info.envelope_from.substr(0, kMaxHeaderText));
    r.envelope_to.assign(info.envelope_to.substr(0, kMaxHeaderText));
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
    // Problems: what the parser noted in any part, then the Message-ID
    // checks against the earlier messages (in frame order, maybe later).
    // The Received checks need every hop parsed: the selected message's
    // tree shows them.
    for (const auto& e : ents)
        for (const auto& n : e.notes) add_problem(r, n.expert, n.text);
    if (!ctx.defer_message_id_check) {
        for (const auto& note : imf::duplicate_notes(msg.wire())) add_problem(r, note.expert, note.text);
    } else if (auto check = imf::deferred_id_check_of(msg)) {
        r.id_check = std::make_shared<const imf::DeferredIdCheck>(std::move(*check));
    }
    done_.push_back(std::move(r));
}

std::vector<MessageRecord> MessageCollector::take() {
    std::vector<MessageRecord> out;
    out.swap(done_);
    return out;
}

}  // namespace ms::ui
