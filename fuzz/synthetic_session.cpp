#include "fuzz/synthetic_session.hpp"

#include <string>
#include <string_view>

namespace ms::fuzz {

namespace {

void put16(std::vector<uint8_t>& v, uint16_t x) {
    v.push_back(uint8_t(x >> 8));
    v.push_back(uint8_t(x));
}
void put32(std::vector<uint8_t>& v, uint32_t x) {
    put16(v, uint16_t(x >> 16));
    put16(v, uint16_t(x));
}

// One direction of a TCP connection between 10.0.0.1:40000 and 10.0.0.2:25.
struct Side {
    bool client;
    uint32_t seq;
};

std::vector<uint8_t> segment(Side& from, const Side& to, uint8_t flags, std::string_view payload) {
    std::vector<uint8_t> f;
    const uint8_t mac_a[6] = {0x02, 0, 0, 0, 0, 1}, mac_b[6] = {0x02, 0, 0, 0, 0, 2};
    f.insert(f.end(), from.client ? mac_b : mac_a, (from.client ? mac_b : mac_a) + 6);
    f.insert(f.end(), from.client ? mac_a : mac_b, (from.client ? mac_a : mac_b) + 6);
    put16(f, 0x0800);
    const std::size_t ip = f.size();
    f.push_back(0x45);
    f.push_back(0);
    put16(f, uint16_t(20 + 20 + payload.size()));
    put16(f, 1), put16(f, 0x4000);
    f.push_back(64), f.push_back(6);
    put16(f, 0);
    put32(f, from.client ? 0x0a000001 : 0x0a000002);
    put32(f, from.client ? 0x0a000002 : 0x0a000001);
    uint32_t sum = 0;
    for (std::size_t i = ip; i < ip + 20; i += 2) sum += uint32_t(f[i] << 8 | f[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    f[ip + 10] = uint8_t(~sum >> 8), f[ip + 11] = uint8_t(~sum);
    put16(f, from.client ? 40000 : 25);
    put16(f, from.client ? 25 : 40000);
    put32(f, from.seq);
    put32(f, (flags & 0x10) ? to.seq : 0);
    f.push_back(0x50);
    f.push_back(flags);
    put16(f, 65535), put16(f, 0), put16(f, 0);
    f.insert(f.end(), payload.begin(), payload.end());
    from.seq += uint32_t(payload.size()) + ((flags & 0x03) ? 1 : 0);
    return f;
}

}  // namespace

std::vector<std::vector<uint8_t>> synthetic_smtp_session() {
    Side c{true, 1000}, s{false, 5000};
    std::vector<std::vector<uint8_t>> out;
    const uint8_t SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;
    out.push_back(segment(c, s, SYN, ""));
    out.push_back(segment(s, c, SYN | ACK, ""));
    out.push_back(segment(c, s, ACK, ""));
    auto talk = [&](bool client, std::string_view text) {
        if (client) out.push_back(segment(c, s, PSH | ACK, text));
        else out.push_back(segment(s, c, PSH | ACK, text));
    };
    talk(false, "220 mx.example.com ESMTP ready\r\n");
    talk(true, "EHLO client.example.net\r\n");
    talk(false, "250-mx.example.com\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SIZE 10240000\r\n");
    talk(true, "MAIL FROM:<alice@example.net> SIZE=300\r\n");
    talk(false, "250 2.1.0 Ok\r\n");
    talk(true, "RCPT TO:<bob@example.com>\r\n");
    talk(false, "250 2.1.5 Ok\r\n");
    talk(true, "DATA\r\n");
    talk(false, "354 End data with <CR><LF>.<CR><LF>\r\n");
    talk(true,
         "From: Alice <alice@example.net>\r\nTo: bob@example.com\r\n"
         "Subject: =?UTF-8?B?SGVsbG8gd29ybGQ=?=\r\nMessage-ID: <1@example.net>\r\n"
         "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
         "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
         "--b1\r\nContent-Type: application/octet-stream; name=\"a.bin\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\nAAECAwQ=\r\n--b1--\r\n.\r\n");
    talk(false, "250 2.0.0 Ok: queued as 12345\r\n");
    talk(true, "QUIT\r\n");
    talk(false, "221 2.0.0 Bye\r\n");
    out.push_back(segment(c, s, FIN | ACK, ""));
    out.push_back(segment(s, c, FIN | ACK, ""));
    out.push_back(segment(c, s, ACK, ""));
    return out;
}

}  // namespace ms::fuzz
