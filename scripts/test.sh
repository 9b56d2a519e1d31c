#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 / Raspberry Pi OS machine: installs what is
# missing, builds, unpacks the interop peers, runs ctest. Never touches the system clock.
#   scripts/test.sh [CTEST_ARGS...]             the normal build (build/, or BUILD_DIR)
#   scripts/test.sh --sanitize [CTEST_ARGS...]  AddressSanitizer + UndefinedBehaviorSanitizer
#                                               (preset asan, build-asan/, -O1): every test,
#                                               leaks on
#   scripts/test.sh --sanitize-ci [CTEST_ARGS...]  the same sanitizers, CI's subset (preset
#                                               asan-ci, build-asan-ci/), described below
#   scripts/test.sh --tsan [CTEST_ARGS...]      ThreadSanitizer (preset tsan, build-tsan/): the
#                                               tests that cross threads
# With CI=true (what .ci/run sets) compiler warnings are errors, and after the normal suite the
# plain command runs the sanitizer pass --sanitize-ci; either failing fails the run. To fit CI's
# time on two cores without ccache, that tree is built without the window's tests and the
# benchmarks (S1_GUI_TESTS, S1_BENCHMARKS off), core/ and app/ at -O1 and everything else at -O0,
# with line tables only (-g1) and one precompiled <QtTest> for the tests (S1_TEST_PCH). It runs
# every unit and integration test (the fuzz corpus replays included) except:
#   - the widget tests (label ui) and the integration tests that drive the window:
#     tst_attach, tst_chartsattach, tst_windowreload, tst_windowservice, tst_configpageservice;
#   - tst_package and tst_systemdunit, which check the Debian package and the systemd unit,
#     not our code's memory.
# The window's binary is built and runs in the integration tests (`stratumone --service`, which
# execs stratumone-service, --check-config, -p). Everything runs under ASan with --sanitize.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=normal
case "${1:-}" in
    --sanitize) mode=asan; shift ;;
    --sanitize-ci) mode=asan-ci; shift ;;
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
    # Each step stops the function itself: called as `run_preset ... || status=1`, set -e does not.
    cmake --preset "$preset" -DS1_WERROR="$werror" || return
    cmake --build --preset "$preset" --parallel "$jobs" || return
    scripts/fetch-peers.sh "build-$preset/peers" || return
    # The sanitizers write their reports here (log_path in the test preset), also those of the
    # services and tools the integration tests start: a report fails the run even when the test
    # that started the process did not look at its exit status.
    local reports="build-$preset/sanitizer-reports"
    rm -rf "$reports"
    mkdir -p "$reports" || return
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
status=0
(cd "$build" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$jobs" "$@") || status=$?
if [ "${CI:-}" = true ]; then
    # CI's sanitizer pass runs also when a normal test failed: its reports may say why.
    run_preset asan-ci "$@" || status=1
fi
exit "$status"
