#!/usr/bin/env bash
# Builds every libFuzzer target with clang (ASan + UBSan) in build-fuzz/,
# makes seed corpora there from the shared captures and the samples, runs
# each target for SECONDS, then replays tests/fuzz-regressions/<target>/*.
# Exits non-zero when any target crashed, hung, leaked or failed a replay.
#
#   fuzz/build-and-run.sh [SECONDS] [TARGET...]     (default 60 s, all targets)
#
# Builds take /tmp/ms-build.lock, as every build on the shared machine does.
set -uo pipefail

secs=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAILSCOPE_FUZZ_BUILD:-$root/build-fuzz}
lock=/tmp/ms-build.lock
all_targets=(fuzz_capture_reader fuzz_link_ip_tcp fuzz_smtp fuzz_pop3 fuzz_imap fuzz_imf
             fuzz_display_filter fuzz_pipeline_verbose)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# Largest input each target is given: captures need room for several
# frames, a filter is a line of text.
max_len() {
    case $1 in
        fuzz_capture_reader|fuzz_link_ip_tcp) echo 65536 ;;
        fuzz_pipeline_verbose) echo 131072 ;;
        fuzz_smtp|fuzz_pop3|fuzz_imap) echo 16384 ;;
        fuzz_imf) echo 32768 ;;
        fuzz_display_filter) echo 512 ;;
    esac
}
dict_of() {
    case $1 in
        fuzz_smtp) echo smtp ;; fuzz_pop3) echo pop3 ;; fuzz_imap) echo imap ;;
        fuzz_imf) echo imf ;; fuzz_display_filter) echo filter ;;
        fuzz_capture_reader|fuzz_pipeline_verbose|fuzz_link_ip_tcp) echo capture ;;
    esac
}

# MAILSCOPE_FUZZ_NO_BUILD=1 runs what is already built (e.g. while a header
# change would make the build long).
if [ -n "${MAILSCOPE_FUZZ_NO_BUILD:-}" ]; then
    :
elif [ ! -f "$build/CMakeCache.txt" ]; then
    flock "$lock" env CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DMAILSCOPE_FUZZ=ON \
        -DMAILSCOPE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
    flock "$lock" cmake --build "$build" -j2 --target "${targets[@]}" || exit 1
else
    flock "$lock" cmake --build "$build" -j2 --target "${targets[@]}" || exit 1
fi

# Seeds: regenerated each run into the build directory (never the repo).
shared=${MAILSCOPE_SHARED_CAPTURES:-$root/../shared/captures}
captures=()
while IFS= read -r -d '' f; do captures+=("$f"); done < <(
    find "$shared" "$root/samples" -maxdepth 2 \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.pcap.gz' \) -print0 2>/dev/null)
mkdir -p "$build/seeds"  # seeds are named by content: rewriting is harmless
python3 "$root/fuzz/make_seeds.py" --out "$build/seeds" --captures "${captures[@]}" \
    --messages "$root"/samples/messages/*.eml \
    --filters "$root/tests/unit/filter/filter_corpus.txt" "$root/fuzz/filter.seeds" || exit 1

status=0
summary=()
for t in "${targets[@]}"; do
    bin=$build/fuzz/$t
    corpus=$build/corpus/$t
    artifacts=$build/artifacts/$t
    mkdir -p "$corpus" "$artifacts" "$build/seeds/$t"
    log=$build/logs/$t.log
    mkdir -p "$build/logs"
    dict=$root/fuzz/$(dict_of "$t").dict
    dict_arg=()
    [ -f "$dict" ] && dict_arg=(-dict="$dict")
    if [ "$secs" -gt 0 ]; then
        echo "== $t: ${secs}s (log $log)"
        "$bin" "$corpus" "$build/seeds/$t" "${dict_arg[@]}" -max_total_time="$secs" \
            -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
            -artifact_prefix="$artifacts/" >"$log" 2>&1
        rc=$?
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
        cov=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov: [0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]*')
        if [ $rc -ne 0 ]; then
            status=1
            summary+=("$t: FAILED rc=$rc after ${execs:-?} execs ($cov); see $log and $artifacts")
            grep -E 'ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error|SUMMARY' "$log" | head -5
        else
            summary+=("$t: ok, ${execs:-?} execs, ${cov:-cov: ?}")
        fi
    fi
    # Every input that ever crashed or hung must now run clean.
    reg=$root/tests/fuzz-regressions/$t
    if compgen -G "$reg/*" >/dev/null; then
        if "$bin" -rss_limit_mb=2048 -timeout=25 "$reg"/* >"$build/logs/$t.replay.log" 2>&1; then
            summary+=("$t: regressions ok ($(ls "$reg" | wc -l) inputs)")
        else
            status=1
            summary+=("$t: REGRESSION FAILED; see $build/logs/$t.replay.log")
        fi
    fi
done
printf '%s\n' "${summary[@]}"
exit $status
