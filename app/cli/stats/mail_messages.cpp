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

void MailMessages::on_message_begin(uint64_t key, const FrameContext& ctx, const CarriedMessageInfo& info) {
    // MAIL/RCPT pipelined in the frame that starts the message count too.
    read_envelope(ctx);
    Row& row = open_[key];
    row = Row{};
    row.stream = ctx.pinfo.tcp_stream;
    row.transport = info.transport;
    for (char& c : row.transport) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (row.transport == "POP") row.transport = "POP3";
    auto it = envelopes_.find(ctx.pinfo.tcp_stream);
    if (it != envelopes_.end() && std::string_view(info.transport) == "smtp") {
        row.env_from = it->second.from;
        for (const auto& r : it->second.to) row.env_to += (row.env_to.empty() ? "" : ",") + r;
    }
}

void MailMessages::on_message_end(uint64_t key, const FrameContext& ctx, const imf::MessageDissector& msg,
                                  bool complete) {
    auto it = open_.find(key);
    if (it == open_.end()) return;
    Row r = std::move(it->second);
    open_.erase(it);
    if (rows_.size() >= kMaxRows) return;
    const imf::MessageSummary& s = msg.summary();
    r.frame = ctx.pinfo.number;
    r.from = s.from;
    r.to = s.to;
    r.subject = s.subject;
    r.date = s.date;
    r.size = s.size;
    r.attachments = s.attachments.size();
    r.hops = s.received_hops;
    r.duplicate_of = msg.wire().duplicate_of;
    r.complete = complete && !s.truncated;
    rows_.push_back(std::move(r));
}

void MailMessages::print(std::string& out) const {
    const std::string rule(80, '=');
    out += rule + "\nMail Messages\n";
    out += "Frame    Stream  Protocol      Size  Att  Hops  Dup of  Envelope From | Envelope To | From | To | Subject | Date\n";
    char buf[160];
    for (const Row& r : rows_) {
        std::string dup = r.duplicate_of ? std::to_string(r.duplicate_of) : "-";
        std::snprintf(buf, sizeof buf, "%-8llu %-7lld %-8s %9llu%s %4zu %5zu  %-6s  ", (unsigned long long)r.frame,
                      (long long)r.stream, r.transport.c_str(), (unsigned long long)r.size, r.complete ? " " : "*",
                      r.attachments, r.hops, dup.c_str());
        out += buf;
        out += one_line(r.env_from.empty() ? "-" : r.env_from) + " | " + one_line(r.env_to.empty() ? "-" : r.env_to) + " | " +
               one_line(r.from) + " | " + one_line(r.to) + " | " + one_line(r.subject) + " | " + one_line(r.date) + "\n";
    }
    out += "(* = the message was cut short by the capture; Dup of = the frame of an earlier message with the same Message-ID)\n";
    out += rule + "\n";
}

}  // namespace ms::cli
