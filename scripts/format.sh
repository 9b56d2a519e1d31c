#!/usr/bin/env bash
# Formats every tracked C++ file (.h, .cpp) with the tree's .clang-format, in place.
#   scripts/format.sh          format
#   scripts/format.sh --check  change nothing; list the files that would change and how many lines
#                              differ, exit 1 if any would
# CLANG_FORMAT=clang-format-15 picks another binary (the style is written for clang-format 14).
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format=${CLANG_FORMAT:-clang-format}
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

mapfile -t files < <(git ls-files -- '*.h' '*.cpp')
if [ "$check" -eq 0 ]; then
    printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$clang_format" -i --style=file
    exit 0
fi

changed=0
lines=0
for file in "${files[@]}"; do
    # Lines removed plus lines added: what a reviewer would read in the formatting commit.
    n=$("$clang_format" --style=file "$file" | diff -- "$file" - | grep -c '^[<>]' || true)
    if [ "$n" -gt 0 ]; then
        echo "$file: $n lines"
        changed=$((changed + 1))
        lines=$((lines + n))
    fi
done
echo "${changed} of ${#files[@]} files would change (${lines} lines removed or added)"
[ "$changed" -eq 0 ]
