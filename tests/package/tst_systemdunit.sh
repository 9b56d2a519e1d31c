#!/usr/bin/env bash
# tst_systemdunit: resources/stratumone.service as systemd reads it. In a throwaway root where
# the unit sits where the package puts it beside this system's units (the targets it names),
# with ExecStart's /usr/bin/stratumone (this build's, or the package's when tst_package calls
# it) and ExecReload's /bin/kill: `systemd-analyze verify` (no errors or warnings), the settings the service relies on
# (Type=notify and a watchdog, its own user with two capabilities), and `systemd-analyze
# security`'s exposure, "OK" or better, printed beside chrony's unit's when the interop peers
# are unpacked (S1_PEERS_DIR). Nothing is started: systemd-analyze only reads the files.
# Usage: tst_systemdunit.sh UNIT_FILE STRATUMONE_BINARY. Exit 77 (skipped) without systemd-analyze.
set -euo pipefail
unit_file=$1
binary=$2

if ! command -v systemd-analyze >/dev/null; then
    echo "SKIP: systemd-analyze is missing (Debian: systemd; scripts/install-deps.sh test installs it)"
    exit 77
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/s1-unit.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/lib/systemd/system" "$root/usr/bin" "$root/bin"
# Copies, not symbolic links: systemd-analyze resolves links inside the root.
[ -d /lib/systemd/system ] && cp -a /lib/systemd/system/. "$root/lib/systemd/system/"
cp "$unit_file" "$root/lib/systemd/system/stratumone.service"
ln "$binary" "$root/usr/bin/stratumone" 2>/dev/null || cp "$binary" "$root/usr/bin/stratumone"
cp "$(type -P kill)" "$root/bin/kill" # /bin/kill from procps, not the shell's builtin
unit="$root/lib/systemd/system/stratumone.service"
failures=0

# verify prints problems but exits 0 for some of them: any output is a failure.
if ! output=$(systemd-analyze verify --man=no --root="$root" "$unit" 2>&1) || [ -n "$output" ]; then
    echo "FAIL: systemd-analyze verify: $output"
    failures=$((failures + 1))
fi

for setting in Type=notify NotifyAccess=main WatchdogSec=30s User=_stratumone Group=stratumone \
    ProtectSystem=strict NoNewPrivileges=yes StateDirectory=stratumone LogsDirectory=stratumone \
    RuntimeDirectory=stratumone SupplementaryGroups=dialout "SystemCallFilter=@system-service @clock" \
    "CapabilityBoundingSet=CAP_SYS_TIME CAP_NET_BIND_SERVICE CAP_DAC_OVERRIDE CAP_NET_ADMIN" \
    "AmbientCapabilities=CAP_SYS_TIME CAP_NET_BIND_SERVICE CAP_DAC_OVERRIDE CAP_NET_ADMIN"; do
    if ! grep -qx "$setting" "$unit"; then
        echo "FAIL: the unit lacks $setting"
        failures=$((failures + 1))
    fi
done
# The system call filter, as Debian's chrony runs chronyd (-F 1).
grep -Eq '^ExecStart=/usr/bin/stratumone --service -F 1 ' "$unit" || { echo "FAIL: ExecStart without -F 1"; failures=$((failures + 1)); }
for device in pps ptp ttyS ttyUSB ttyACM ttyAMA; do
    grep -qx "DeviceAllow=char-$device rw" "$unit" || { echo "FAIL: no DeviceAllow for $device"; failures=$((failures + 1)); }
done

exposure=$(systemd-analyze security --offline=yes --root="$root" "$unit" 2>&1 | tail -1)
echo "ours:   $exposure"
if ! grep -Eq 'exposure level for stratumone.service: [0-9.]+ (PERFECT|SAFE|OK)' <<<"$exposure"; then
    echo "FAIL: exposure worse than OK"
    failures=$((failures + 1))
fi
chrony_unit="${S1_PEERS_DIR:-}/root/lib/systemd/system/chrony.service"
if [ -f "$chrony_unit" ]; then
    echo "chrony: $(systemd-analyze security --offline=yes "$chrony_unit" 2>&1 | tail -1)"
fi

[ "$failures" -eq 0 ] || exit 1
echo PASS
