#!/usr/bin/python3
"""POP3 client sessions against dovecot on 127.0.0.1:110 for pop3-dovecot.pcap.

Run by samples/record.sh after alice's INBOX was filled with samples/messages.
Sessions: USER/PASS with every transaction command, a failed PASS, APOP,
AUTH PLAIN (initial response), AUTH PLAIN (continuation), AUTH CRAM-MD5,
and STLS.
"""
import base64
import hashlib
import hmac
import poplib
import ssl
import sys

HOST, PORT = "127.0.0.1", 110
USER, PASSWORD = "alice", "wonderland"


def fail(what, err):
    sys.exit(f"pop3_dovecot: {what}: {err}")


def session_user_pass():
    p = poplib.POP3(HOST, PORT)
    p.capa()                                   # CAPA before login
    p.user(USER)
    p.pass_(PASSWORD)
    p.capa()                                   # CAPA after login (differs)
    count, _size = p.stat()
    if count < 5:
        fail("STAT", f"expected the seeded messages, got {count}")
    p.list()
    p.list(1)
    p.uidl()
    p.uidl(2)
    p.top(1, 5)
    for i in range(1, count + 1):
        p.retr(i)                              # RETR 1 is the dot-stuffed one
    p.dele(2)
    p.dele(3)
    p.list()                                   # deleted messages disappear
    try:
        p.retr(2)                              # -ERR: message is deleted
        fail("RETR deleted", "expected -ERR")
    except poplib.error_proto:
        pass
    p.rset()                                   # undelete everything
    try:
        p.retr(999)                            # -ERR: no such message
        fail("RETR 999", "expected -ERR")
    except poplib.error_proto:
        pass
    p.noop()
    p.quit()


def session_wrong_password():
    p = poplib.POP3(HOST, PORT)
    p.user(USER)
    try:
        p.pass_("not-the-password")
        fail("bad PASS", "expected -ERR")
    except poplib.error_proto:
        pass
    p.quit()


def session_apop():
    p = poplib.POP3(HOST, PORT)
    if b"<" not in p.getwelcome():
        fail("APOP", "greeting has no timestamp: %r" % p.getwelcome())
    p.apop(USER, PASSWORD)
    p.stat()
    p.quit()


def session_auth_plain_initial_response():
    p = poplib.POP3(HOST, PORT)
    token = base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode()
    p._shortcmd(f"AUTH PLAIN {token}")
    p.stat()
    p.quit()


def session_auth_plain_continuation():
    """AUTH PLAIN, then the credentials on their own line after '+ '."""
    p = poplib.POP3(HOST, PORT)
    p._putcmd("AUTH PLAIN")
    line, _ = p._getline()
    if not line.startswith(b"+"):
        fail("AUTH PLAIN", line)
    p._putcmd(base64.b64encode(f"\0{USER}\0{PASSWORD}".encode()).decode())
    resp = p._getresp()
    if not resp.startswith(b"+OK"):
        fail("AUTH PLAIN continuation", resp)
    p.list()
    p.quit()


def session_auth_cram_md5():
    p = poplib.POP3(HOST, PORT)
    p._putcmd("AUTH CRAM-MD5")
    line, _ = p._getline()
    if not line.startswith(b"+ "):
        fail("AUTH CRAM-MD5", line)
    challenge = base64.b64decode(line[2:])
    digest = hmac.new(PASSWORD.encode(), challenge, hashlib.md5).hexdigest()
    p._putcmd(base64.b64encode(f"{USER} {digest}".encode()).decode())
    resp = p._getresp()
    if not resp.startswith(b"+OK"):
        fail("AUTH CRAM-MD5 response", resp)
    p.stat()
    p.quit()


def session_stls():
    p = poplib.POP3(HOST, PORT)
    p.capa()
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE            # self-signed test certificate
    p.stls(context=ctx)
    p.user(USER)
    p.pass_(PASSWORD)
    p.stat()
    p.retr(1)
    p.quit()


def main():
    session_user_pass()
    session_wrong_password()
    session_apop()
    session_auth_plain_initial_response()
    session_auth_plain_continuation()
    session_auth_cram_md5()
    session_stls()


if __name__ == "__main__":
    main()
