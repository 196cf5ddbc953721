#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets from real captures and messages.

Seeds go under OUT/<target>/ (a build directory, never the repository):
  capture files as they are   -> fuzz_capture_reader, fuzz_pipeline_verbose
  frames, 2-byte length each   -> fuzz_link_ip_tcp
  TCP payloads by server port  -> fuzz_smtp, fuzz_pop3, fuzz_imap (chunk script)
  .eml messages                -> fuzz_imf
  filter texts                 -> fuzz_display_filter (one per line of a corpus)
"""
import argparse
import gzip
import hashlib
import os
import struct
import sys

LINK_SELECTOR = {1: 0, 101: 1, 228: 1, 229: 1, 0: 2, 113: 3}  # see fuzz_link_ip_tcp.cpp
PORTS = {25: "fuzz_smtp", 587: "fuzz_smtp", 2525: "fuzz_smtp", 110: "fuzz_pop3", 143: "fuzz_imap"}


def frames_of(blob):
    """Yields (linktype, bytes) of each packet of a pcap or pcapng file."""
    if blob[:2] == b"\x1f\x8b":
        blob = gzip.decompress(blob)
    magic = blob[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = "<" if magic[0] in (0xD4, 0x4D) else ">"
        link = struct.unpack(e + "I", blob[20:24])[0]
        pos = 24
        while pos + 16 <= len(blob):
            incl = struct.unpack(e + "I", blob[pos + 8:pos + 12])[0]
            yield link, blob[pos + 16:pos + 16 + incl]
            pos += 16 + incl
    elif magic == b"\x0a\x0d\x0d\x0a":
        pos, e, links = 0, "<", []
        while pos + 12 <= len(blob):
            if blob[pos:pos + 4] == b"\x0a\x0d\x0d\x0a":
                e = "<" if blob[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                links = []
            btype, blen = struct.unpack(e + "II", blob[pos:pos + 8])
            if blen < 12:
                break
            body = blob[pos + 8:pos + blen - 4]
            if btype == 1:
                links.append(struct.unpack(e + "H", body[:2])[0])
            elif btype == 6 and len(body) >= 20:
                iface, _, _, cap = struct.unpack(e + "IIII", body[:16])
                if iface < len(links):
                    yield links[iface], body[20:20 + cap]
            pos += blen


def tcp_payload(link, f):
    """(src port, dst port, payload) of a TCP/IP frame, or None."""
    if link == 1:
        off, et = 14, struct.unpack(">H", f[12:14])[0] if len(f) >= 14 else 0
        while et == 0x8100 and len(f) >= off + 4:
            et, off = struct.unpack(">H", f[off + 2:off + 4])[0], off + 4
    elif link in (101, 228, 229):
        off, et = 0, 0x0800 if f[:1] and f[0] >> 4 == 4 else 0x86DD
    elif link == 113:
        off, et = 16, struct.unpack(">H", f[14:16])[0] if len(f) >= 16 else 0
    elif link == 0:
        off, et = 4, 0x0800 if len(f) > 4 and f[4] >> 4 == 4 else 0x86DD
    else:
        return None
    if et == 0x0800 and len(f) >= off + 20:
        ihl = (f[off] & 15) * 4
        total = struct.unpack(">H", f[off + 2:off + 4])[0]
        if f[off + 9] != 6:
            return None
        end, off = off + total, off + ihl
    elif et == 0x86DD and len(f) >= off + 40:
        if f[off + 6] != 6:
            return None
        end, off = off + 40 + struct.unpack(">H", f[off + 4:off + 6])[0], off + 40
    else:
        return None
    if len(f) < off + 20:
        return None
    sport, dport = struct.unpack(">HH", f[off:off + 4])
    return sport, dport, f[off + (f[off + 12] >> 4) * 4:min(end, len(f))]


def write(out, target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as fh:
        fh.write(data)


def stream_script(chunks):
    """The chunk script of fuzz/stream_fuzz.hpp: flags, then (ctl, len, bytes)."""
    out = bytearray([0])
    for to_client, data in chunks:
        for i in range(0, len(data), 255):
            piece = data[i:i + 255]
            out += bytes([1 if to_client else 0, len(piece)]) + piece
    return bytes(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--captures", nargs="*", default=[])
    ap.add_argument("--messages", nargs="*", default=[])
    ap.add_argument("--filters", nargs="*", default=[])
    a = ap.parse_args()
    for path in a.captures:
        blob = open(path, "rb").read()
        write(a.out, "fuzz_capture_reader", blob)
        write(a.out, "fuzz_pipeline_verbose", blob)
        try:
            frames = list(frames_of(blob))
        except (struct.error, OSError, EOFError):
            continue
        by_link = {}
        streams = {}
        for link, f in frames:
            if link in LINK_SELECTOR:
                by_link.setdefault(link, bytearray([LINK_SELECTOR[link]]))
                if len(by_link[link]) < 60000:
                    by_link[link] += struct.pack("<H", len(f)) + f
            t = tcp_payload(link, f)
            if not t or not t[2]:
                continue
            sport, dport, payload = t
            if dport in PORTS:
                streams.setdefault(PORTS[dport], []).append((False, payload))
            elif sport in PORTS:
                streams.setdefault(PORTS[sport], []).append((True, payload))
        for seed in by_link.values():
            write(a.out, "fuzz_link_ip_tcp", bytes(seed))
        for target, chunks in streams.items():
            write(a.out, target, stream_script(chunks)[:16000])
    for path in a.messages:
        msg = open(path, "rb").read()
        write(a.out, "fuzz_imf", b"\x00\x00" + msg)
        write(a.out, "fuzz_imf", b"\x01\x07" + msg)
        # The same message carried by each transport, as a stream script.
        smtp = [(True, b"220 mx ESMTP\r\n"), (False, b"EHLO c\r\n"), (True, b"250 mx\r\n"),
                (False, b"MAIL FROM:<a@b>\r\n"), (True, b"250 ok\r\n"), (False, b"RCPT TO:<c@d>\r\n"),
                (True, b"250 ok\r\n"), (False, b"DATA\r\n"), (True, b"354 go\r\n"),
                (False, msg.replace(b"\n.", b"\n..") + b"\r\n.\r\n"), (True, b"250 queued\r\n")]
        write(a.out, "fuzz_smtp", stream_script(smtp))
        pop = [(True, b"+OK ready\r\n"), (False, b"RETR 1\r\n"),
               (True, b"+OK message follows\r\n" + msg.replace(b"\n.", b"\n..") + b"\r\n.\r\n")]
        write(a.out, "fuzz_pop3", stream_script(pop))
        imap = [(True, b"* OK IMAP4rev1 ready\r\n"), (False, b"a1 FETCH 1 BODY[]\r\n"),
                (True, b"* 1 FETCH (BODY[] {%d}\r\n" % len(msg) + msg + b")\r\na1 OK done\r\n")]
        write(a.out, "fuzz_imap", stream_script(imap))
    for path in a.filters:
        for line in open(path, "rb").read().splitlines():
            line = line.strip()
            if line and not line.startswith(b"#"):
                write(a.out, "fuzz_display_filter", line.split(b"\t")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
