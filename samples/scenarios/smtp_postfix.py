#!/usr/bin/python3
"""SMTP client sessions against postfix on 127.0.0.1:25 for smtp-postfix.pcap.

Usage: smtp_postfix.py MESSAGES_DIR
Run by samples/record.sh while tcpdump is capturing; every reply is checked so a
misconfigured server makes the recording fail loudly instead of silently
producing a capture without the wanted exchange.
"""
import pathlib
import smtplib
import sys

HOST, PORT = "127.0.0.1", 25
DOMAIN = "example.test"


def expect(reply, codes, what):
    code, text = reply
    if code not in codes:
        sys.exit(f"smtp_postfix: {what}: expected {codes}, got {code} {text!r}")
    return reply


def crlf(data: bytes) -> bytes:
    """Fixture files are stored with LF; SMTP wants CRLF."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def session_commands_and_dot_stuffing(messages):
    """EHLO, HELP, VRFY, EXPN, NOOP, RSET, a 550 recipient, then DATA with DSN
    parameters and a body that needs dot-stuffing (smtplib stuffs it)."""
    s = smtplib.SMTP(HOST, PORT, local_hostname="client.example.test")
    expect(s.ehlo(), {250}, "EHLO")
    expect(s.docmd("HELP"), {214, 500, 502}, "HELP")
    expect(s.verify(f"alice@{DOMAIN}"), {250, 252}, "VRFY alice")
    expect(s.verify(f"nobody@{DOMAIN}"), {550}, "VRFY nobody")
    expect(s.expn("staff"), {500, 502, 550}, "EXPN")
    expect(s.noop(), {250}, "NOOP")
    expect(s.mail(f"carol@{DOMAIN}", ["RET=HDRS", "ENVID=mailscope-0001"]), {250}, "MAIL")
    expect(s.rcpt(f"nobody@{DOMAIN}"), {550}, "RCPT unknown user")
    expect(s.rset(), {250}, "RSET")
    expect(s.mail(f"carol@{DOMAIN}", ["RET=HDRS", "ENVID=mailscope-0001"]), {250}, "MAIL")
    expect(s.rcpt(f"nobody@{DOMAIN}"), {550}, "RCPT unknown user")
    expect(s.rcpt(f"bob@{DOMAIN}", ["NOTIFY=SUCCESS,FAILURE", f"ORCPT=rfc822;bob@{DOMAIN}"]),
           {250}, "RCPT bob")
    expect(s.rcpt(f"alice@{DOMAIN}"), {250}, "RCPT alice")
    # Relaying to a foreign domain from an untrusted, unauthenticated client.
    expect(s.rcpt("someone@elsewhere.invalid"), {454, 554}, "RCPT relay denied")
    expect(s.data(crlf((messages / "01-dot-stuffed.eml").read_bytes())), {250}, "DATA")
    expect(s.docmd("QUIT"), {221}, "QUIT")
    s.close()


def session_mime_messages(messages):
    """One connection, several transactions: attachment, alternative with
    encoded-word subjects, forwarded message/rfc822, protocol look-alike lines,
    and a nested multipart with 8-bit UTF-8 text sent with BODY=8BITMIME."""
    s = smtplib.SMTP(HOST, PORT, local_hostname="client.example.test")
    plan = [
        ("02-attachment.eml", f"bob@{DOMAIN}", [f"alice@{DOMAIN}"], []),
        ("03-alternative-encoded-subject.eml", f"carol@{DOMAIN}", [f"alice@{DOMAIN}"], []),
        ("04-forward-rfc822.eml", f"alice@{DOMAIN}", [f"bob@{DOMAIN}"], []),
        ("05-protocol-lookalikes.eml", f"carol@{DOMAIN}", [f"alice@{DOMAIN}"], []),
        ("06-nested-multipart-charsets.eml", f"carol@{DOMAIN}",
         [f"alice@{DOMAIN}", f"bob@{DOMAIN}"], ["BODY=8BITMIME", "SMTPUTF8"]),
    ]
    for name, sender, rcpts, opts in plan:
        refused = s.sendmail(sender, rcpts, crlf((messages / name).read_bytes()), mail_options=opts)
        if refused:
            sys.exit(f"smtp_postfix: {name}: refused {refused}")
        expect(s.noop(), {250}, "NOOP between transactions")
    s.quit()


def send_bdat(s, chunk: bytes, last: bool):
    """BDAT is not in smtplib: write the command and the raw chunk ourselves.
    The chunk is sent with no dot-stuffing, as RFC 3030 requires."""
    cmd = f"BDAT {len(chunk)}{' LAST' if last else ''}\r\n".encode()
    s.sock.sendall(cmd + chunk)
    return s.getreply()


def session_bdat(messages):
    """CHUNKING: one message in two chunks and an empty BDAT 0 LAST, then a
    second message in a single BDAT ... LAST. The body contains lines that
    start with '.', which must NOT be stuffed inside BDAT."""
    s = smtplib.SMTP(HOST, PORT, local_hostname="bdat.client.test")
    expect(s.ehlo(), {250}, "EHLO")
    if not s.has_extn("chunking"):
        sys.exit("smtp_postfix: server does not advertise CHUNKING")
    body = crlf((messages / "01-dot-stuffed.eml").read_bytes())
    expect(s.mail(f"carol@{DOMAIN}"), {250}, "MAIL")
    expect(s.rcpt(f"bob@{DOMAIN}"), {250}, "RCPT bob")
    half = body.index(b"\r\n", len(body) // 2) + 2  # split on a line boundary
    expect(send_bdat(s, body[:120], last=False), {250}, "BDAT chunk 1")
    expect(send_bdat(s, body[120:half], last=False), {250}, "BDAT chunk 2")
    expect(send_bdat(s, body[half:], last=False), {250}, "BDAT chunk 3")
    expect(send_bdat(s, b"", last=True), {250}, "BDAT 0 LAST")

    expect(s.mail(f"carol@{DOMAIN}"), {250}, "MAIL")
    expect(s.rcpt(f"alice@{DOMAIN}"), {250}, "RCPT alice")
    single = crlf((messages / "05-protocol-lookalikes.eml").read_bytes())
    expect(send_bdat(s, single, last=True), {250}, "BDAT LAST single chunk")
    expect(s.docmd("QUIT"), {221}, "QUIT")
    s.close()


def session_helo_and_errors():
    """Old-style HELO, a command out of sequence (503), an unknown command
    (502) and a syntax error (501)."""
    s = smtplib.SMTP(HOST, PORT, local_hostname="helo.client.test")
    expect(s.helo(), {250}, "HELO")
    expect(s.docmd("RCPT", f"TO:<bob@{DOMAIN}>"), {503}, "RCPT before MAIL")
    expect(s.docmd("FROB"), {500, 502}, "unknown command")
    expect(s.docmd("MAIL", f"TO:<carol@{DOMAIN}>"), {501}, "MAIL syntax error")
    expect(s.mail(f"carol@{DOMAIN}"), {250}, "MAIL")
    expect(s.rcpt(f"alice@{DOMAIN}"), {250}, "RCPT alice")
    msg = (b"From: carol@example.test\r\nTo: alice@example.test\r\n"
           b"Subject: after HELO\r\nMessage-ID: <helo.0007@example.test>\r\n\r\n"
           b"Sent after HELO (no ESMTP).\r\n")
    expect(s.data(msg), {250}, "DATA after HELO")
    expect(s.docmd("QUIT"), {221}, "QUIT")
    s.close()


def main():
    messages = pathlib.Path(sys.argv[1])
    session_commands_and_dot_stuffing(messages)
    session_mime_messages(messages)
    session_bdat(messages)
    session_helo_and_errors()


if __name__ == "__main__":
    main()
