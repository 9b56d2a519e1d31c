#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 / Raspberry Pi OS machine: installs what is
# missing, builds, unpacks the interop peers, runs ctest. Never touches the system clock.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${BUILD_DIR:-build}
scripts/install-deps.sh test
# Compiler warnings are errors in CI (CI=true), given explicitly so that a reused build
# directory follows the environment rather than its cache.
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DS1_WERROR="$werror"
cmake --build "$build" --parallel "$(nproc)"
scripts/fetch-peers.sh "$build/peers"
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" "$@"
