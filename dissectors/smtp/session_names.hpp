// What an SMTP session tells about its two ends: the name the client gave
// in HELO/EHLO, the name the server gave in its greeting and EHLO reply, and
// the client's address. Handed to the message layer with each message so
// it can check the message's Received headers against the wire.
#pragma once

#include <string>
#include <string_view>

#include "dissectors/core/message_sink.hpp"
#include "smtp_parser.hpp"

namespace ms::smtp {

class SessionNames {
public:
    void on_client_data(const PacketInfo& pi) {
        if (client_addr_.kind == Address::None) client_addr_ = pi.net_src;
    }
    void on_command(const CommandEvent& c) {
        if (c.cmd == Command::Helo || c.cmd == Command::Ehlo) set(helo_, first_word(c.parts.arg));
    }
    void on_reply(const ReplyLineEvent& r) {
        if (!r.first) return;
        if (r.request == Command::Greeting && r.code == 220) set(greeting_host_, first_word(r.text));
        else if (r.request == Command::Ehlo && r.code == 250) set(ehlo_host_, first_word(r.text));
    }
    void fill(CarriedMessageInfo& info) const {
        info.client_helo = helo_;
        info.server_host = ehlo_host_.empty() ? greeting_host_ : ehlo_host_;
        info.client_addr = client_addr_;
    }

private:
    // A host name is at most 255 octets; longer arguments are cut there.
    static constexpr std::size_t kMaxName = 255;
    static std::string_view first_word(std::string_view s) {
        std::size_t b = s.find_first_not_of(" \t");
        if (b == std::string_view::npos) return {};
        s.remove_prefix(b);
        return s.substr(0, std::min(s.find_first_of(" \t"), std::min(s.size(), kMaxName)));
    }
    static void set(std::string& to, std::string_view v) { to.assign(v.data(), v.size()); }

    std::string helo_, greeting_host_, ehlo_host_;
    Address client_addr_;
};

}  // namespace ms::smtp
