#!/usr/bin/env bash
# tst_package: builds the .deb from this build tree (scripts/package.sh --from), then checks it
# without ever installing it on this machine: its control fields, contents and conffiles
# (dpkg-deb), lintian (no errors; the warnings we accept are listed below with their reasons),
# the maintainer scripts' syntax, and the files unpacked into a throwaway root (dpkg -x):
# the default configuration is read without a single warning by the packaged binary, and
# tst_systemdunit.sh verifies the packaged unit with the packaged binary.
# Usage: tst_package.sh SOURCE_DIR BUILD_DIR VERSION. Exit 77 (skipped) without the tools.
set -euo pipefail
source_dir=$1
build_dir=$2
version=$3

for tool in dpkg-deb dpkg-shlibdeps cpack lintian; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool is missing (scripts/install-deps.sh test installs it)"
        exit 77
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/s1-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

"$source_dir/scripts/package.sh" --from "$build_dir" "$work/out" >/dev/null
arch=$(dpkg --print-architecture)
deb="$work/out/stratumone_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "FAIL: no $deb"; ls "$work/out"; exit 1; }
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# --- control fields
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = stratumone ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
[ "$(field Section)" = net ] || fail "Section: $(field Section)"
[ "$(field Priority)" = optional ] || fail "Priority: $(field Priority)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Installed-Size)" ] || fail "no Installed-Size"
depends=$(field Depends)
# dpkg-shlibdeps found the libraries: Qt (HttpServer for /metrics), libseccomp (the unit runs
# -F 1); the postinst's tools. No libsystemd: the service speaks sd_notify's protocol itself.
for wanted in libqt6core6 libqt6network6 libqt6widgets6 libqt6httpserver6 libseccomp2 adduser init-system-helpers; do
    grep -q "\b$wanted\b" <<<"$depends" || fail "Depends lacks $wanted: $depends"
done
[ "$(field Provides)" = time-daemon ] || fail "Provides: $(field Provides)"
[ "$(field Conflicts)" = time-daemon ] || fail "Conflicts: $(field Conflicts)"
# (No `producer | grep -q` here: with pipefail, grep's early exit can SIGPIPE the producer and
# fail a check that matched. Each text is taken whole first.)
summary=$(field Description | sed -n 1p)
grep -q "stratum-1 NTP server" <<<"$summary" || fail "Description: $summary"

# --- contents: every file we ship, owned by root
dpkg-deb -c "$deb" > "$work/contents"
for path in ./usr/bin/stratumone ./usr/bin/stratumctl ./usr/bin/stratumone-core-host ./usr/libexec/stratumone/stratumone-service \
    ./lib/systemd/system/stratumone.service ./lib/udev/rules.d/60-stratumone.rules ./etc/stratumone/stratumone.conf \
    ./etc/logrotate.d/stratumone \
    ./usr/share/applications/stratumone.desktop ./usr/share/icons/hicolor/scalable/apps/stratumone.svg \
    ./usr/share/stratumone/grafana/stratumone-dashboard.json \
    ./usr/share/man/man8/stratumone.8.gz ./usr/share/man/man8/stratumone-core-host.8.gz \
    ./usr/share/man/man1/stratumctl.1.gz ./usr/share/man/man5/stratumone.conf.5.gz \
    ./usr/share/doc/stratumone/copyright ./usr/share/doc/stratumone/changelog.gz; do
    grep -q " $path\$" "$work/contents" || fail "not in the package: $path"
done
not_root=$(awk '$2 != "root/root"' "$work/contents")
[ -z "$not_root" ] || fail "files not owned by root: $(sed -n 1,3p <<<"$not_root")"
if grep -q '/usr/local\|_CPack_Packages\|/build' "$work/contents"; then
    fail "build paths in the package: $(grep '/usr/local\|_CPack_Packages\|/build' "$work/contents" | head -3)"
fi

# --- control archive: conffiles and maintainer scripts
dpkg-deb -e "$deb" "$work/control"
[ "$(sort "$work/control/conffiles" | tr '\n' ' ')" = "/etc/logrotate.d/stratumone /etc/stratumone/stratumone.conf " ] ||
    fail "conffiles: $(cat "$work/control/conffiles")"
