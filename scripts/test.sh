#!/usr/bin/env bash
# Builds mailscope and runs the whole test suite (CTest + GoogleTest).
#   scripts/test.sh            release build in build/
#   scripts/test.sh --asan     -fsanitize=address,undefined build in build-asan/
#   scripts/test.sh --tsan     -fsanitize=thread build in build-tsan/: only the
#                              tests of the multi-threaded (sharded) paths
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
if [ "${1:-}" = "--tsan" ]; then
    export TSAN_OPTIONS=halt_on_error=1
    cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAILSCOPE_TSAN=ON -DMAILSCOPE_BUILD_GUI=OFF
    cmake --build build-tsan -j"$jobs" --target mailscope-cli test_pipeline test_cli
    ctest --test-dir build-tsan --output-on-failure -j"$jobs" -R 'Sharded'
    exit
fi
cmake -S . -B "$dir" "${flags[@]}"
cmake --build "$dir" -j"$jobs"
ctest --test-dir "$dir" --output-on-failure -j"$jobs"
