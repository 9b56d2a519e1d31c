#!/usr/bin/env bash
# libFuzzer runs of tests/fuzz's targets (tests/fuzz/README.md): builds build-fuzz/ with clang
# and -fsanitize=fuzzer,address,undefined, then runs each target for SECONDS (default 60) on
# its seed corpus (tests/fuzz/corpus/<target>, read only) plus the inputs it found before
# (build-fuzz/fuzz-corpus/<target>). A crash, leak or timeout is written to
# build-fuzz/fuzz-artifacts/<target>/ and fails the script after all targets ran.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600 fuzz_ntp_server
# Each target's last line of statistics (executions, cov, ft) is in build-fuzz/fuzz-logs/.
# JOBS (default 2) bounds the build's parallelism; FUZZ_BUILD_DIR moves the tree.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
scripts/install-deps.sh fuzz

build=${FUZZ_BUILD_DIR:-build-fuzz}
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# -O1: fast enough to run millions of inputs, still clear stack traces. Warnings are the normal
# build's business (clang's differ from gcc's), so they do not stop this one.
cmake -S . -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DS1_FUZZ=ON -DS1_WERROR=OFF \
    "${launcher[@]}" > /dev/null

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(sed -n 's/^s1_add_fuzz_target(\(fuzz_[a-z_]*\) .*/\1/p' tests/fuzz/CMakeLists.txt)
fi
cmake --build "$build" --parallel "${JOBS:-2}" --target "${targets[@]}"

failed=()
mkdir -p "$build/fuzz-logs"
for target in "${targets[@]}"; do
    corpus="$build/fuzz-corpus/$target"
    artifacts="$build/fuzz-artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/")
    dict="tests/fuzz/dict/${target#fuzz_}.dict"
    [ -f "$dict" ] && options+=(-dict="$dict")
    log="$build/fuzz-logs/$target.log"
    echo "== $target: ${seconds} s"
    # New inputs go to the first directory; the committed seeds are only read.
    if "$build/tests/fuzz/$target" "${options[@]}" "$corpus" "tests/fuzz/corpus/$target" > "$log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || tail -3 "$log"
    else
        tail -40 "$log"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: findings in ${failed[*]} (inputs in $build/fuzz-artifacts/)" >&2
    exit 1
fi
