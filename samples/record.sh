#!/usr/bin/env bash
# Record mailscope's own sample captures from REAL servers and clients on loopback.
#
# Usage (Debian 12, as root):
#     sudo bash samples/record.sh            # regenerates every samples/*.pcap
#     sudo bash samples/record.sh imap       # only captures whose name contains "imap"
#
# What it does, step by step:
#   1. installs postfix, dovecot (imapd, pop3d), swaks, tcpdump, python3, openssl
#      (postfix preseeded to "No configuration": this script writes its config);
#   2. configures postfix on 127.0.0.1:25 and :587 (SASL through dovecot, STARTTLS
#      with a self-signed certificate, VRFY on, virtual mailboxes alice/bob/carol
#      under example.test, unknown users rejected with 550);
#   3. configures a private dovecot instance (its own config file and base_dir) for
#      IMAP 143 and POP3 110 with plaintext passwords (APOP, CRAM-MD5 work),
#      STARTTLS/STLS and COMPRESS=DEFLATE;
#   4. for every scenario: refills alice's mailbox from samples/messages/*.eml,
#      starts tcpdump on lo, runs the client script from samples/scenarios/,
#      stops tcpdump. Each scenario becomes one small capture in samples/.
#
# Idempotent: config files are rewritten, services restarted, mailboxes reset,
# captures overwritten; both servers are stopped at the end (KEEP_SERVERS=1 keeps
# them). The credentials are fake and only valid on this loopback
# setup: alice/wonderland, bob/builder, carol/christmas.
# Nothing listens outside 127.0.0.1; postfix never relays off the machine
# (default_transport = error).
set -euo pipefail

SAMPLES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ONLY="${1:-}"
CONF_DIR=/etc/mailscope-samples          # our dovecot config, passwords, certificate
VMAIL_DIR=/var/vmail                     # maildirs: $VMAIL_DIR/example.test/<user>/Maildir
DOVECOT_CONF="$CONF_DIR/dovecot.conf"
PY=/usr/bin/python3                      # Debian's python, not a pyenv shim
MAIL_DOMAIN=example.test
CAPTURE_FILTER='tcp port 25 or tcp port 587 or tcp port 110 or tcp port 143'

log() { printf '\n=== %s\n' "$*"; }

if [[ $EUID -ne 0 ]]; then
    echo "record.sh must run as root (it installs packages and starts servers)" >&2
    exit 1
fi

# ---------------------------------------------------------------- 1. packages
install_packages() {
    local pkgs=(postfix dovecot-core dovecot-imapd dovecot-pop3d swaks tcpdump
                python3 openssl libnet-ssleay-perl libio-socket-ssl-perl tshark)
    local missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        log "packages already installed"
        return
    fi
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Postfix asks what kind of site it is; we write main.cf ourselves.
    debconf-set-selections <<'EOF'
postfix postfix/main_mailer_type select No configuration
postfix postfix/mailname string mail.example.test
wireshark-common wireshark-common/install-setuid boolean false
EOF
    # Another session may hold the dpkg lock: wait for it instead of failing.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
}

# ------------------------------------------------------- shared setup pieces
make_accounts_and_cert() {
    getent group vmail >/dev/null || groupadd --gid 5000 vmail
    getent passwd vmail >/dev/null \
        || useradd --uid 5000 --gid vmail --no-create-home --home-dir "$VMAIL_DIR" \
                   --shell /usr/sbin/nologin vmail
    install -d -m 0755 "$CONF_DIR"
    install -d -o vmail -g vmail -m 0770 "$VMAIL_DIR"
    if [[ ! -s $CONF_DIR/cert.pem || ! -s $CONF_DIR/key.pem ]]; then
        log "creating self-signed certificate for mail.$MAIL_DOMAIN"
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
            -subj "/CN=mail.$MAIL_DOMAIN" \
            -keyout "$CONF_DIR/key.pem" -out "$CONF_DIR/cert.pem" 2>/dev/null
    fi
    chmod 0644 "$CONF_DIR/cert.pem"
    chmod 0600 "$CONF_DIR/key.pem"
    # passwd-file with PLAIN scheme: APOP and CRAM-MD5 need the cleartext secret.
    cat > "$CONF_DIR/users.passwd" <<EOF
alice@$MAIL_DOMAIN:{PLAIN}wonderland::::::
bob@$MAIL_DOMAIN:{PLAIN}builder::::::
carol@$MAIL_DOMAIN:{PLAIN}christmas::::::
EOF
    chown root:dovecot "$CONF_DIR/users.passwd"
    chmod 0640 "$CONF_DIR/users.passwd"
}

