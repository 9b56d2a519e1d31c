#!/usr/bin/env bash
# Installs the Debian packages Stratum One needs that are missing (Debian 12 / Raspberry Pi OS).
# Usage: scripts/install-deps.sh [build|test|package|fuzz]
set -euo pipefail

# qt6-translations-l10n: Qt's own strings (Cancel, < Back) in the user's language;
# libqt6svg6: the icon engine that draws the application's SVG icon;
# libcap-dev: the capabilities the service keeps when it drops root (`user`);
# libseccomp-dev: the service's system call filter (-F LEVEL, like chronyd's; tst_syscallfilter
# and tst_seccompservice prove it, so tests need it too: build's list is part of test's);
# nettle-dev: the hashes and ciphers of NTP's symmetric-key authentication (keyfile, key);
# qt6-httpserver-dev: the Prometheus endpoint (`metricsaddress`); its CMake package needs Qt
# WebSockets' (qt6-websockets-dev), which Debian 12's package does not pull in.
build_packages=(cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev qt6-serialport-dev qt6-tools-dev qt6-l10n-tools
    libqt6opengl6-dev libgl-dev qt6-translations-l10n libqt6svg6 libcap-dev libseccomp-dev nettle-dev
    qt6-httpserver-dev qt6-websockets-dev)
# scripts/package.sh: dpkg-shlibdeps (dpkg-dev) and file find the libraries' packages for the
# .deb's Depends.
package_packages=(dpkg-dev file)
# Tests also need: python3 for ntpdig, iproute2 for network namespaces, socat for serial ptys,
# and dpkg/apt to unpack the interop peers (never installed as services); tst_package builds the
# .deb (the package tools above) and checks it with lintian and systemd-analyze (from systemd,
# only the tool: nothing is booted or started).
test_packages=(python3 iproute2 socat lintian systemd "${package_packages[@]}")
# scripts/fuzz.sh only: clang and its runtimes (libclang_rt.fuzzer, asan, ubsan are in
# libclang-rt-14-dev on Debian 12).
fuzz_packages=(clang-14 libclang-rt-14-dev)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")
[ "${1:-build}" = package ] && wanted+=("${package_packages[@]}")
[ "${1:-build}" = fuzz ] && wanted+=("${fuzz_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
