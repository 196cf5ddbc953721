#include "ui/frame_scanner.hpp"


namespace ms::ui {

namespace {
FieldId find(const char* name) { return FieldRegistry::global().find(name); }

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
}  // namespace

FrameScanner::FrameScanner() {
    imap_tag_ = find("imap.response_tag");
    smtp_code_ = find("smtp.response.code");
    pop_indicator_ = find("pop.response.indicator");
    imap_status_ = find("imap.response.status");
    const CredField creds[] = {
        {find("smtp.auth.username"), "SMTP", CredField::User},
        {find("smtp.auth.password"), "SMTP", CredField::Pass},
        {find("smtp.auth.mechanism"), "SMTP", CredField::Mech},
        {find("pop.user"), "POP", CredField::User},
        {find("pop.password"), "POP", CredField::Pass},
        {find("pop.auth.mechanism"), "POP", CredField::Mech},
        {find("imap.request.username"), "IMAP", CredField::User},
        {find("imap.request.password"), "IMAP", CredField::Pass},
        {find("imap.request.mechanism"), "IMAP", CredField::Mech},
        {find("pop.apop.digest"), "POP", CredField::Apop},
    };
    for (const auto& c : creds)
        if (c.id != kNoField) cred_fields_.push_back(c), fields_.push_back(c.id);
    for (FieldId f : {smtp_code_, pop_indicator_, imap_status_, imap_tag_})
        if (f != kNoField) fields_.push_back(f);
}

RowClass FrameScanner::classify(const FrameContext& ctx) const {
    const ProtoTree& t = ctx.tree;
    if (!t.experts().empty()) {
        Severity s = t.max_severity();
        if (s == Severity::Error) return RowClass::ExpertError;
    }
    bool reply_error = false;
    if (smtp_code_ != kNoField)
        t.for_each(smtp_code_, [&](uint32_t i) { reply_error |= t.node(i).value.u >= 400; });
    if (pop_indicator_ != kNoField)
        t.for_each(pop_indicator_, [&](uint32_t i) { reply_error |= t.blob(t.node(i)) == "-ERR"; });
    if (imap_status_ != kNoField)
        t.for_each(imap_status_, [&](uint32_t i) {
            auto v = t.blob(t.node(i));
            reply_error |= v == "NO" || v == "BAD";
        });
    if (reply_error) return RowClass::ReplyError;
    if (!t.experts().empty() && t.max_severity() == Severity::Warn) return RowClass::ExpertWarn;
    const std::string& p = ctx.pinfo.protocol;
    if (p.find("IMF") != std::string::npos) return RowClass::Imf;
    if (starts_with(p, "SMTP")) return RowClass::Smtp;
    if (starts_with(p, "POP")) return RowClass::Pop;
    if (starts_with(p, "IMAP")) return RowClass::Imap;
    if (p == "TCP") return RowClass::Tcp;
    return RowClass::Other;
}

void FrameScanner::add(const FrameContext& ctx, IndexBatch& batch) {
    const PacketInfo& pi = ctx.pinfo;
    FrameRow r = scan(ctx);
    if (!batch.epoch_ns) batch.epoch_ns = pi.ts_ns - pi.rel_ns;
    r.src = names_.address(row_source(pi), batch);
    r.dst = names_.address(row_destination(pi), batch);
    r.protocol = names_.text(pi.protocol, batch);
    put_info(batch, pi.info);
    batch.rows.push_back(r);
}

FrameRow FrameScanner::scan(const FrameContext& ctx) {
    const PacketInfo& pi = ctx.pinfo;
    FrameRow r;
    r.rel_ns = pi.rel_ns;
    r.wirelen = pi.wirelen;
    r.tcp_stream = pi.tcp_stream >= 0 && pi.tcp_stream <= INT32_MAX ? static_cast<int32_t>(pi.tcp_stream) : -1;
    r.srcport = pi.srcport;
    r.dstport = pi.dstport;
    r.row_class = classify(ctx);
    if (!ctx.tree.experts().empty()) {
        Severity s = ctx.tree.max_severity();
        r.severity = static_cast<uint8_t>(s) + 1;
        experts_.frames_by_severity[static_cast<std::size_t>(s)]++;
        expert_items_.add(pi.number, ctx.tree);
    }
    if (!cred_fields_.empty()) scan_credentials(ctx);
    return r;
}

CredentialRecord& FrameScanner::open_credential(const FrameContext& ctx, const char* protocol) {
    auto it = open_by_stream_.find(ctx.pinfo.tcp_stream);
    if (it != open_by_stream_.end()) return credentials_[it->second];
    CredentialRecord c;
    c.frame = ctx.pinfo.number;
    c.tcp_stream = ctx.pinfo.tcp_stream;
    c.protocol = protocol;
    // The frame that shows credentials comes from the client: its
    // destination is the server.
    const Address& server = row_destination(ctx.pinfo);
    c.server = server.kind == Address::IPv6 ? "[" + server.to_string() + "]" : server.to_string();
    c.server += ":" + std::to_string(ctx.pinfo.dstport);
    credentials_.push_back(std::move(c));
    ++unanswered_;
    open_by_stream_[ctx.pinfo.tcp_stream] = credentials_.size() - 1;
    return credentials_.back();
}

void FrameScanner::scan_credentials(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    // A bounded list: a hostile capture with a million logins still costs
    // one small record each, but stop at a sane count.
    constexpr std::size_t kMaxCredentials = 100000;
    for (const auto& cf : cred_fields_) {
        t.for_each(cf.id, [&](uint32_t i) {
            if (credentials_.size() >= kMaxCredentials && !open_by_stream_.count(ctx.pinfo.tcp_stream)) return;
            std::string v(t.blob(t.node(i)));
            CredentialRecord* c = &open_credential(ctx, cf.protocol);
            // A second login on the same connection starts a new record.
            bool full = !c->username.empty() && !c->password.empty();
            if (full && cf.role != CredField::Mech && cf.role != CredField::Apop) {
                open_by_stream_.erase(ctx.pinfo.tcp_stream);
                c = &open_credential(ctx, cf.protocol);
            }
            switch (cf.role) {
                case CredField::User: c->username = v.substr(0, 256); break;
                case CredField::Pass: c->password = v.substr(0, 256); break;
                case CredField::Mech: c->mechanism = v.substr(0, 64); break;
                case CredField::Apop: c->mechanism = "APOP"; break;  // a digest, not a password
            }
            if (c->mechanism.empty() && cf.role == CredField::User && std::string_view(cf.protocol) == "POP")
                c->mechanism = "USER/PASS";
            if (c->mechanism.empty() && std::string_view(cf.protocol) == "IMAP") c->mechanism = "LOGIN";
        });
    }
    scan_verdict(ctx);
}

void FrameScanner::scan_verdict(const FrameContext& ctx) {
    if (unanswered_ == 0) return;
    auto it = open_by_stream_.find(ctx.pinfo.tcp_stream);
    if (it == open_by_stream_.end()) return;
    CredentialRecord& c = credentials_[it->second];
    // Only once the client has said all it will: the password, or a SASL
    // mechanism's answer that carries no password (CRAM-MD5, XOAUTH2).
    const bool complete = !c.password.empty() || (!c.username.empty() && !c.mechanism.empty() &&
                                                   c.mechanism != "LOGIN" && c.mechanism != "PLAIN" &&
                                                   c.mechanism != "USER/PASS");
    if (c.verdict != LoginVerdict::Unknown || !complete) return;
    const ProtoTree& t = ctx.tree;
    LoginVerdict v = LoginVerdict::Unknown;
    if (c.protocol == "SMTP" && smtp_code_ != kNoField) {
        t.for_each(smtp_code_, [&](uint32_t i) {
            const uint64_t code = t.node(i).value.u;
            if (v != LoginVerdict::Unknown || (code >= 300 && code < 400)) return;  // 334: the exchange goes on
            v = code < 300 ? LoginVerdict::Accepted : LoginVerdict::Rejected;
        });
    } else if (c.protocol == "POP" && pop_indicator_ != kNoField) {
        t.for_each(pop_indicator_, [&](uint32_t i) {
            const auto s = t.blob(t.node(i));
            if (v == LoginVerdict::Unknown && (s == "+OK" || s == "-ERR"))
                v = s == "+OK" ? LoginVerdict::Accepted : LoginVerdict::Rejected;
        });
    } else if (c.protocol == "IMAP" && imap_status_ != kNoField && imap_tag_ != kNoField) {
        // A tagged response ends the command; untagged ones ("* OK") do not.
        bool tagged = false;
        t.for_each(imap_tag_, [&](uint32_t i) {
            const auto tag = t.blob(t.node(i));
            tagged |= !tag.empty() && tag != "*" && tag != "+";
        });
        if (tagged)
            t.for_each(imap_status_, [&](uint32_t i) {
                const auto s = t.blob(t.node(i));
                if (v == LoginVerdict::Unknown && (s == "OK" || s == "NO" || s == "BAD"))
                    v = s == "OK" ? LoginVerdict::Accepted : LoginVerdict::Rejected;
            });
    }
    if (v == LoginVerdict::Unknown) return;
    c.verdict = v;
    c.verdict_frame = ctx.pinfo.number;
    --unanswered_;
}

}  // namespace ms::ui
