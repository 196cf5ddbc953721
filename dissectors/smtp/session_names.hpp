// What an SMTP session tells about its two ends: the name the client gave
// in HELO/EHLO, the name the server gave in its greeting and EHLO reply, and
// the client's address; and the envelope of the transaction under way (MAIL
// FROM, RCPT TO). Handed to the message layer with each message so it can
// check the message's Received headers against the wire, and so a message
// list can show whom it was sent from and to.
#pragma once

#include <string>
#include <string_view>

#include "dissectors/core/message_sink.hpp"
#include "smtp_commands.hpp"
#include "smtp_parser.hpp"

namespace ms::smtp {

class SessionNames {
public:
    void on_client_data(const PacketInfo& pi) {
        if (client_addr_.kind == Address::None) client_addr_ = pi.net_src;
    }
    void on_command(const CommandEvent& c) {
        if (c.cmd == Command::Helo || c.cmd == Command::Ehlo) set(helo_, first_word(c.parts.arg));
        if (c.cmd == Command::Helo || c.cmd == Command::Ehlo || c.cmd == Command::Rset || c.cmd == Command::Mail) {
            envelope_from_.clear();
            envelope_to_.clear();
        }
        if (c.cmd == Command::Mail) set(envelope_from_, address(parse_path_arg(c.parts.arg, "FROM:")));
        if (c.cmd == Command::Rcpt && envelope_to_.size() < kMaxRecipients) {
            if (!envelope_to_.empty()) envelope_to_ += ", ";
            envelope_to_ += address(parse_path_arg(c.parts.arg, "TO:"));
        }
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
        info.envelope_from = envelope_from_;
        info.envelope_to = envelope_to_;
    }

private:
    // A host name is at most 255 octets; longer arguments are cut there.
    static constexpr std::size_t kMaxName = 255;
    // RFC 5321 4.5.3.1.3: a path is at most 256 octets. Recipients are
    // listed up to about 4 KiB (a hostile session may send millions).
    static constexpr std::size_t kMaxPath = 256;
    static constexpr std::size_t kMaxRecipients = 4096;
    static std::string_view first_word(std::string_view s) {
        std::size_t b = s.find_first_not_of(" \t");
        if (b == std::string_view::npos) return {};
        s.remove_prefix(b);
        return s.substr(0, std::min(s.find_first_of(" \t"), std::min(s.size(), kMaxName)));
    }
    // The mailbox without its brackets; the null path as "<>".
    static std::string_view address(const PathArg& p) {
        return (p.mailbox.empty() ? p.path : p.mailbox).substr(0, kMaxPath);
    }
    static void set(std::string& to, std::string_view v) { to.assign(v.data(), v.size()); }

    std::string helo_, greeting_host_, ehlo_host_;
    std::string envelope_from_, envelope_to_;
    Address client_addr_;
};

}  // namespace ms::smtp
