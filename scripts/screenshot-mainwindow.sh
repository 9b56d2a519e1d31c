#!/usr/bin/env bash
# Renders the main window from tst_mainwindow's hand-built snapshots (offscreen, no display
# needed) and refreshes docs/screenshots/mainwindow.png, the 800x480 touchscreen view.
#
# Usage: scripts/screenshot-mainwindow.sh [build-dir] [extra-output-dir]
#   build-dir         CMake build tree to build tst_mainwindow in (default: build-ui)
#   extra-output-dir  also keep every screenshot the test renders (800x480 and 1280x800,
#                     sources and server pages) there
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build-ui}
keep=${2:-}

if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$repo" -B "$build" -G Ninja
fi
cmake --build "$build" --target tst_mainwindow

test_binary=$(find "$build" -type f -name tst_mainwindow -perm -u+x | head -n 1)
if [[ -z $test_binary ]]; then
    echo "tst_mainwindow not found under $build" >&2
    exit 1
fi

shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
QT_QPA_PLATFORM=offscreen S1_SCREENSHOT_DIR="$shots" "$test_binary" -silent

mkdir -p "$repo/docs/screenshots"
cp "$shots/mainwindow-800x480.png" "$repo/docs/screenshots/mainwindow.png"
if [[ -n $keep ]]; then
    mkdir -p "$keep"
    cp "$shots"/*.png "$keep/"
fi
echo "Updated $repo/docs/screenshots/mainwindow.png"