# ---------------------------------------------------------------- 2. postfix
configure_postfix() {
    log "configuring postfix"
    cat > /etc/postfix/main.cf <<EOF
# Written by mailscope samples/record.sh -- loopback-only test MTA.
compatibility_level = 3.6
myhostname = mail.$MAIL_DOMAIN
mydomain = $MAIL_DOMAIN
myorigin = \$mydomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
# 127.0.0.1 is deliberately NOT trusted, so relaying needs SASL.
mynetworks = 127.0.0.2/32
alias_maps =
alias_database =
maillog_file = /var/log/postfix-mailscope.log
smtpd_banner = \$myhostname ESMTP Postfix (mailscope samples)
# No mail ever leaves this machine.
default_transport = error:outbound mail disabled on this test host
relay_transport = error:outbound mail disabled on this test host
# Extensions we want on the wire: keep the default EHLO list (PIPELINING,
# SIZE, VRFY, ETRN, STARTTLS, ENHANCEDSTATUSCODES, 8BITMIME, DSN, SMTPUTF8,
# CHUNKING) -- smtpd_discard_ehlo_keywords is left at its empty default.
disable_vrfy_command = no
smtputf8_enable = yes
message_size_limit = 10240000
# Virtual mailboxes, laid out where dovecot reads them.
virtual_mailbox_domains = $MAIL_DOMAIN
virtual_mailbox_base = $VMAIL_DIR
virtual_mailbox_maps = texthash:/etc/postfix/vmailbox
virtual_uid_maps = static:5000
virtual_gid_maps = static:5000
virtual_transport = virtual
smtpd_reject_unlisted_recipient = yes
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
# STARTTLS with the self-signed certificate.
smtpd_tls_cert_file = $CONF_DIR/cert.pem
smtpd_tls_key_file = $CONF_DIR/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
# SASL through dovecot's auth socket (only enabled on submission, see master.cf).
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = no
# Avoid DNS: everything is local.
smtp_dns_support_level = disabled
EOF
    cat > /etc/postfix/vmailbox <<EOF
alice@$MAIL_DOMAIN $MAIL_DOMAIN/alice/Maildir/
bob@$MAIL_DOMAIN $MAIL_DOMAIN/bob/Maildir/
carol@$MAIL_DOMAIN $MAIL_DOMAIN/carol/Maildir/
EOF
    # Our own master.cf: no chroot (nothing to copy into the jail in a container),
    # smtpd on 25 and a submission service on 587 with SASL.
    cat > /etc/postfix/master.cf <<'EOF'
# Written by mailscope samples/record.sh
# service type  private unpriv  chroot  wakeup  maxproc command + args
smtp       inet  n       -       n       -       -       smtpd
submission inet  n       -       n       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_security_level=may
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
tlsmgr     unix  -       -       n       1000?   1       tlsmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
proxywrite unix  -       -       n       -       1       proxymap
smtp       unix  -       -       n       -       -       smtp
relay      unix  -       -       n       -       -       smtp
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
local      unix  -       n       n       -       -       local
virtual    unix  -       n       n       -       -       virtual
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF
    postfix check
}

# ---------------------------------------------------------------- 3. dovecot
configure_dovecot() {
    log "configuring dovecot ($DOVECOT_CONF)"
    local dh_line=""
    [[ -r /usr/share/dovecot/dh.pem ]] && dh_line="ssl_dh = </usr/share/dovecot/dh.pem"
    cat > "$DOVECOT_CONF" <<EOF
# Written by mailscope samples/record.sh -- a private, loopback-only dovecot.
# Run with: dovecot -c $DOVECOT_CONF
base_dir = /run/mailscope-dovecot
instance_name = mailscope-dovecot
protocols = imap pop3
listen = 127.0.0.1
hostname = mail.$MAIL_DOMAIN
log_path = /var/log/dovecot-mailscope.log
login_greeting = Dovecot ready (mailscope samples).

ssl = yes
ssl_cert = <$CONF_DIR/cert.pem
ssl_key = <$CONF_DIR/key.pem
$dh_line

# Cleartext logins are the point of these captures.
disable_plaintext_auth = no
auth_mechanisms = plain login apop cram-md5
auth_default_realm = $MAIL_DOMAIN
# Keep the -ERR/NO case quick.
auth_failure_delay = 0

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $CONF_DIR/users.passwd
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$VMAIL_DIR/%d/%n
}
mail_location = maildir:~/Maildir
first_valid_uid = 5000

