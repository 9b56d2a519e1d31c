#!/usr/bin/env bash
# Builds the Debian package stratumone_VERSION_ARCH.deb with CPack (cmake/Packaging.cmake):
# the programs, the systemd unit, /etc/stratumone/stratumone.conf as a conffile, the desktop
# entry and icon, the manual pages and the maintainer scripts of resources/debian/. On a Pi the
# same command builds the armhf or arm64 package. It never installs anything but build tools.
#   scripts/package.sh                 a Release build in build-package/ (or BUILD_DIR) for /usr,
#                                      then the .deb beside it
#   scripts/package.sh --from BUILD OUT package the already built tree BUILD into OUT
#                                      (the test suite's tst_package does this with build/)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = --from ]; then
    [ $# -eq 3 ] || { echo "usage: $0 --from BUILD_DIR OUTPUT_DIR" >&2; exit 2; }
    build=$2
    out=$3
else
    scripts/install-deps.sh package
    build=${BUILD_DIR:-build-package}
    # Debian's compiler and linker flags with every hardening feature (fortify, stack
    # protector, relro, bindnow), as a package built by debhelper would have them. Warnings
    # stay warnings even with CI=true: with _FORTIFY_SOURCE GCC 12 reports -Wrestrict and
    # -Wstringop-overflow inside libstdc++'s char_traits for std::string concatenations
    # (IpAddress.cpp, ConfigDocument.cpp, ...) that the normal build does not see.
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF \
        -DS1_WERROR=OFF \
        -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
        -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)"
    cmake --build "$build" --parallel "$(nproc)"
    out=$build
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
# CPack installs the tree into its own staging directory under OUT, never into the system.
(cd "$build" && cpack -G DEB -B "$out" > "$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; exit 1; }
ls "$out"/stratumone_*.deb
