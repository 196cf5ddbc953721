#!/usr/bin/python3
"""IMAP client sessions against dovecot on 127.0.0.1:143 for imap-dovecot.pcap.

Run by samples/record.sh after alice's INBOX was filled with samples/messages
(UID n = the n-th .eml file; 5 is the one whose body looks like IMAP commands).
Sessions:
  1. LOGIN + mailbox work (LIST, CREATE of "Données reçues" in modified UTF-7,
     SELECT, SEARCH, FETCH, APPEND, STORE, COPY, EXPUNGE, IDLE, errors, LOGOUT)
     with a second connection appending a message while the first one IDLEs;
  2. AUTHENTICATE PLAIN (continuation) and AUTHENTICATE PLAIN with SASL-IR;
  3. COMPRESS=DEFLATE on a raw socket;
  4. STARTTLS.
"""
import base64
import imaplib
import socket
import ssl
import sys
import threading
import time
import zlib

HOST, PORT = "127.0.0.1", 143
USER, PASSWORD = "alice", "wonderland"
# "Données reçues" in IMAP modified UTF-7 (RFC 3501 section 5.1.3).
FOLDER = "Donn&AOk-es re&AOc-ues"
QUOTED_FOLDER = f'"{FOLDER}"'

APPENDED = (b"From: Bob Example <bob@example.test>\r\n"
            b"To: Alice Example <alice@example.test>\r\n"
            b"Subject: Appended by the IMAP client\r\n"
            b"Date: Mon, 06 Nov 2023 10:00:00 +0000\r\n"
            b"Message-ID: <append.0100@example.test>\r\n"
            b"\r\n"
            b"This message was uploaded with APPEND as a literal.\r\n"
            b".a line with a leading dot stays as is in IMAP\r\n")
APPENDED_DURING_IDLE = (b"From: Bob Example <bob@example.test>\r\n"
                        b"To: Alice Example <alice@example.test>\r\n"
                        b"Subject: Arrived while the other client was idling\r\n"
                        b"Message-ID: <idle.0101@example.test>\r\n"
                        b"\r\n"
                        b"The idling connection should see an untagged EXISTS.\r\n")


def check(result, what):
    typ, data = result
    if typ != "OK":
        sys.exit(f"imap_dovecot: {what}: {typ} {data!r}")
    return data


def expect_no(fn, what):
    try:
        typ, data = fn()
    except imaplib.IMAP4.error:
        return
    if typ == "OK":
        sys.exit(f"imap_dovecot: {what}: expected NO/BAD, got OK")


def unverified_tls():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE            # self-signed test certificate
    return ctx


def idle_with_concurrent_append(m):
    """IDLE (raw: imaplib has no idle() before 3.14). While idling, another
    connection APPENDs to INBOX so the server pushes an untagged EXISTS."""
    tag = m._new_tag()
    m.send(tag + b" IDLE\r\n")
    line = m.readline()
    if not line.startswith(b"+"):
        sys.exit(f"imap_dovecot: IDLE: {line!r}")

    def other_client():
        o = imaplib.IMAP4(HOST, PORT)
        check(o.login(USER, PASSWORD), "LOGIN (second client)")
        check(o.append("INBOX", None, None, APPENDED_DURING_IDLE), "APPEND during IDLE")
        o.logout()

    t = threading.Thread(target=other_client)
    t.start()
    t.join()
    # Wait (bounded) for the untagged EXISTS that the APPEND triggers.
    m.sock.settimeout(5)
    try:
        while True:
            line = m.readline()
            if not line or b"EXISTS" in line:
                break
    except socket.timeout:
        pass
    m.sock.settimeout(None)
    m.send(b"DONE\r\n")
    while True:
        line = m.readline()
        if not line:
            sys.exit("imap_dovecot: connection closed during IDLE")
        if line.startswith(tag + b" "):
            if not line.startswith(tag + b" OK"):
                sys.exit(f"imap_dovecot: IDLE end: {line!r}")
            break


