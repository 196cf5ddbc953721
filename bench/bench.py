#!/usr/bin/env python3
"""Side-by-side benchmarks of mailscope-cli and tshark on the shared bench captures.

Builds the capture with ../shared/bench/make-bigcap.py when missing (never
committed), then runs each command of the chosen suite in one go and prints
wall time, MB/s, packets/s and peak RSS for each, with the ratio to tshark.

    bench/bench.py --size 100M                 # foundation: read floor, conv,tcp
    bench/bench.py --size 100M --suite fields  # -T fields of the mail fields
    bench/bench.py --size 1G --skip-tshark     # memory check on the 1 GiB file
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")

SUITES = {
    "conv": [
        ("libpcap floor (pcapread)", ["{pcapread}", "{cap}"]),
        ("tshark -q -z conv,tcp", ["tshark", "-r", "{cap}", "-n", "-q", "-z", "conv,tcp"]),
        ("mailscope-cli -q -z conv,tcp", ["{cli}", "-r", "{cap}", "-n", "-q", "-z", "conv,tcp"]),
    ],
    "fields": [
        ("tshark -T fields (smtp)", ["tshark", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                     "-e", "smtp.req.command", "-e", "smtp.response.code", "-e", "smtp.req.parameter"]),
        ("mailscope-cli -T fields (smtp)", ["{cli}", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                            "-e", "smtp.req.command", "-e", "smtp.response.code", "-e", "smtp.req.parameter"]),
    ],
    "filter": [
        ("tshark -Y (RCPT or FETCH)", ["tshark", "-r", "{cap}", "-n", "-Y",
                                       'smtp.req.command == "RCPT" || imap.request.command == "FETCH"']),
        ("mailscope-cli -Y (RCPT or FETCH)", ["{cli}", "-r", "{cap}", "-n", "-Y",
                                              'smtp.req.command == "RCPT" || imap.request.command == "FETCH"']),
    ],
    "pop": [
        ("tshark -T fields (pop)", ["tshark", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                    "-e", "pop.request.command", "-e", "pop.response.indicator", "-e", "pop.request.parameter"]),
        ("mailscope-cli -T fields (pop)", ["{cli}", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                           "-e", "pop.request.command", "-e", "pop.response.indicator", "-e", "pop.request.parameter"]),
    ],
    "imap": [
        ("tshark -T fields (imap)", ["tshark", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                     "-e", "imap.request_tag", "-e", "imap.request.command", "-e", "imap.response.status"]),
        ("mailscope-cli -T fields (imap)", ["{cli}", "-r", "{cap}", "-n", "-T", "fields", "-e", "frame.number",
                                            "-e", "imap.request_tag", "-e", "imap.request.command", "-e", "imap.response.status"]),
    ],
    "export": [
        ("tshark --export-objects imf", ["tshark", "-r", "{cap}", "-n", "-q", "--export-objects", "imf,{tmp}/tshark-imf"]),
        ("mailscope-cli --export-objects imf", ["{cli}", "-r", "{cap}", "-n", "-q", "--export-objects", "imf,{tmp}/ms-imf"]),
    ],
    "ek": [
        ("tshark -T ek -e (mail fields)", ["tshark", "-r", "{cap}", "-n", "-T", "ek", "-e", "frame.number",
                                           "-e", "smtp.req.command", "-e", "smtp.response.code", "-e", "pop.request.command",
                                           "-e", "imap.request", "-e", "imf.from", "-e", "imf.subject"]),
        ("mailscope-cli -T ek -e (mail fields)", ["{cli}", "-r", "{cap}", "-n", "-T", "ek", "-e", "frame.number",
                                                  "-e", "smtp.req.command", "-e", "smtp.response.code", "-e", "pop.request.command",
                                                  "-e", "imap.request", "-e", "imf.from", "-e", "imf.subject"]),
    ],
    "summary": [
        ("tshark -n (summary)", ["tshark", "-r", "{cap}", "-n"]),
        ("mailscope-cli -n (summary)", ["{cli}", "-r", "{cap}", "-n"]),
    ],
}


def run(cmd):
    start = time.monotonic()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def export_dirs(cmd):
    """The folders named by --export-objects KIND,DIR in a command."""
    return [a.split(",", 1)[1] for prev, a in zip(cmd, cmd[1:]) if prev == "--export-objects" and "," in a]


def packets_in(cap):
    manifest = cap + ".manifest.json"
    if os.path.exists(manifest):
        import json
        with open(manifest) as f:
            m = json.load(f)
        for key in ("packets", "total_packets", "frames"):
            if key in m:
                return int(m[key])
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="100M")
    ap.add_argument("--suite", default="conv", choices=sorted(SUITES))
    ap.add_argument("--skip-tshark", action="store_true")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "mailscope-cli"))
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each command N times, alternating, and report each one's fastest run "
                         "(a shared machine only ever adds time; the minimum is the cost)")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    cap = os.path.join(args.workdir, f"email-{args.size.lower()}.pcap")
    if not os.path.exists(cap):
        subprocess.check_call([sys.executable, os.path.join(SHARED, "make-bigcap.py"), "--target-bytes", args.size,
                               "--seed", "1", "--concurrency", "1000", "-o", cap])
    pcapread = os.path.join(args.workdir, "pcapread")
    if not os.path.exists(pcapread):
        subprocess.check_call(["cc", "-O2", "-o", pcapread, os.path.join(SHARED, "pcapread.c"), "-lpcap"])
    size = os.path.getsize(cap)
    packets = packets_in(cap)
    if packets is None:
        out = subprocess.run([args.cli, "-r", cap, "-n", "-T", "fields", "-e", "frame.number"],
                             capture_output=True, text=True).stdout
        packets = out.count("\n")
    # Warm the page cache so every command reads from memory.
    subprocess.run(["cat", cap], stdout=subprocess.DEVNULL)
    print(f"capture: {cap} ({size / 1e6:.1f} MB, {packets} packets)")
    print(f"{'command':38} {'wall s':>8} {'MB/s':>9} {'Mpkt/s':>8} {'peak RSS MiB':>13} {'exit':>5}")
    results = {}
    best = {}
    suite = [(name, tmpl) for name, tmpl in SUITES[args.suite] if not (args.skip_tshark and tmpl[0] == "tshark")]
    for _ in range(max(1, args.repeat)):
        for name, tmpl in suite:
            cmd = [t.format(cap=cap, cli=args.cli, pcapread=pcapread, tmp=args.workdir) for t in tmpl]
            for folder in export_dirs(cmd):  # every run exports into an empty folder
                shutil.rmtree(folder, ignore_errors=True)
            wall, rss, code = run(cmd)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, max(rss, best.get(name, (0, 0, 0))[1]), code or best.get(name, (0, 0, 0))[2])
            else:
                best[name] = (best[name][0], max(rss, best[name][1]), code or best[name][2])
    for name, tmpl in suite:
        wall, rss, code = best[name]
        results[name] = wall
        print(f"{name:38} {wall:8.3f} {size / 1e6 / wall:9.1f} {packets / 1e6 / wall:8.3f} {rss:13.1f} {code:5d}")
        cmd = [t.format(cap=cap, cli=args.cli, pcapread=pcapread, tmp=args.workdir) for t in tmpl]
        for folder in export_dirs(cmd):
            print(f"{'':38} {len(os.listdir(folder)) if os.path.isdir(folder) else 0} files in {folder}")
    names = list(results)
    tshark = [n for n in names if n.startswith("tshark")]
    ours = [n for n in names if n.startswith("mailscope")]
    floor = [n for n in names if n.startswith("libpcap")]
    if tshark and ours:
        print(f"mailscope is {results[tshark[0]] / results[ours[0]]:.1f}x faster than tshark")
    if floor and ours:
        print(f"mailscope runs at {100 * results[floor[0]] / results[ours[0]]:.0f}% of the libpcap floor's MB/s")


if __name__ == "__main__":
    main()
