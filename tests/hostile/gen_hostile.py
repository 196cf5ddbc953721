#!/usr/bin/env python3
"""Writes one hostile capture: gen_hostile.py CASE OUTPUT [--small].

Every capture starts with the marker session of pcapgen.marker_session
(frame 5 is "EHLO marker.example"), then carries one attack. OUTPUT may be
a FIFO: everything is streamed. --small scales the big cases down for
sanitizer builds. `gen_hostile.py --list` prints the case names."""
import gzip
import struct
import sys
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from pcapgen import (ACK, ETH_IP4, ETH_IP6, FIN, PSH, SYN, Conn, PcapWriter, ip4, ipv4_header,
                     marker_session, tcp_frame)

MiB = 1 << 20
CLIENT, SERVER = ip4(10, 0, 0, 1), ip4(10, 0, 0, 2)


def smtp_conn(w, cport=40000):
    c = Conn(w, CLIENT, SERVER, cport, 25)
    c.handshake()
    c.server(b"220 mx.example ESMTP\r\n")
    c.client(b"EHLO client.example\r\n")
    c.server(b"250-mx.example\r\n250 CHUNKING\r\n")
    c.client(b"MAIL FROM:<a@example.net>\r\n")
    c.server(b"250 ok\r\n")
    c.client(b"RCPT TO:<b@example.com>\r\n")
    c.server(b"250 ok\r\n")
    return c


def imap_conn(w):
    c = Conn(w, CLIENT, SERVER, 40001, 143)
    c.handshake()
    c.server(b"* OK IMAP4rev1 ready\r\n")
    c.client(b"m0 NOOP\r\n")
    c.server(b"m0 OK done\r\n")
    return c


def data_message(w, header_and_body_chunks):
    """DATA with a message whose bytes come from an iterator (streamed)."""
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    for chunk in header_and_body_chunks:
        c.client(chunk)
    return c


def repeated(unit, total):
    """Yields `unit` repeated to about `total` bytes, in ~1 MiB chunks."""
    per = max(1, MiB // len(unit))
    block = unit * per
    n = total // len(unit)
    while n > 0:
        k = min(n, per)
        yield block if k == per else unit * k
        n -= k


# ---- IMAP -------------------------------------------------------------------

def imap_literal(size_text):
    def gen(w, small):
        c = imap_conn(w)
        c.client(b"a1 APPEND INBOX {" + size_text + b"}\r\n")
        c.server(b"+ go ahead\r\n")
        c.client(b"Subject: hi\r\n\r\nbody\r\n" * 1000)
        c.client(b"\r\na2 LOGOUT\r\n")
        c.server(b"* 1 FETCH (BODY[] {" + size_text + b"}\r\nSubject: x\r\n\r\nbody\r\n)\r\n")
        c.close()
    return gen


def imap_literal_never_sent(w, small):
    c = imap_conn(w)
    c.client(b"a1 APPEND INBOX {1000000}\r\n")
    c.server(b"+ go ahead\r\n")
    c.client(b"Subject: only the start\r\n")
    c.close()


def imap_nested_parens(w, small):
    c = imap_conn(w)
    n = 100_000 if small else 1_000_000
    c.client(b"a1 SEARCH " + b"(" * n + b"\r\n")
    c.server(b"* 1 FETCH " + b"(" * n + b"\r\n")
    c.client(b"a2 NOOP\r\n")
    c.close()


# ---- SMTP BDAT / DATA --------------------------------------------------------

def bdat(size_text):
    def gen(w, small):
        c = smtp_conn(w)
        c.client(b"BDAT " + size_text + b" LAST\r\n")
        c.client(b"Subject: chunk\r\n\r\nhello\r\n" * 100)
        c.server(b"250 ok\r\n")
        c.client(b"QUIT\r\n")
        c.close()
    return gen


def smtp_data_endless(w, small):
    total = (16 if small else 1024) * MiB
    head = [b"From: a@example.net\r\nSubject: endless\r\n\r\n"]
    c = data_message(w, iter(head + list(repeated(b"A" * 78 + b"\r\n", total))))


def smtp_data_endless_streamed(w, small):
    total = (16 if small else 1024) * MiB
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"From: a@example.net\r\nSubject: endless\r\n\r\n")
    for chunk in repeated(b"A" * 78 + b"\r\n", total):
        c.client(chunk)


