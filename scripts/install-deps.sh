#!/usr/bin/env bash
# Installs everything mailscope needs to build and test on Debian 12
# (clang-14 and its runtimes only for the libFuzzer targets in fuzz/).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y -o DPkg::Lock::Timeout=600 \
    build-essential cmake pkg-config \
    libpcap-dev zlib1g-dev libzstd-dev libpcre2-dev libssl-dev libmagic-dev \
    libgtest-dev libgmock-dev libbenchmark-dev \
    qt6-base-dev xvfb xauth \
    tshark \
    clang-14 libclang-rt-14-dev
