#!/usr/bin/env bash
# Runs clang-tidy with the tree's .clang-tidy over the tracked .cpp files (or the files/folders
# given) using the build's compile_commands.json; the build must be configured (any preset, or
# scripts/test.sh) and its generated headers (moc, ui) built.
#   scripts/tidy.sh [-p BUILD_DIR] [--fix] [PATH...]
# Prints the findings and a count; exit 1 when there is any. CLANG_TIDY picks another binary.
set -euo pipefail
cd "$(dirname "$0")/.."

clang_tidy=${CLANG_TIDY:-clang-tidy}
build=build
fix=()
while [ $# -gt 0 ]; do
    case "$1" in
        -p) build=$2; shift 2 ;;
        --fix) fix=(--fix); shift ;;
        -*) echo "usage: $0 [-p BUILD_DIR] [--fix] [PATH...]" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ ! -f "$build/compile_commands.json" ]; then
    echo "$build/compile_commands.json is missing: configure the build first" >&2
    exit 2
fi

mapfile -t files < <(git ls-files -- "${@:-.}" | grep '\.cpp$')
[ ${#files[@]} -eq 0 ] && { echo "no .cpp files in ${*:-.}" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One process per core; clang-tidy's own chatter ("N warnings generated") goes to stderr.
printf '%s\0' "${files[@]}" |
    xargs -0 -n 1 -P "$(nproc)" "$clang_tidy" -p "$build" --quiet "${fix[@]}" 2>/dev/null |
    tee "$log"
count=$(grep -c ': warning: ' "$log" || true)
echo "clang-tidy: ${count} findings in ${#files[@]} files"
[ "$count" -eq 0 ]
