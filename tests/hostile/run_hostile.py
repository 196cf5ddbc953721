#!/usr/bin/env python3
"""Runs mailscope-cli over hostile captures and checks that it survives them.

  run_hostile.py --cli PATH [--sanitized] [--results DIR] CASE...   (or --all)
  run_hostile.py --table DIR                                         (print rows)

For each case the capture is generated on the fly by gen_hostile.py into a
FIFO in a temporary directory (nothing is kept), and read twice:
`-r F -V` and `-r F -T fields -e frame.number -e smtp.req.command -e
imap.request.command`. Each run has an address-space limit (ulimit -v) and a
time limit; it must exit with the case's status (0, or 2 for a damaged
file), print no sanitizer report, stay under the peak RSS budget (getrusage
of the child via wait4), and still show the marker session's frame 5 as
EHLO. A row per case (time, peak RSS, what the tree shows) is printed and,
with --results, saved for the table."""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import gen_hostile  # noqa: E402

MiB = 1 << 20
RSS_BUDGET = 256 * MiB
ADDRESS_LIMIT = 2048 * MiB     # ulimit -v for release builds
TIME_LIMIT = 120               # seconds per run
SANITIZER_MARKS = (b"ERROR: AddressSanitizer", b"ERROR: LeakSanitizer", b"runtime error:",
                   b"SUMMARY: UndefinedBehaviorSanitizer")

# What to quote from the -V output for each case (first line containing it).
TREE_PATTERNS = {
    "imap": [b"Literal", b"literal"],
    "bdat": [b"BDAT", b"chunk"],
    "smtp_data": [b"Subject: endless", b"AAAAAAAA\\r\\n"],
    "syn": [b"tcp.max_flows", b"flows", b"[Stream index:"],
    "streams": [b"previous segment", b"missing", b"gap"],
    "tcp": [b"overlap", b"Retransmission", b"Expert Info"],
    "seq": [b"queued after wrap", b"Subject"],
    "retrans": [b"Retransmission", b"retransmission"],
    "ipv4": [b"More fragments: Set", b"Pending fragments dropped"],
    "ipv6": [b"Fragment Header", b"Pending fragments dropped"],
    "teardrop": [b"overlap", b"Fragment"],
    "pcap": [b"EHLO marker.example"],
    "gzip": [b"Data (262144 bytes)", b"Frame 4096", b"Frame 700"],
}
# Expert items every capture has (the marker session's): not worth quoting.
BORING = (b"Connection establish", b"Connection finish", b"Connection reset")
DEFAULT_PATTERNS = [b"limit", b"Expert Info", b"Internet Message Format"]


def patterns_for(case):
    for prefix, pats in TREE_PATTERNS.items():
        if case.startswith(prefix):
            return pats + [b"Expert Info"]
    return DEFAULT_PATTERNS