namespace inbox {
  inbox = yes
  separator = /
}

protocol imap {
  mail_plugins = \$mail_plugins imap_zlib
}
protocol pop3 {
  pop3_uidl_format = %08Xu%08Xv
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 143
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = 110
  }
  inet_listener pop3s {
    port = 0
  }
}
# postfix authenticates SMTP AUTH clients through this socket.
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
    doveconf -c "$DOVECOT_CONF" -n >/dev/null
}

# ------------------------------------------------------------ service control
wait_for_port() {
    local port=$1 i
    for i in $(seq 1 50); do
        ss -ltn "sport = :$port" | grep -q LISTEN && return 0
        sleep 0.2
    done
    echo "nothing listening on port $port" >&2
    return 1
}

restart_services() {
    log "restarting dovecot and postfix"
    if [[ -e /run/mailscope-dovecot/master.pid ]] \
       && kill -0 "$(cat /run/mailscope-dovecot/master.pid)" 2>/dev/null; then
        doveadm -c "$DOVECOT_CONF" stop || true
        sleep 1
    fi
    install -d -m 0755 /var/spool/postfix/private
    dovecot -c "$DOVECOT_CONF"
    if postfix status >/dev/null 2>&1; then
        postfix stop
        sleep 1
    fi
    postfix start
    for port in 25 587 110 143; do wait_for_port "$port"; done
}

# Leaves nothing listening on 25/587/110/143 once the captures are made;
# KEEP_SERVERS=1 keeps both servers up for poking at them by hand.
stop_services() {
    [[ ${KEEP_SERVERS:-0} == 1 ]] && { log "servers left running (KEEP_SERVERS=1)"; return; }
    log "stopping dovecot and postfix"
    doveadm -c "$DOVECOT_CONF" stop || true
    postfix stop || true
}

# Empties one user's maildir (and dovecot's index files in it).
reset_mailbox() {
    local user=$1
    rm -rf "${VMAIL_DIR:?}/$MAIL_DOMAIN/$user"
    install -d -o vmail -g vmail -m 0700 "$VMAIL_DIR/$MAIL_DOMAIN/$user"
}

