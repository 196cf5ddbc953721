#include "received_checks.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "dissectors/mime/text_util.hpp"

namespace ms::imf {

namespace {
using ms::mime::iequals;

std::string_view host_core(std::string_view h) {
    h = ms::mime::trim(h);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    if (ms::mime::istarts_with(h, "IPv6:")) h.remove_prefix(5);
    if (!h.empty() && h.back() == '.') h.remove_suffix(1);
    return h;
}

// The first word of a by clause ("mx.example.org (Postfix)" -> host).
std::string_view first_word(std::string_view s) {
    s = ms::mime::trim(s);
    return s.substr(0, std::min(s.find_first_of(" \t("), s.size()));
}

// 16 bytes, IPv4 as IPv4-mapped IPv6.
bool parse_ip(std::string_view text, unsigned char out[16]) {
    text = host_core(text);
    if (auto pct = text.find('%'); pct != std::string_view::npos) text = text.substr(0, pct);  // zone id
    if (text.empty() || text.size() >= 64) return false;
    char buf[64];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    unsigned char v4[4];
    if (inet_pton(AF_INET, buf, v4) == 1) {
        std::memset(out, 0, 10);
        out[10] = out[11] = 0xff;
        std::memcpy(out + 12, v4, 4);
        return true;
    }
    return inet_pton(AF_INET6, buf, out) == 1;
}

std::string span_text(int64_t ns) {
    int64_t s = (ns < 0 ? -ns : ns) / 1'000'000'000;
    if (s >= 86400) return std::to_string(s / 86400) + " d " + std::to_string(s % 86400 / 3600) + " h";
    if (s >= 3600) return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
    if (s >= 60) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    return std::to_string(s) + " s";
}

std::string shown(std::string_view s) { return std::string(s.substr(0, 255)); }
}  // namespace

bool same_host(std::string_view a, std::string_view b) { return iequals(host_core(a), host_core(b)); }

bool ip_parses(std::string_view a) {
    unsigned char x[16];
    return parse_ip(a, x);
}

bool same_ip(std::string_view a, std::string_view b) {
    unsigned char x[16], y[16];
    return parse_ip(a, x) && parse_ip(b, y) && std::memcmp(x, y, 16) == 0;
}

std::vector<ReceivedFinding> check_received(const std::vector<ReceivedInfo>& hops, const WireContext& wire) {
    std::vector<ReceivedFinding> out;
    if (!wire.known || hops.empty()) return out;

    // One finding per message, on the topmost such hop: a forged or
    // misdated chain may have hundreds.
    std::size_t future = 0, first_future = 0;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const auto& d = hops[i].date_ns;
        if (d && *d > wire.frame_ts_ns + kReceivedFutureSlackNs && future++ == 0) first_future = i;
    }
    if (future)
        out.push_back({first_future, imf_experts::received_future,
                       "Received date " + span_text(*hops[first_future].date_ns - wire.frame_ts_ns) +
                           " later than the capture time of the frame that carried the message" +
                           (future > 1 ? " (" + std::to_string(future) + " Received headers are)" : std::string())});

    if (wire.smtp) {
        const ReceivedInfo& top = hops.front();
        std::string_view by = first_word(top.by);
        const std::string& helo = wire.smtp->client_helo;
        if (!by.empty() && !helo.empty() && !same_host(by, helo))
            out.push_back({0, imf_experts::received_by_not_client,
                           "Topmost Received was added by " + shown(by) + ", but the SMTP client introduced itself as " +
                               shown(helo)});
        if (top.date_ns && wire.frame_ts_ns - *top.date_ns > kReceivedSkewNs)
            out.push_back({0, imf_experts::received_skew,
                           "Topmost Received date is " + span_text(wire.frame_ts_ns - *top.date_ns) +
                               " before the capture time"});
    }

    if (wire.earlier_smtp) {
        const SmtpEnds& s = *wire.earlier_smtp;
        const std::string frame = std::to_string(wire.earlier_smtp_frame);
        // The hop that session's server added: the topmost naming it as `by`
        // (preferring one with a client address), else the topmost one (a server names itself the same way in its
        // greeting and its Received headers, but not always).
        std::size_t at = 0;
        bool by_found = false;
        if (!s.server_host.empty()) {
            // Among the server's own headers, the one naming a client
            // address is the network hop (not a local pickup or delivery).
            for (std::size_t i = 0; i < hops.size(); ++i) {
                if (!same_host(first_word(hops[i].by), s.server_host)) continue;
                if (!by_found) at = i;
                by_found = true;
                if (!hops[i].ip.empty()) {
                    at = i;
                    break;
                }
            }
            if (!by_found && !wire.smtp && !first_word(hops.front().by).empty())
                out.push_back({0, imf_experts::received_by_not_server,
                               "No Received header names " + shown(s.server_host) +
                                   ", the server of the SMTP session that carried this Message-ID (frame " + frame +
                                   "), as its by host"});
        }
        // A copy carried over SMTP again (a relay) has that server's header
        // on top; one sent again by the same client (a resend) has not: its
        // headers say nothing about the earlier session.
        if (wire.smtp && !by_found) return out;
        const ReceivedInfo& hop = hops[at];
        if (!hop.helo.empty() && !s.client_helo.empty() && !same_host(hop.helo, s.client_helo))
            out.push_back({at, imf_experts::received_helo_mismatch,
                           "Received says the client introduced itself as " + shown(hop.helo) +
                               ", but in the SMTP session that carried this Message-ID (frame " + frame +
                               ") it said " + shown(s.client_helo)});
        if (!hop.ip.empty() && !s.client_ip.empty() && ip_parses(hop.ip) && !same_ip(hop.ip, s.client_ip))
            out.push_back({at, imf_experts::received_ip_mismatch,
                           "Received names the client address " + shown(hop.ip) +
                               ", but the SMTP session that carried this Message-ID (frame " + frame +
                               ") came from " + s.client_ip});
    }
    return out;
}

}  // namespace ms::imf
