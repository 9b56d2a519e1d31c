#!/usr/bin/env bash
# Installs what is missing, builds, and starts the Stratum One window (arguments are passed on,
# e.g. `scripts/run.sh --service -f my.conf`).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${BUILD_DIR:-build}
scripts/install-deps.sh build
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --parallel "$(nproc)"
exec "$build/app/stratumone" "$@"
