"""Streaming pcap writing for the hostile-capture generator: Ethernet,
IPv4/IPv6 and TCP headers built by hand, written straight to a file or a
FIFO so that captures of hundreds of MiB never sit in memory."""
import struct

ETH_IP4 = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00"
ETH_IP6 = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x86\xdd"
SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10
SNAPLEN = 262144


def ip4(a, b, c, d):
    return bytes((a, b, c, d))


class PcapWriter:
    """Classic little-endian microsecond pcap, Ethernet link type."""

    def __init__(self, out, linktype=1):
        self.out = out
        self.t = 1_700_000_000_000_000  # microseconds
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, SNAPLEN, linktype))

    def frame(self, data, wirelen=None):
        self.t += 10
        self.out.write(struct.pack("<IIII", self.t // 1_000_000, self.t % 1_000_000, len(data),
                                   len(data) if wirelen is None else wirelen))
        self.out.write(data)

    def raw(self, data):
        self.out.write(data)


def ipv4_header(src, dst, proto, payload_len, ident=1, frag=0x4000):
    return struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident & 0xFFFF, frag, 64, proto, 0,
                       src, dst)


def tcp_frame(src, dst, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 0x50, flags,
                      65535, 0, 0)
    return ETH_IP4 + ipv4_header(src, dst, 6, 20 + len(payload)) + tcp + payload


class Conn:
    """One TCP connection; client and server sequence numbers advance as
    payload is sent, so the capture reassembles like a real one."""

    def __init__(self, w, cip, sip, cport, sport, cisn=1000, sisn=5000):
        self.w, self.cip, self.sip, self.cport, self.sport = w, cip, sip, cport, sport
        self.cseq, self.sseq = cisn, sisn

    def handshake(self):
        self.w.frame(tcp_frame(self.cip, self.sip, self.cport, self.sport, self.cseq, 0, SYN))
        self.cseq += 1
        self.w.frame(tcp_frame(self.sip, self.cip, self.sport, self.cport, self.sseq, self.cseq, SYN | ACK))
        self.sseq += 1
        self.w.frame(tcp_frame(self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq, ACK))

    def client(self, data, seg=60000):
        for i in range(0, len(data), seg):
            piece = data[i:i + seg]
            self.w.frame(tcp_frame(self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq,
                                   PSH | ACK, piece))
            self.cseq += len(piece)

    def server(self, data, seg=60000):
        for i in range(0, len(data), seg):
            piece = data[i:i + seg]
            self.w.frame(tcp_frame(self.sip, self.cip, self.sport, self.cport, self.sseq, self.cseq,
                                   PSH | ACK, piece))
            self.sseq += len(piece)

    def close(self):
        self.w.frame(tcp_frame(self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq, FIN | ACK))
        self.cseq += 1
        self.w.frame(tcp_frame(self.sip, self.cip, self.sport, self.cport, self.sseq, self.cseq, FIN | ACK))
        self.sseq += 1
        self.w.frame(tcp_frame(self.cip, self.sip, self.cport, self.sport, self.cseq, self.sseq, ACK))


def marker_session(w):
    """Frames 1-6: an SMTP greeting and EHLO marker.example on their own
    connection, which every hostile capture starts with; the driver checks
    that frame 5 is still dissected as EHLO whatever follows."""
    c = Conn(w, ip4(10, 9, 9, 1), ip4(10, 9, 9, 2), 50000, 25)
    c.handshake()                                    # frames 1-3
    c.server(b"220 marker.example ESMTP\r\n")        # frame 4
    c.client(b"EHLO marker.example\r\n")             # frame 5
    c.server(b"250 marker.example\r\n")              # frame 6
    return c