def run_cli(cli, args, case, small, sanitized, scan):
    """Runs the CLI on a fresh FIFO fed by the generator. Returns (status,
    seconds, peak RSS bytes, stderr bytes, stdout scan result)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        fifo = os.path.join(tmp, case + ".pcap")
        os.mkfifo(fifo)
        errpath = os.path.join(tmp, "stderr")

        def limits():
            if not sanitized:
                resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
            cpu = TIME_LIMIT * (3 if sanitized else 1)  # ASan/UBSan run several times slower
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        gen_cmd = [sys.executable, os.path.join(HERE, "gen_hostile.py"), case, fifo] + (["--small"] if small else [])
        start = time.monotonic()
        with open(errpath, "wb") as err:
            child = subprocess.Popen([cli, "-r", fifo] + args, stdout=subprocess.PIPE, stderr=err,
                                     preexec_fn=limits)
            gen = subprocess.Popen(gen_cmd, stderr=subprocess.DEVNULL)
            killer = threading.Timer(TIME_LIMIT * (4.5 if sanitized else 1.5), lambda: child.kill())
            killer.start()
            scan.feed_from(child.stdout)
            _, wstatus, usage = os.wait4(child.pid, 0)
            child.returncode = 0  # reaped here; keep Popen from waiting again
            killer.cancel()
            elapsed = time.monotonic() - start
            try:
                gen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gen.kill()
                gen.wait()
        with open(errpath, "rb") as fh:
            stderr = fh.read()
        if os.WIFSIGNALED(wstatus):
            status = -os.WTERMSIG(wstatus)
        else:
            status = os.WEXITSTATUS(wstatus)
        return status, elapsed, usage.ru_maxrss * 1024, stderr


class Scan:
    """Reads a child's stdout in big chunks, remembering the first line
    that contains each pattern, and the lines of -T fields output."""

    def __init__(self, patterns, keep_lines=False):
        self.patterns = patterns
        self.found = {}
        self.keep_lines = keep_lines
        self.lines = []
        self.total = 0

    def feed_from(self, pipe):
        carry = b""
        while True:
            chunk = pipe.read(4 * MiB)
            if not chunk:
                break
            self.total += len(chunk)
            data = carry + chunk
            cut = data.rfind(b"\n") + 1
            body, carry = data[:cut], data[cut:]
            if len(carry) > MiB:
                carry = carry[:4096]  # a giant line: its start is enough
            self.look(body)
        self.look(carry)

    def look(self, body):
        for p in self.patterns:
            at = 0
            while p not in self.found:
                at = body.find(p, at)
                if at < 0:
                    break
                s = body.rfind(b"\n", 0, at) + 1
                e = body.find(b"\n", at)
                e = e if e >= 0 else len(body)
                line = body[s:e]
                at = e
                if any(b in line for b in BORING):
                    continue
                self.found[p] = line.strip()[:160].decode("utf-8", "replace")
        if self.keep_lines:
            self.lines.extend(body.split(b"\n"))
            if len(self.lines) > 64:  # only the first frames matter
                self.lines = self.lines[:64]
                self.keep_lines = False


def run_case(cli, case, sanitized):
    _, expect_status, _, what = gen_hostile.CASES[case]
    small = sanitized
    problems = []
    row = {"case": case, "what": what}

    vscan = Scan(patterns_for(case) + [b"EHLO marker.example"])
    st, secs, rss, err = run_cli(cli, ["-V"], case, small, sanitized, vscan)
    row.update(v_status=st, v_secs=round(secs, 2), v_rss_mib=round(rss / MiB, 1), v_out_mib=round(vscan.total / MiB, 1))
    check(problems, "-V", st, expect_status, rss, err, sanitized)
    if b"EHLO marker.example" not in vscan.found:
        problems.append("-V: marker frame 5 (EHLO marker.example) missing from the tree")
    row["tree"] = [v for k, v in vscan.found.items() if k != b"EHLO marker.example"][:3]

    fscan = Scan([], keep_lines=True)
    st, secs, rss, err = run_cli(cli, ["-T", "fields", "-e", "frame.number", "-e", "smtp.req.command",
                                       "-e", "imap.request.command"], case, small, sanitized, fscan)
    row.update(f_status=st, f_secs=round(secs, 2), f_rss_mib=round(rss / MiB, 1))
    check(problems, "-T fields", st, expect_status, rss, err, sanitized)
    if b"5\tEHLO\t" not in fscan.lines:
        problems.append("-T fields: frame 5 is not EHLO: %r" % fscan.lines[4:6])
    if case.startswith("imap") and not any(l.endswith(b"\tNOOP") for l in fscan.lines):
        problems.append("-T fields: the IMAP NOOP before the attack is missing")
    row["problems"] = problems
    return row


def check(problems, mode, status, expect, rss, stderr, sanitized):
    if status != expect:
        problems.append("%s: exit status %d, expected %d; stderr: %s" % (mode, status, expect, stderr[-300:]))
    budget = RSS_BUDGET * (4 if sanitized else 1)
    if rss > budget:
        problems.append("%s: peak RSS %.1f MiB over the %d MiB budget" % (mode, rss / MiB, budget // MiB))
    for mark in SANITIZER_MARKS:
        if mark in stderr:
            problems.append("%s: sanitizer report: %s" % (mode, stderr[stderr.find(mark):][:400]))
            break


def format_row(r):
    tree = " | ".join(r.get("tree", [])) or "-"
    return "%-27s %7.2fs %7.2fs %7.1f %7.1f %4d  %-4s  %s" % (
        r["case"], r["v_secs"], r["f_secs"], max(r["v_rss_mib"], r["f_rss_mib"]), r["v_out_mib"],
        r["v_status"], "ok" if not r["problems"] else "FAIL", tree[:220])


HEADER = "%-27s %8s %8s %7s %7s %4s  %-4s  %s" % ("case", "-V time", "-T time", "RSS MiB", "-V MiB", "exit",
                                                "res", "what the tree shows")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli")
    ap.add_argument("--sanitized", action="store_true")
    ap.add_argument("--results")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--table")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.table:
        rows = []
        for name in sorted(os.listdir(a.table)):
            with open(os.path.join(a.table, name)) as fh:
                rows.append(json.load(fh))
        print(HEADER)
        for r in rows:
            print(format_row(r))
        failed = [r["case"] for r in rows if r["problems"]]
        print("%d passed, %d failed" % (len(rows) - len(failed), len(failed)))
        return 1 if failed else 0
    cases = list(gen_hostile.CASES) if a.all else a.cases
    failed = 0
    print(HEADER)
    for case in cases:
        r = run_case(a.cli, case, a.sanitized)
        print(format_row(r), flush=True)
        for p in r["problems"]:
            print("    problem: " + p)
        failed += bool(r["problems"])
        if a.results:
            os.makedirs(a.results, exist_ok=True)
            with open(os.path.join(a.results, case + ".json"), "w") as fh:
                json.dump(r, fh)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
