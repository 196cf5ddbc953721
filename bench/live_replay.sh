#!/usr/bin/env bash
# Live capture under load: mailscope-cli captures on lo (through
# mailscope-capture) and dissects SMTP while tcpreplay sends the 100 MiB
# benchmark capture at full speed; prints what tcpreplay sent and what
# libpcap reports as received and dropped. Needs root (or the helper's
# capabilities) and tcpreplay/tcprewrite.
#
#   bench/live_replay.sh [DURATION_SECONDS]
#
# The replayed file is the benchmark capture with every address rewritten
# into 127.0.0.0/8 (IPv6 frames left out: they have no loopback range), so
# nothing addressed elsewhere is ever sent. It is made once under build/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
work=build/bench
cli=build/app/mailscope-cli
mkdir -p "$work"
src=$work/email-100m.pcap
if [ ! -f "$src" ]; then
    python3 ../shared/bench/make-bigcap.py --target-bytes 100M --seed 1 --concurrency 1000 -o "$src"
fi
lo=$work/email-100m-lo4.pcap
if [ ! -f "$lo" ]; then
    "$cli" -r "$src" -Y ip -F pcap -w "$work/email-100m-ip4.pcap"
    tcprewrite --infile="$work/email-100m-ip4.pcap" --outfile="$lo" --pnat=0.0.0.0/0:127.0.0.0/8 \
        --enet-smac=00:00:00:00:00:00 --enet-dmac=00:00:00:00:00:00 --fixcsum
    rm -f "$work/email-100m-ip4.pcap"
fi
out=$work/live-out.txt
err=$work/live-err.txt
"$cli" -i lo -f tcp -a "duration:$duration" -n -T fields -e frame.number -e smtp.req.command \
    -e smtp.response.code >"$out" 2>"$err" &
pid=$!
sleep 2
tcpreplay -i lo --topspeed "$lo" 2>&1 | grep -E "Actual|Rated|Failed"
wait "$pid"
echo "mailscope-cli printed $(wc -l <"$out") frames, $(awk -F'\t' '$2!=""' "$out" | wc -l) with an SMTP command"
grep -E "Packets" "$err"
