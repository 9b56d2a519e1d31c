#!/usr/bin/env bash
# Unpacks the real NTP implementations the interop tests talk to (chronyd, ntpdig) from Debian's
# packages into DIR (default build/peers), without installing them: no second time daemon is
# set up on this machine; and Prometheus's promtool (Debian's prometheus: only the checker is
# used, no server runs), which checks our /metrics text; and logrotate with its library (run
# through DIR/bin/logrotate, never from cron or a timer), which rotates our logs with the packaged
# /etc/logrotate.d file. Re-running is cheap: already unpacked peers are kept.
set -euo pipefail

dir=${1:-build/peers}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root="$dir/root"
packages=(chrony ntpsec-ntpdig python3-ntp prometheus logrotate libpopt0)

if [ -x "$root/usr/sbin/chronyd" ] && [ -f "$root/usr/bin/ntpdig" ] \
    && [ -f "$root/usr/lib/python3/dist-packages/ntp/libntpc.so" ] && [ -x "$root/usr/bin/promtool" ] \
    && [ -x "$dir/bin/logrotate" ]; then
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
    cd "$work"
    # apt-get download needs package lists; fetch them once if this machine has none.
    if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -q >/dev/null
        apt-get download "${packages[@]}"
    fi
)
rm -rf "$root"
mkdir -p "$root"
for deb in "$work"/*.deb; do
    dpkg-deb -x "$deb" "$root"
done
# Of prometheus only promtool is used: the server and its web assets go.
rm -rf "$root/usr/bin/prometheus" "$root/usr/share/prometheus"
# ntpdig's Python package looks for its C helper next to itself before the system path.
ntp="$root/usr/lib/python3/dist-packages/ntp"
cp "$root"/usr/lib/*/ntp/libntpc.so.1.* "$ntp/libntpc.so"
# logrotate needs libpopt, which this machine may not have: a wrapper finds the unpacked one.
mkdir -p "$dir/bin"
cat > "$dir/bin/logrotate" <<WRAPPER
#!/bin/sh
LD_LIBRARY_PATH="$root/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$root/usr/sbin/logrotate" "\$@"
WRAPPER
chmod +x "$dir/bin/logrotate"
echo "peers unpacked in $dir: $("$root/usr/sbin/chronyd" -v | head -1)"