def header_line_huge(w, small):
    total = (8 if small else 100) * MiB
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: ")
    for chunk in repeated(b"A" * 1024, total):
        c.client(chunk)
    c.client(b"\r\n\r\nbody\r\n.\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def million_headers(w, small):
    n = 100_000 if small else 1_000_000
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: many headers\r\n")
    for chunk in repeated(b"X-H: v\r\n", n * 8):
        c.client(chunk)
    c.client(b"\r\nbody\r\n.\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def encoded_word_huge(w, small):
    total = (2 if small else 10) * MiB
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: =?UTF-8?B?")
    for chunk in repeated(b"QUFB", total):
        c.client(chunk)
    c.client(b"?=\r\n\r\nbody\r\n.\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def base64_huge(w, small):
    decoded = (16 if small else 512) * MiB
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: big attachment\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: application/octet-stream; name=\"a.bin\"\r\n"
             b"Content-Transfer-Encoding: base64\r\n\r\n")
    line = b"QUFB" * 19 + b"\r\n"  # 57 decoded bytes of "A" per line
    for chunk in repeated(line, decoded // 57 * len(line)):
        c.client(chunk)
    c.client(b".\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def multipart_nested(w, small):
    depth = 10_000 if small else 100_000
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: nested\r\nMIME-Version: 1.0\r\n")
    buf = bytearray()
    for i in range(depth):
        buf += b"Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n" % (i, i)
        if len(buf) > MiB:
            c.client(bytes(buf))
            buf.clear()
    buf += b"Content-Type: text/plain\r\n\r\ndeepest\r\n"
    c.client(bytes(buf) + b".\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def boundary_million(w, small):
    n = 100_000 if small else 1_000_000
    boundary = b"=_" + b"0123456789abcdef" * 4 + b"_boundary_end"  # 79 characters
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: boundaries\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\""
             + boundary + b"\"\r\n\r\n")
    for chunk in repeated(b"--" + boundary + b"\r\n", n * (len(boundary) + 4)):
        c.client(chunk)
    c.client(b"--" + boundary + b"--\r\n.\r\n")
    c.server(b"250 queued\r\n")
    c.close()


def rfc822_nested(w, small):
    depth = 10_000
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: outer\r\nMIME-Version: 1.0\r\n"
             + b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n" * depth
             + b"\r\ninnermost body\r\n.\r\n")
    c.server(b"250 queued\r\n")
    c.close()


# ---- TCP ---------------------------------------------------------------------

def syn_million(w, small):
    n = 100_000 if small else 1_000_000
    for i in range(n):
        src = ip4(10, 1 + (i >> 16), (i >> 8) & 255, i & 255)
        w.frame(tcp_frame(src, SERVER, 1024 + (i % 60000), 25, i * 7919, 0, SYN))


def streams_first_byte_missing(w, small):
    n = 10_000 if small else 100_000
    for i in range(n):
        cip = ip4(10, 2 + (i >> 16), (i >> 8) & 255, i & 255)
        c = Conn(w, cip, SERVER, 2000 + (i % 60000), 25, cisn=i * 13, sisn=i * 17)
        c.handshake()
        c.cseq += 1  # the first byte never reaches the capture
        c.client(b"HLO lost.example\r\n")


def tcp_overlap_diff(w, small):
    c = smtp_conn(w)
    c.client(b"DATA\r\n")
    c.server(b"354 go ahead\r\n")
    base = c.cseq
    for i in range(20_000):
        # Each segment overlaps the previous by half and disagrees with it.
        payload = (b"%c" % (65 + i % 26)) * 200
        w.frame(tcp_frame(CLIENT, SERVER, 40000, 25, base + i * 100, c.sseq, PSH | ACK, payload))
    c.cseq = base + 20_000 * 100 + 100
    c.client(b"\r\n.\r\n")
    c.server(b"250 queued\r\n")


def seq_wrap(w, small):
    c = Conn(w, CLIENT, SERVER, 40000, 25, cisn=0xFFFFFFFF - 5000, sisn=0xFFFFFF00)
    c.handshake()
    c.server(b"220 mx.example ESMTP\r\n")
    c.client(b"EHLO wrap.example\r\n")
    c.server(b"250 ok\r\n")
    c.client(b"MAIL FROM:<a@example.net>\r\n")
    c.server(b"250 ok\r\n")
    c.client(b"RCPT TO:<b@example.com>\r\n")
    c.server(b"250 ok\r\n")
    c.client(b"DATA\r\n")
    c.server(b"354 go\r\n")
    c.client(b"Subject: wrapped\r\n\r\n" + b"x" * 100 + b"\r\n" * 20000 + b".\r\n", seg=1000)
    c.server(b"250 queued after wrap\r\n")
    c.client(b"QUIT\r\n")
    c.server(b"221 bye\r\n")
    c.close()


def retrans_storm(w, small):
    c = smtp_conn(w)
    seg = tcp_frame(CLIENT, SERVER, 40000, 25, c.cseq, c.sseq, PSH | ACK, b"DATA\r\n")
    for _ in range(20_000 if small else 200_000):
        w.frame(seg)
    c.cseq += 6
    c.server(b"354 go ahead\r\n")
    c.client(b"Subject: after storm\r\n\r\nx\r\n.\r\n")
    c.server(b"250 queued\r\n")


# ---- IP fragments --------------------------------------------------------------

def ipv4_frag_flood(w, small):
    n = 20_000 if small else 200_000
    for i in range(n):
        payload = b"\x00\x19\x00\x19" + b"F" * 1476
        w.frame(ETH_IP4 + ipv4_header(ip4(10, 3, (i >> 8) & 255, i & 255), SERVER, 6, len(payload),
                                      ident=i, frag=0x2000) + payload)


def ipv6_frag_flood(w, small):
    n = 20_000 if small else 200_000
    src = bytes(15) + b"\x01"
    for i in range(n):
        frag = struct.pack(">BBHI", 6, 0, 0x0001, i)  # offset 0, more fragments
        payload = frag + b"F" * 1440
        hdr = struct.pack(">IHBB16s16s", 0x60000000, len(payload), 44, 64,
                          src[:12] + struct.pack(">I", i), bytes(15) + b"\x02")
        w.frame(ETH_IP6 + hdr + payload)


def teardrop(w, small):
    marker = b"\x9c\x40\x00\x19" + b"\x00" * 16  # a TCP header's start
    for i in range(50_000):
        ident = i % 1000
        # First fragment 0-47 with MF, then one at offset 24 (overlapping,
        # inside it) with different bytes and no MF: the reassembled length
        # goes "negative" in naive implementations.
        p1 = marker + b"A" * 28
        w.frame(ETH_IP4 + ipv4_header(CLIENT, SERVER, 6, len(p1), ident=ident, frag=0x2000) + p1)
        p2 = b"B" * 8
        w.frame(ETH_IP4 + ipv4_header(CLIENT, SERVER, 6, len(p2), ident=ident, frag=3) + p2)


# ---- capture files -------------------------------------------------------------

def pcap_caplen_huge(w, small):
    w.raw(struct.pack("<IIII", 1_700_000_100, 0, 0xFFFFFFFF, 0xFFFFFFFF) + b"\x00" * 64)


def gzip_bomb(out, small):
    """A gzip file of several members, each a few KiB..MiB of deflate that
    inflates to runs of 256 KiB frames of zeros (not IP: shown as data)."""
    import io
    head = io.BytesIO()
    w = PcapWriter(head)
    marker_session(w)
    out.write(gzip.compress(head.getvalue()))
    frame = struct.pack("<IIII", 1_700_000_200, 0, 262144, 262144) + bytes(262144)
    member_frames = 256  # 64 MiB per member
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = comp.compress(frame * member_frames) + comp.flush()
    for _ in range(2 if small else 16):  # 128 MiB or 1 GiB inflated
        out.write(member)


def pcapng_block_loop(out, small):
    def block(btype, body):
        body += bytes((-len(body)) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
    out.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
    out.write(block(1, struct.pack("<HHI", 1, 0, 262144)))
    import io
    tmp = io.BytesIO()
    w = PcapWriter(tmp)
    marker_session(w)
    raw = tmp.getvalue()[24:]
    pos = 0
    while pos < len(raw):
        sec, usec, incl, orig = struct.unpack("<IIII", raw[pos:pos + 16])
        data = raw[pos + 16:pos + 16 + incl]
        ts = sec * 1_000_000 + usec
        out.write(block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, incl, orig) + data))
        pos += 16 + incl
    # A block whose total length is 0: a reader that advances by it never moves.
    out.write(struct.pack("<II", 6, 0) + bytes(64))
    # And one whose length is valid but whose trailing copy disagrees.
    out.write(struct.pack("<II", 6, 32) + bytes(20) + struct.pack("<I", 28))


# name -> (generator, expected exit status, writes the pcap itself, summary)
CASES = {
    "imap_literal_2p32m1": (imap_literal(b"4294967295"), 0, False, "IMAP literal {4294967295}"),
    "imap_literal_2p64m1": (imap_literal(b"18446744073709551615"), 0, False, "IMAP literal {18446744073709551615}"),
    "imap_literal_never_sent": (imap_literal_never_sent, 0, False, "IMAP literal announced, never sent"),
    "imap_nested_parens": (imap_nested_parens, 0, False, "IMAP 1,000,000 nested parentheses"),
    "bdat_2p63": (bdat(b"9223372036854775808"), 0, False, "BDAT 2^63"),
    "bdat_2p64p1": (bdat(b"18446744073709551617"), 0, False, "BDAT 2^64+1"),
    "bdat_minus1": (bdat(b"-1"), 0, False, "BDAT -1"),
    "bdat_non_numeric": (bdat(b"12x4"), 0, False, "BDAT non-numeric"),
    "smtp_data_endless": (smtp_data_endless_streamed, 0, False, "DATA never ends (1 GiB)"),
    "header_line_100m": (header_line_huge, 0, False, "one 100 MiB header line"),
    "million_headers": (million_headers, 0, False, "1,000,000 headers"),
    "encoded_word_10m": (encoded_word_huge, 0, False, "10 MiB encoded word"),
    "base64_512m": (base64_huge, 0, False, "base64 of 512 MiB of 'A'"),
    "multipart_nested_100k": (multipart_nested, 0, False, "multipart nested 100,000 deep"),
    "boundary_million": (boundary_million, 0, False, "79-char boundary x 1,000,000"),
    "rfc822_nested_10k": (rfc822_nested, 0, False, "message/rfc822 nested 10,000 deep"),
    "syn_million": (syn_million, 0, False, "1,000,000 SYNs never closed"),
    "streams_first_byte_missing": (streams_first_byte_missing, 0, False, "100,000 streams, first byte missing"),
    "tcp_overlap_diff": (tcp_overlap_diff, 0, False, "20,000 overlapping segments, different data"),
    "seq_wrap": (seq_wrap, 0, False, "sequence numbers wrap mid-stream"),
    "retrans_storm": (retrans_storm, 0, False, "200,000 retransmissions"),
    "ipv4_frag_flood": (ipv4_frag_flood, 0, False, "200,000 IPv4 first fragments"),
    "ipv6_frag_flood": (ipv6_frag_flood, 0, False, "200,000 IPv6 first fragments"),
    "teardrop": (teardrop, 0, False, "teardrop overlaps x 50,000"),
    "pcap_caplen_ffffffff": (pcap_caplen_huge, 2, False, "pcap record caplen 0xFFFFFFFF"),
    "pcapng_block_loop": (pcapng_block_loop, 2, True, "pcapng block length 0"),
    "gzip_bomb": (gzip_bomb, 0, True, "gzip 1 MiB -> 1 GiB of frames"),
}


def write_case(name, path, small=False):
    gen, _, whole_file, _ = CASES[name]
    with open(path, "wb", buffering=4 * MiB) as out:
        if whole_file:
            gen(out, small)
        else:
            w = PcapWriter(out)
            marker_session(w)
            gen(w, small)


def main(argv):
    if argv[1:] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(argv) < 3 or argv[1] not in CASES:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        write_case(argv[1], argv[2], "--small" in argv[3:])
    except BrokenPipeError:
        pass  # the reader stopped early (error exit): fine for a FIFO
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
