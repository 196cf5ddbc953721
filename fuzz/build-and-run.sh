#!/usr/bin/env bash
# Builds every libFuzzer target with clang (ASan + UBSan) in build-fuzz/,
# makes seed corpora there from the shared captures and the samples, runs
# each target for SECONDS, then replays tests/fuzz-regressions/<target>/*.
# Exits non-zero when any target crashed, hung, leaked or failed a replay.
#
#   fuzz/build-and-run.sh [SECONDS] [TARGET...]     (default 60 s, all targets)
#
# Environment:
#   MAILSCOPE_FUZZ_BUILD     build directory (default build-fuzz/)
#   MAILSCOPE_FUZZ_JOBS      targets fuzzed at the same time (default 1)
#   MAILSCOPE_FUZZ_NO_BUILD  run what is already built
#   MAILSCOPE_SHARED_CAPTURES  seed captures (default ../shared/captures)
#   FUZZ_CC, FUZZ_CXX        compilers (default clang/clang++, else clang-14)
#
# Builds and runs take /tmp/ms-build.lock, as every CPU-heavy job on the
# shared machine does (uncontended in CI).
set -uo pipefail

secs=${1:-60}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAILSCOPE_FUZZ_BUILD:-$root/build-fuzz}
jobs=${MAILSCOPE_FUZZ_JOBS:-1}
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
        *) echo "unknown fuzz target: $1" >&2; return 1 ;;
    esac
}
dict_of() {
    case $1 in
        fuzz_smtp) echo smtp ;; fuzz_pop3) echo pop3 ;; fuzz_imap) echo imap ;;
        fuzz_imf) echo imf ;; fuzz_display_filter) echo filter ;;
        fuzz_capture_reader|fuzz_pipeline_verbose|fuzz_link_ip_tcp) echo capture ;;
    esac
}
for t in "${targets[@]}"; do max_len "$t" >/dev/null || exit 1; done

# Debian's clang-14 package installs clang-14; the unversioned name comes
# from the "clang" package, which a CI machine may not have.
pick() { for c in "$@"; do command -v "$c" >/dev/null 2>&1 && { echo "$c"; return; }; done; echo "$1"; }
cc=${FUZZ_CC:-$(pick clang clang-14)}
cxx=${FUZZ_CXX:-$(pick clang++ clang++-14)}

# A fresh clone has no build-fuzz/: configure it. A directory left by a
# configure that failed half-way has no Makefile: configure again.
if [ -n "${MAILSCOPE_FUZZ_NO_BUILD:-}" ]; then
    :
else
    if [ ! -f "$build/CMakeCache.txt" ] || [ ! -f "$build/Makefile" ]; then
        mkdir -p "$build"
        echo "== configuring $build with $cc / $cxx"
        flock "$lock" env CC="$cc" CXX="$cxx" cmake -S "$root" -B "$build" -DMAILSCOPE_FUZZ=ON \
            -DMAILSCOPE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1 || {
            cat "$build/configure.log"; echo "fuzz: configuring $build failed" >&2; exit 1; }
    fi
    echo "== building ${targets[*]}"
    flock "$lock" cmake --build "$build" -j2 --target "${targets[@]}" >"$build/build.log" 2>&1 || {
        tail -50 "$build/build.log"; echo "fuzz: building the targets failed (log $build/build.log)" >&2; exit 1; }
fi
for t in "${targets[@]}"; do
    [ -x "$build/fuzz/$t" ] || { echo "fuzz: $build/fuzz/$t was not built" >&2; exit 1; }
done