def session_login_and_mailboxes():
    m = imaplib.IMAP4(HOST, PORT)
    check(m.capability(), "CAPABILITY")
    check(m.login(USER, PASSWORD), "LOGIN")
    check(m.capability(), "CAPABILITY after LOGIN")
    check(m.list(), "LIST")
    check(m.create(QUOTED_FOLDER), "CREATE non-ASCII folder")
    check(m.subscribe(QUOTED_FOLDER), "SUBSCRIBE")
    check(m.list('""', QUOTED_FOLDER), "LIST non-ASCII folder")
    check(m.list('""', "*"), "LIST *")
    check(m.lsub('""', "*"), "LSUB")
    check(m.status(QUOTED_FOLDER, "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"), "STATUS")
    check(m.select("INBOX"), "SELECT INBOX")
    check(m.search(None, "ALL"), "SEARCH ALL")
    check(m.search(None, "SUBJECT", '"protocol"'), "SEARCH SUBJECT")
    check(m.fetch("1:*", "(FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE)"), "FETCH 1:*")
    check(m.fetch("1", "(BODY[])"), "FETCH 1 BODY[]")
    check(m.fetch("5", "(BODY[])"), "FETCH 5 (IMAP look-alike lines)")
    check(m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[2])"),
          "FETCH header fields and a MIME part")
    check(m.uid("FETCH", "1:*", "(UID FLAGS INTERNALDATE)"), "UID FETCH")
    check(m.append(QUOTED_FOLDER, r"(\Flagged)", '"06-Nov-2023 10:00:00 +0000"', APPENDED),
          "APPEND")
    check(m.store("1", "+FLAGS", r"(\Seen)"), "STORE +FLAGS \\Seen")
    check(m.copy("2:3", QUOTED_FOLDER), "COPY")
    check(m.store("3", "+FLAGS.SILENT", r"(\Deleted)"), "STORE \\Deleted")
    check(m.expunge(), "EXPUNGE")
    idle_with_concurrent_append(m)
    check(m.noop(), "NOOP")
    expect_no(lambda: m._simple_command("FETCH", "x", "(FLAGS)"), "FETCH bad sequence")
    # A failed SELECT leaves no mailbox selected (imaplib then is in AUTH state).
    expect_no(lambda: m.select('"No such folder"'), "SELECT missing folder")
    check(m.select(QUOTED_FOLDER, readonly=True), "EXAMINE non-ASCII folder")
    check(m.fetch("1:*", "(FLAGS ENVELOPE)"), "FETCH in folder")
    check(m.close(), "CLOSE")
    m.logout()


def session_authenticate_plain():
    m = imaplib.IMAP4(HOST, PORT)
    # imaplib sends "AUTHENTICATE PLAIN", waits for "+ ", then sends the token.
    check(m.authenticate("PLAIN", lambda _challenge: f"\0{USER}\0{PASSWORD}".encode()),
          "AUTHENTICATE PLAIN")
    check(m.select("INBOX", readonly=True), "EXAMINE INBOX")
    m.logout()

    # SASL-IR (RFC 4959): the initial response on the command line itself.
    m = imaplib.IMAP4(HOST, PORT)
    token = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    check(m._simple_command("AUTHENTICATE", "PLAIN", token), "AUTHENTICATE PLAIN (SASL-IR)")
    m.state = "AUTH"
    check(m.noop(), "NOOP")
    m.logout()


class DeflateConnection:
    """Just enough of an IMAP client to talk through COMPRESS=DEFLATE
    (RFC 4978): raw deflate both ways, a sync flush after every command."""

    def __init__(self):
        self.sock = socket.create_connection((HOST, PORT), timeout=10)
        self.compressed = False
        self.deflate = zlib.compressobj(wbits=-15)
        self.inflate = zlib.decompressobj(-15)
        self.pending = b""
        self.next_tag = 1

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            sys.exit("imap_dovecot: COMPRESS session closed early")
        self.pending += self.inflate.decompress(data) if self.compressed else data

    def readline(self):
        while b"\r\n" not in self.pending:
            self._fill()
        line, self.pending = self.pending.split(b"\r\n", 1)
        return line + b"\r\n"

    def command(self, text):
        tag = f"z{self.next_tag:03d}".encode()
        self.next_tag += 1
        raw = tag + b" " + text.encode() + b"\r\n"
        if self.compressed:
            raw = self.deflate.compress(raw) + self.deflate.flush(zlib.Z_SYNC_FLUSH)
        self.sock.sendall(raw)
        lines = []
        while True:
            line = self.readline()
            lines.append(line)
            # Read literals ({n}) whole so their content is not taken for a tag.
            if line.endswith(b"}\r\n") and b"{" in line:
                size = int(line[line.rindex(b"{") + 1:-3])
                while len(self.pending) < size:
                    self._fill()
                lines.append(self.pending[:size])
                self.pending = self.pending[size:]
                continue
            if line.startswith(tag + b" "):
                if not line.startswith(tag + b" OK"):
                    sys.exit(f"imap_dovecot: {text}: {line!r}")
                return lines


def session_compress_deflate():
    c = DeflateConnection()
    c.readline()                                        # greeting
    c.command(f"LOGIN {USER} {PASSWORD}")
    caps = b"".join(c.command("CAPABILITY"))
    if b"COMPRESS=DEFLATE" not in caps:
        sys.exit("imap_dovecot: COMPRESS=DEFLATE not advertised")
    c.command("COMPRESS DEFLATE")
    c.compressed = True                                 # from the next byte on
    c.command("CAPABILITY")
    c.command("SELECT INBOX")
    c.command("FETCH 1:* (FLAGS ENVELOPE)")
    c.command("FETCH 2 BODY.PEEK[]")
    c.command("NOOP")
    c.command("LOGOUT")
    c.sock.close()


def session_starttls():
    m = imaplib.IMAP4(HOST, PORT)
    check(m.starttls(ssl_context=unverified_tls()), "STARTTLS")
    check(m.login(USER, PASSWORD), "LOGIN inside TLS")
    check(m.select("INBOX"), "SELECT")
    check(m.fetch("1", "(FLAGS)"), "FETCH")
    m.logout()


def main():
    session_login_and_mailboxes()
    session_authenticate_plain()
    session_compress_deflate()
    session_starttls()


if __name__ == "__main__":
    main()
