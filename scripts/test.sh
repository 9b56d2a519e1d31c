#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 / Raspberry Pi OS machine: installs what is
# missing, builds, unpacks the interop peers, runs ctest. Never touches the system clock.
#   scripts/test.sh [CTEST_ARGS...]             the normal build (build/, or BUILD_DIR)
#   scripts/test.sh --sanitize [CTEST_ARGS...]  AddressSanitizer + UndefinedBehaviorSanitizer
#                                               (preset asan, build-asan/): every test, leaks on
#   scripts/test.sh --tsan [CTEST_ARGS...]      ThreadSanitizer (preset tsan, build-tsan/): the
#                                               tests that cross threads
# With CI=true (what .ci/run sets) compiler warnings are errors. The sanitizer suites are not
# part of the CI run yet: their separate -O1 build alone takes longer on CI's two cores than the
# run's time budget allows (README, "Sanitizers").
set -euo pipefail
cd "$(dirname "$0")/.."

mode=normal
case "${1:-}" in
    --sanitize) mode=asan; shift ;;
    --tsan) mode=tsan; shift ;;
esac

scripts/install-deps.sh test
# Compiler warnings are errors in CI (CI=true), given explicitly so that a reused build
# directory follows the environment rather than its cache.
werror=OFF
[ "${CI:-}" = true ] && werror=ON
# CI builds the same optimised code without debug information: on its two cores `-g` costs
# several minutes of compiling and linking that nobody reads there. Given every time, so that
# a reused build directory follows the environment.
optimised_flags="-O2 -g -DNDEBUG"
[ "${CI:-}" = true ] && optimised_flags="-O2 -DNDEBUG"
jobs=$(nproc)

# One preset's build and tests; the presets carry the flags and the sanitizers' options
# (suppressions, leak checking, which tests run under tsan).
run_preset() {
    local preset=$1
    shift
    cmake --preset "$preset" -DS1_WERROR="$werror"
    cmake --build --preset "$preset" --parallel "$jobs"
    scripts/fetch-peers.sh "build-$preset/peers"
    # The sanitizers write their reports here (log_path in the test preset), also those of the
    # services and tools the integration tests start: a report fails the run even when the test
    # that started the process did not look at its exit status.
    local reports="build-$preset/sanitizer-reports"
    rm -rf "$reports"
    mkdir -p "$reports"
    local status=0
    ctest --preset "$preset" --parallel "$jobs" "$@" || status=$?
    if [ -n "$(ls -A "$reports")" ]; then
        cat "$reports"/*
        echo "$preset: sanitizer reports in $reports" >&2
        status=1
    fi
    return "$status"
}

if [ "$mode" != normal ]; then
    run_preset "$mode" "$@"
    exit 0
fi

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DS1_WERROR="$werror" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$optimised_flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$optimised_flags"
cmake --build "$build" --parallel "$jobs"
scripts/fetch-peers.sh "$build/peers"
(cd "$build" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$jobs" "$@")