# Seeds: regenerated each run into the build directory (never the repo).
shared=${MAILSCOPE_SHARED_CAPTURES:-$root/../shared/captures}
captures=()
while IFS= read -r -d '' f; do captures+=("$f"); done < <(
    find "$shared" "$root/samples" -maxdepth 2 \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.pcap.gz' \) -print0 2>/dev/null)
messages=()
while IFS= read -r -d '' f; do messages+=("$f"); done < <(
    find "$root/samples/messages" -maxdepth 1 -name '*.eml' -print0 2>/dev/null)
mkdir -p "$build/seeds" "$build/logs" "$build/results"  # seeds are named by content: rewriting is harmless
python3 "$root/fuzz/make_seeds.py" --out "$build/seeds" --captures "${captures[@]}" \
    --messages "${messages[@]}" \
    --filters "$root/tests/unit/filter/filter_corpus.txt" "$root/fuzz/filter.seeds" || exit 1

# Fuzzes one target, then replays its regression inputs; writes its summary
# lines to results/<target> and exits non-zero on any failure.
run_target() {
    local t=$1 bin=$build/fuzz/$1 corpus=$build/corpus/$1 artifacts=$build/artifacts/$1
    local log=$build/logs/$1.log result=$build/results/$1 rc=0 status=0
    mkdir -p "$corpus" "$artifacts" "$build/seeds/$t"
    : >"$result"
    local dict=$root/fuzz/$(dict_of "$t").dict dict_arg=()
    [ -f "$dict" ] && dict_arg=(-dict="$dict")
    if [ "$secs" -gt 0 ]; then
        echo "== $t: ${secs}s (log $log)"
        # The outer timeout catches a hang libFuzzer's own -timeout misses
        # (e.g. one stuck outside an input).
        timeout -k 10 $((secs + 120)) "$bin" "$corpus" "$build/seeds/$t" "${dict_arg[@]}" \
            -max_total_time="$secs" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=25 \
            -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
        rc=$?
        local execs cov
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
        cov=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov: [0-9]+' "$log" | tail -1 |
              grep -oE 'cov: [0-9]+ ft: [0-9]+')
        if [ $rc -ne 0 ]; then
            # A new find fails the run unless MAILSCOPE_FUZZ_STRICT=0 (CI):
            # there a chance find is reported, input included, so it can
            # become a regression, without blocking an unrelated landing;
            # regression replays below always fail the run.
            [ "${MAILSCOPE_FUZZ_STRICT:-1}" = 0 ] || status=1
            echo "$t: FAILED rc=$rc after ${execs:-?} execs (${cov:-cov: ?}); see $log and $artifacts" >>"$result"
            # The report and its stack, so a CI log alone says what broke.
            grep -m1 -A40 -E '^==[0-9]+==ERROR|runtime error|ERROR: libFuzzer' "$log" | head -60 >&2
            ls "$artifacts" >&2
            for a in "$artifacts"/*; do
                [ -f "$a" ] && { echo "fuzz: $t input $(basename "$a") (base64, for tests/fuzz-regressions/$t/):" >&2
                                 head -c 65536 "$a" | base64 >&2; }
            done
        else
            echo "$t: ok, ${execs:-?} execs, ${cov:-cov: ?}" >>"$result"
        fi
    fi
    # Every input that ever crashed or hung must now run clean.
    local reg=$root/tests/fuzz-regressions/$t
    if compgen -G "$reg/*" >/dev/null; then
        if timeout -k 10 300 "$bin" -rss_limit_mb=2048 -timeout=25 "$reg"/* >"$build/logs/$t.replay.log" 2>&1; then
            echo "$t: regressions ok ($(ls "$reg" | wc -l) inputs)" >>"$result"
        else
            status=1
            echo "$t: REGRESSION FAILED; see $build/logs/$t.replay.log" >>"$result"
            grep -m1 -A40 -E '^==[0-9]+==ERROR|runtime error|ERROR: libFuzzer' "$build/logs/$t.replay.log" >&2
        fi
    fi
    return $status
}

# Runs the targets, at most $jobs at a time, under the machine's lock.
run_all() {
    local status=0 pids=() t
    for t in "${targets[@]}"; do
        run_target "$t" &
        pids+=($!)
        if [ ${#pids[@]} -ge "$jobs" ]; then
            wait "${pids[0]}" || status=1
            pids=("${pids[@]:1}")
        fi
    done
    for p in "${pids[@]}"; do wait "$p" || status=1; done
    return $status
}

( flock 9; run_all ) 9>"$lock"
status=$?
for t in "${targets[@]}"; do cat "$build/results/$t" 2>/dev/null; done
exit $status
