#include "app/cli/stats/credentials.hpp"

#include <cstdio>

namespace ms::cli {

namespace {
// A capture full of logins must not grow the report without bound.
constexpr std::size_t kMaxRows = 1'000'000;
constexpr std::size_t kMaxUsers = 1'000'000;
}  // namespace

Credentials::Credentials()
    : protos_{{"SMTP", field_id("smtp.auth.username"), field_id("smtp.auth.password")},
              {"POP3", field_id("pop.user"), field_id("pop.password")},
              {"IMAP", field_id("imap.request.username"), field_id("imap.request.password")}} {}

void Credentials::wanted_fields(std::vector<FieldId>& out) const {
    for (const Proto& p : protos_) {
        if (p.user != kNoField) out.push_back(p.user);
        if (p.password != kNoField) out.push_back(p.password);
    }
}

void Credentials::add_frame(const FrameContext& ctx) {
    const ProtoTree& t = ctx.tree;
    const uint64_t num = ctx.pinfo.number;
    for (int i = 0; i < 3; ++i) {
        const Proto& p = protos_[i];
        auto key = std::make_pair(i, ctx.pinfo.tcp_stream);
        bool has_user = false, has_password = false;
        std::string user;
        for (uint32_t n = 1; n < t.size(); ++n) {
            FieldId f = t.node(n).field;
            if (f == kNoField) continue;
            if (f == p.user) {
                has_user = true;
                user = t.value_text(n);
            } else if (f == p.password) {
                has_password = true;
            }
        }
        if (has_user && (users_.size() < kMaxUsers || users_.count(key))) users_[key] = {user, num};
        if (!has_password || rows_.size() >= kMaxRows) continue;
        auto it = users_.find(key);
        if (it == users_.end()) continue;  // a password with no user name: tshark shows none either
        rows_.push_back({num, it->second.second, p.name, it->second.first});
    }
}

void Credentials::print(std::string& out) const {
    out += "===================================================================\n";
    out += "Packet     Protocol         Username         Info            \n";
    out += "------     --------         --------         --------\n";
    char buf[64];
    for (const Row& r : rows_) {
        std::snprintf(buf, sizeof buf, "%-10llu ", (unsigned long long)r.frame);
        out += buf;
        auto pad = [&](const std::string& s) {
            out += s;
            if (s.size() < 16) out.append(16 - s.size(), ' ');
        };
        pad(r.protocol);
        out += ' ';
        pad(r.user);
        out += ' ';
        pad(r.user_frame == r.frame ? std::string() : "Username in packet " + std::to_string(r.user_frame));
        out += '\n';
    }
    out += "===================================================================\n";
}

}  // namespace ms::cli
