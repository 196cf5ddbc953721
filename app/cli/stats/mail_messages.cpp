#include "app/cli/stats/mail_messages.hpp"

#include <cctype>
#include <cstdio>

namespace ms::cli {

namespace {
constexpr std::size_t kMaxRows = 1'000'000;
constexpr std::size_t kMaxRecipients = 1000;
constexpr std::size_t kMaxText = 200;  // bytes of one header shown

// One line per message: control characters (folded headers, hostile
// bytes) become spaces, and long values are cut.
std::string one_line(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (out.size() >= kMaxText) {
            out += "...";
            break;
        }
        unsigned char c = static_cast<unsigned char>(ch);
        out += (c < 0x20 || c == 0x7f) ? ' ' : ch;
    }
    return out;
}
}  // namespace

MailMessages::MailMessages()
    : reverse_path_(field_id("smtp.req.reverse_path")), forward_path_(field_id("smtp.req.forward_path")) {}

void MailMessages::wanted_fields(std::vector<FieldId>& out) const {
    if (reverse_path_ != kNoField) out.push_back(reverse_path_);
    if (forward_path_ != kNoField) out.push_back(forward_path_);
}

void MailMessages::read_envelope(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    Envelope* env = nullptr;
    for (uint32_t i = 1; i < t.size(); ++i) {
        FieldId f = t.node(i).field;
        if (f == kNoField || (f != reverse_path_ && f != forward_path_)) continue;
        if (!env) env = &envelopes_[ctx.pinfo.tcp_stream];
        if (f == reverse_path_) {
            // A new transaction: its recipients follow.
            env->from = t.value_text(i);
            env->to.clear();
        } else if (env->to.size() < kMaxRecipients) {
            env->to.push_back(t.value_text(i));
        }
    }
}

void MailMessages::add_frame(const FrameContext& ctx) { read_envelope(ctx); }

void MailMessages::on_begin(const FrameContext& ctx, const CarriedMessageInfo& info) {
    // MAIL/RCPT pipelined in the frame that starts the message count too.
    read_envelope(ctx);
    current_ = Row{};
    current_.stream = ctx.pinfo.tcp_stream;
    current_.transport = info.transport;
    for (char& c : current_.transport) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (current_.transport == "POP") current_.transport = "POP3";
    auto it = envelopes_.find(ctx.pinfo.tcp_stream);
    if (it != envelopes_.end() && std::string_view(info.transport) == "smtp") {
        current_.env_from = it->second.from;
        for (const auto& r : it->second.to) current_.env_to += (current_.env_to.empty() ? "" : ",") + r;
    }
}

void MailMessages::on_end(const FrameContext& ctx, const imf::MessageDissector& msg, bool complete) {
    if (rows_.size() >= kMaxRows) return;
    const imf::MessageSummary& s = msg.summary();
    Row r = std::move(current_);
    r.frame = ctx.pinfo.number;
    r.from = s.from;
    r.to = s.to;
    r.subject = s.subject;
    r.date = s.date;
    r.size = s.size;
    r.attachments = s.attachments.size();
    r.hops = s.received_hops;
    r.complete = complete && !s.truncated;
    rows_.push_back(std::move(r));
}

void MailMessages::print(std::string& out) const {
    const std::string rule(80, '=');
    out += rule + "\nMail Messages\n";
    out += "Frame    Stream  Protocol      Size  Att  Hops  Envelope From | Envelope To | From | To | Subject | Date\n";
    char buf[128];
    for (const Row& r : rows_) {
        std::snprintf(buf, sizeof buf, "%-8llu %-7lld %-8s %9llu%s %4zu %5zu  ", (unsigned long long)r.frame,
                      (long long)r.stream, r.transport.c_str(), (unsigned long long)r.size, r.complete ? " " : "*",
                      r.attachments, r.hops);
        out += buf;
        out += one_line(r.env_from.empty() ? "-" : r.env_from) + " | " + one_line(r.env_to.empty() ? "-" : r.env_to) + " | " +
               one_line(r.from) + " | " + one_line(r.to) + " | " + one_line(r.subject) + " | " + one_line(r.date) + "\n";
    }
    out += "(* = the message was cut short by the capture)\n";
    out += rule + "\n";
}

}  // namespace ms::cli
