#!/usr/bin/env bash
# Starts the real mailscope GUI under Xvfb on a sample capture and saves
# screenshots of the main window, the Messages panel and Follow TCP Stream
# in this folder. Needs xvfb (xvfb-run) and a built build/ui/mailscope.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${MAILSCOPE_GUI:-$root/build/ui/mailscope}"
capture="${1:-$root/samples/smtp-postfix.pcap}"
xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" --screenshot "$here" "$capture"
ls -l "$here"/*.png
