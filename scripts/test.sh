#!/usr/bin/env bash
# Builds mailscope and runs the whole test suite (CTest + GoogleTest).
#   scripts/test.sh            release build in build/
#   scripts/test.sh --asan     -fsanitize=address,undefined build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--asan" ]; then
    dir=build-asan
    # -O1 keeps sanitizer runs fast; the GUI is covered by the release run.
    flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 -DMAILSCOPE_SANITIZE=ON -DMAILSCOPE_BUILD_GUI=OFF)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
jobs=$(nproc)
cmake -S . -B "$dir" "${flags[@]}"
cmake --build "$dir" -j"$jobs"
ctest --test-dir "$dir" --output-on-failure -j"$jobs"