# Refills alice's INBOX with the fixture messages, in file order, so UIDs 1..N
# are stable from run to run. doveadm save writes through dovecot itself.
seed_alice() {
    reset_mailbox alice
    local msg
    for msg in "$SAMPLES_DIR"/messages/*.eml; do
        doveadm -c "$DOVECOT_CONF" save -u "alice@$MAIL_DOMAIN" -m INBOX < "$msg"
    done
}

# ------------------------------------------------------------ 4. captures
TCPDUMP_PID=""
start_capture() {
    local out=$1
    rm -f "$out"
    # -B 65536: a 64 MiB kernel buffer, so bursts on loopback (64 KiB MTU)
    # are never dropped. Not --immediate-mode: libpcap then uses one
    # snaplen-sized (256 KiB) slot per packet and drops after a few packets.
    tcpdump -i lo -w "$out" -U -s 0 -B 65536 -n "$CAPTURE_FILTER" \
        2>"$out.tcpdump.log" &
    TCPDUMP_PID=$!
    # tcpdump prints "listening on lo" once the filter is installed.
    local i
    for i in $(seq 1 50); do
        grep -q 'listening on' "$out.tcpdump.log" 2>/dev/null && break
        sleep 0.1
    done
    sleep 0.3
}
stop_capture() {
    local out=$1
    # The kernel hands packets to tcpdump in blocks retired after at most
    # 1 s; packets still in an unretired block at SIGINT would be lost.
    sleep 2
    kill -INT "$TCPDUMP_PID"
    wait "$TCPDUMP_PID" || true
    TCPDUMP_PID=""
    tail -n 3 "$out.tcpdump.log"
    local dropped
    dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel$/\1/p' "$out.tcpdump.log")
    rm -f "$out.tcpdump.log"
    chown --reference="$SAMPLES_DIR" "$out"     # tcpdump leaves it to its own user
    if [[ ${dropped:-0} != 0 ]]; then
        echo "tcpdump dropped $dropped packets: $out is incomplete" >&2
        exit 1
    fi
}
cleanup_on_exit() {
    [[ -n $TCPDUMP_PID ]] && kill -INT "$TCPDUMP_PID" 2>/dev/null || true
}
trap cleanup_on_exit EXIT

wanted() { [[ -z $ONLY || $1 == *"$ONLY"* ]]; }

# record NAME PREPARE SCENARIO: PREPARE runs before tcpdump starts (not captured).
record() {
    local name=$1 prepare=$2 scenario=$3
    wanted "$name" || return 0
    log "recording $name.pcap"
    "$prepare"
    start_capture "$SAMPLES_DIR/$name.pcap"
    "$scenario"
    stop_capture "$SAMPLES_DIR/$name.pcap"
}
nothing_to_prepare() { :; }

scenario_smtp_postfix() {
    "$PY" "$SAMPLES_DIR/scenarios/smtp_postfix.py" "$SAMPLES_DIR/messages"
    # swaks: PIPELINING (MAIL/RCPT/DATA sent in one write) and a swaks-built
    # attachment, with a dot-stuffed body line.
    swaks --server 127.0.0.1 --port 25 --helo swaks.client.test \
          --from carol@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --pipeline --header 'Subject: swaks pipelined message' \
          --body $'Sent with swaks --pipeline.\n.line starting with a dot\n.\nbye' \
          --attach-type text/plain --attach-name notes.txt \
          --attach @"$SAMPLES_DIR/messages/01-dot-stuffed.eml" \
          --no-hints
}

scenario_smtp_submission_auth() {
    swaks --server 127.0.0.1 --port 587 --helo submit.client.test \
          --auth PLAIN --auth-user alice --auth-password wonderland \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --header 'Subject: submitted with AUTH PLAIN' \
          --body 'Hello Bob, sent through submission with AUTH PLAIN.' --no-hints
    swaks --server 127.0.0.1 --port 587 --helo submit.client.test \
          --auth LOGIN --auth-user alice --auth-password wonderland \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --header 'Subject: submitted with AUTH LOGIN' \
          --body 'Hello Bob, sent through submission with AUTH LOGIN.' --no-hints
    swaks --server 127.0.0.1 --port 587 --helo submit.client.test \
          --auth CRAM-MD5 --auth-user alice --auth-password wonderland \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --header 'Subject: submitted with AUTH CRAM-MD5' \
          --body 'Hello Bob, sent through submission with AUTH CRAM-MD5.' --no-hints
    # Wrong password: 535 5.7.8, swaks gives up (non-zero exit is expected).
    swaks --server 127.0.0.1 --port 587 --helo submit.client.test \
          --auth PLAIN --auth-user alice --auth-password not-the-password \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN --no-hints || true
    # No AUTH at all on submission: RCPT is refused (554 5.7.1).
    swaks --server 127.0.0.1 --port 587 --helo submit.client.test \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN --no-hints || true
}

scenario_smtp_starttls() {
    swaks --server 127.0.0.1 --port 25 --helo tls.client.test --tls \
          --from carol@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --header 'Subject: over STARTTLS' --body 'Encrypted after STARTTLS.' --no-hints
    swaks --server 127.0.0.1 --port 587 --helo tls.client.test --tls \
          --auth PLAIN --auth-user alice --auth-password wonderland \
          --from alice@$MAIL_DOMAIN --to bob@$MAIL_DOMAIN \
          --header 'Subject: submission over STARTTLS' --body 'AUTH inside TLS.' --no-hints
}

scenario_pop3_dovecot() {
    "$PY" "$SAMPLES_DIR/scenarios/pop3_dovecot.py"
}

scenario_imap_dovecot() {
    "$PY" "$SAMPLES_DIR/scenarios/imap_dovecot.py"
}

# ------------------------------------------------------------------- main
install_packages
make_accounts_and_cert
configure_postfix
configure_dovecot
restart_services
for u in alice bob carol; do reset_mailbox "$u"; done

record smtp-postfix          nothing_to_prepare scenario_smtp_postfix
record smtp-submission-auth  nothing_to_prepare scenario_smtp_submission_auth
record smtp-starttls         nothing_to_prepare scenario_smtp_starttls
record pop3-dovecot          seed_alice         scenario_pop3_dovecot
record imap-dovecot          seed_alice         scenario_imap_dovecot

stop_services
log "done"
for f in "$SAMPLES_DIR"/*.pcap; do
    printf '%-28s %8d bytes %5s frames\n' "$(basename "$f")" "$(stat -c %s "$f")" \
        "$(tshark -r "$f" -n 2>/dev/null | wc -l)"
done