for script in postinst prerm postrm; do
    [ -x "$work/control/$script" ] || fail "$script missing or not executable"
    sh -n "$work/control/$script" || fail "$script: syntax error"
done
grep -q 'adduser --system --quiet --ingroup stratumone .* _stratumone' <<<"$(tr -d '\\\n' < "$work/control/postinst")" ||
    fail "postinst creates no _stratumone user in group stratumone"
grep -q 'addgroup --system --quiet stratumone' "$work/control/postinst" || fail "postinst creates no stratumone group"
grep -q "deb-systemd-helper enable 'stratumone.service'" "$work/control/postinst" || fail "postinst does not enable the unit"
grep -q "deb-systemd-invoke \$_dh_action 'stratumone.service'" "$work/control/postinst" || fail "postinst does not start the unit"
grep -q "deb-systemd-invoke stop 'stratumone.service'" "$work/control/prerm" || fail "prerm does not stop the unit"

# --- lintian: no errors and no warnings. Its informational tags are printed, and these are
# accepted:
#   hardening-no-fortify-functions, hardening-no-bindnow: a plain CMake build tree has no
#     -D_FORTIFY_SOURCE or -z now; scripts/package.sh's own build takes dpkg-buildflags' flags
#     (hardening=+all), this test packages the tree it is given;
#   binary-has-unneeded-section .comment: CPack strips with plain `strip`, which keeps it;
#   package-supports-alternative-init-but-no-init.d-script: the service needs systemd
#     (Type=notify, the watchdog, the sandbox); there is no init.d script on purpose.
lintian_status=0
lintian --tag-display-limit 0 --display-info "$deb" > "$work/lintian" 2>&1 || lintian_status=$?
grep -v 'running with root privileges is not recommended' "$work/lintian" | sed 's/^/lintian: /'
if grep -q '^E: ' "$work/lintian"; then
    fail "lintian reports errors"
elif grep -q '^W: ' "$work/lintian"; then
    fail "lintian reports warnings"
elif [ "$lintian_status" -ne 0 ]; then
    fail "lintian exited $lintian_status"
fi

# --- unpacked into a throwaway root
root="$work/root"
dpkg -x "$deb" "$root"
for file in usr/bin/stratumone usr/bin/stratumctl usr/bin/stratumone-core-host; do
    [ -x "$root/$file" ] || fail "$file is not executable"
done
cmp -s "$root/etc/stratumone/stratumone.conf" "$source_dir/resources/stratumone.conf" ||
    fail "the packaged configuration is not resources/stratumone.conf"
# Every directive of the default configuration is read and in effect: no warning at all. Its
# confdir and sourcedir exist on an installed system only when the administrator creates them,
# which the reader accepts silently as chronyd does.
check=$("$root/usr/bin/stratumone" --check-config "$root/etc/stratumone/stratumone.conf" 2>&1) ||
    fail "the default configuration has errors: $check"
[ "$check" = "$root/etc/stratumone/stratumone.conf: OK" ] ||
    fail "the default configuration is not read cleanly: $check"
"$root/usr/bin/stratumctl" --help >/dev/null 2>&1 || fail "the packaged stratumctl does not run"
for page in man8/stratumone.8 man8/stratumone-core-host.8 man1/stratumctl.1 man5/stratumone.conf.5; do
    text=$(zcat "$root/usr/share/man/$page.gz")
    grep -q '^\.TH ' <<<"$text" || fail "$page is not a manual page"
    if grep -q '@VERSION@' <<<"$text"; then
        fail "$page: version not filled in"
    fi
done
grep -q '^Icon=stratumone$' "$root/usr/share/applications/stratumone.desktop" || fail "desktop entry: no Icon=stratumone"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/stratumone.desktop" || fail "desktop-file-validate"
fi

# --- the packaged unit with the packaged binary: systemd-analyze verify and security
"$source_dir/tests/package/tst_systemdunit.sh" "$root/lib/systemd/system/stratumone.service" \
    "$root/usr/bin/stratumone" || [ $? -eq 77 ] || fail "tst_systemdunit on the packaged unit"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "PASS"
