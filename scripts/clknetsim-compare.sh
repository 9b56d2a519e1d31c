#!/usr/bin/env bash
# Runs chrony's own simulation tests (clknetsim + chrony's test/simulation/test.common) twice per
# seed: once with chronyd as every node, once with stratumone-core-host as the client node(s) and
# the real chronyd as the servers. Prints, per scenario and client node, the medians over seeds
# (RMS and maximum |true offset| after the test's max_sync_time, the sync time of chrony's
# find_sync), chrony's check_sync pass count, and the ratios ours / chronyd.
#
# usage: scripts/clknetsim-compare.sh [--sim DIR] [--host PATH] [--seeds N] [--only REGEX]
#                                     [--out DIR] [--daemons "chronyd ours"] [--md]
#   --sim DIR    holds clknetsim/ (built: DIR/clknetsim/clknetsim) and chrony/ (built:
#                DIR/chrony/chronyd); default $SIM. Neither is part of this project: fetch the
#                public repositories mlichvar/clknetsim and mlichvar/chrony and build them there
#                (chrony: ./configure --disable-nts --disable-sechash --disable-readline
#                --disable-privdrop && make; clknetsim: make).
#   --host PATH  the stratumone-core-host binary; default build/app/stratumone-core-host
#   --seeds N    seeds 1..N (default 20); --only REGEX restricts the scenarios by name
#   --out DIR    where raw lines, node logs and the wrapper go (default $SIM/s1-compare)
#   --daemons    which daemons to run (default both; the table needs both raw files in --out)
# One raw line per seed and client node goes to OUT/<daemon>.txt; the table to stdout.
# Runs one simulation at a time: chrony's test/simulation/tmp is shared.
# (no set -u: chrony's test.common relies on unset variables)

here=$(cd "$(dirname "$0")/.." && pwd)
sim=${SIM:-}
host=$here/build/app/stratumone-core-host
seeds=20
only=.
out=""
daemons="chronyd ours"
md=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sim) sim=$2; shift 2 ;;
        --host) host=$2; shift 2 ;;
        --seeds) seeds=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --daemons) daemons=$2; shift 2 ;;
        --md) md=1; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "clknetsim-compare: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$sim" ] || { echo "clknetsim-compare: give --sim DIR or set SIM" >&2; exit 2; }
sim=$(cd "$sim" && pwd) || exit 2
[ -x "$sim/clknetsim/clknetsim" ] || { echo "clknetsim-compare: $sim/clknetsim/clknetsim not built" >&2; exit 2; }
[ -x "$sim/chrony/chronyd" ] || { echo "clknetsim-compare: $sim/chrony/chronyd not built" >&2; exit 2; }
[ -d "$sim/chrony/test/simulation" ] || { echo "clknetsim-compare: no $sim/chrony/test/simulation" >&2; exit 2; }
out=${out:-$sim/s1-compare}
mkdir -p "$out/bin" "$out/logs" || exit 2
out=$(cd "$out" && pwd)
host=$(cd "$(dirname "$host")" && pwd)/$(basename "$host")

# test.common starts every node as "chronyd -d -f tmp/conf.N [options]" found in PATH. This
# static stand-in (static, so clknetsim's preloaded library is not loaded into it and the node
# registers once, in the program it execs) runs the real chronyd for server nodes and our host
# for client nodes, with the preload left in the environment for either.
wrapper_src=$out/bin/node-wrapper.c
cat > "$wrapper_src" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
    const char *node = getenv("CLKNETSIM_NODE"), *first = getenv("S1_FIRST_CLIENT_NODE");
    const char *chronyd = getenv("S1_REAL_CHRONYD"), *host = getenv("S1_HOST");
    if (!chronyd) { fprintf(stderr, "node-wrapper: S1_REAL_CHRONYD not set\n"); return 2; }
    if (!host || !node || !first || atoi(node) < atoi(first)) {
        execv(chronyd, argv);
        perror("node-wrapper: chronyd"); return 2;
    }
    /* chronyd's -f CONF and -x carry over; -d/-dd (foreground) is what the host always is. */
    char *args[8]; int n = 0;
    args[n++] = (char *)host;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-f") == 0 && i + 1 < argc) { args[n++] = "-f"; args[n++] = argv[++i]; }
        else if (strcmp(argv[i], "-x") == 0) args[n++] = "-x";
        else if (strcmp(argv[i], "-d") && strcmp(argv[i], "-dd"))
            fprintf(stderr, "node-wrapper: chronyd option %s not passed on\n", argv[i]);
    }
    args[n] = NULL;
    execv(host, args);
    perror("node-wrapper: stratumone-core-host"); return 2;
}
EOF
if [ ! -x "$out/bin/chronyd" ] || [ "$wrapper_src" -nt "$out/bin/chronyd" ]; then
    gcc -static -O2 -o "$out/bin/chronyd" "$wrapper_src" || { echo "clknetsim-compare: cannot build the wrapper (gcc -static)" >&2; exit 2; }
fi

# The scenarios: the settings of chrony's test/simulation scripts of the same name (the first
# run of each script), evaluated after test.common.
scenario_names=()
declare -A scenario_settings
scenario() { scenario_names+=("$1"); scenario_settings[$1]=$2; }
scenario 001-defaults ''
scenario 102-iburst 'freq_offset=1e-4; client_conf="makestep 1e-2 1
driftfile tmp/drift"; client_server_options="iburst"; min_sync_time=4; max_sync_time=6; echo "100 1.0" > tmp/drift'
scenario 101-poll4 'wander=0.0; jitter=1e-6; time_max_limit=1e-5; freq_max_limit=1e-5; time_rms_limit=5e-6; freq_rms_limit=5e-6; client_conf="makestep 1e-2 1"; client_server_options="minpoll 4 maxpoll 4"; limit=160; min_sync_time=32; max_sync_time=34'
scenario 101-poll4-long 'wander=0.0; jitter=1e-6; time_max_limit=1e-5; freq_max_limit=1e-5; client_conf="makestep 1e-2 1"; client_server_options="minpoll 4 maxpoll 4"; limit=10000; min_sync_time=32; max_sync_time=68'
scenario 006-largejitter 'time_offset=1e0; jitter=1e-1; time_max_limit=5e-1; freq_max_limit=2e-1; time_rms_limit=1e-1; freq_rms_limit=5e-3'
scenario 007-largewander 'wander=1e-7; time_max_limit=5e-3; freq_max_limit=5e-3; time_rms_limit=1e-3; freq_rms_limit=1e-4'
scenario 011-asymjitter 'jitter=5e-4; jitter_asymmetry=0.47; limit=100000; max_sync_time=2000'
scenario 109-makestep 'limit=200; jitter=1e-5; client_conf="makestep 2 1"; min_sync_time=130; max_sync_time=150; time_offset=1.0'
scenario 118-maxdelay 'max_sync_time=2000; base_delay=1e-5; jitter=1e-5; wander=0.0; freq_offset="(sum 1e-10)"; time_rms_limit=2e-4; client_server_options="maxpoll 6 maxdelay 3e-5 maxdelayratio 2.0 maxdelaydevratio 2.0"'
scenario 122-xleave 'client_server_options="xleave"; server_conf="noclientlog"'
scenario 125-packetloss 'base_delay="(+ 1e-4 (* -1 (equal 0.33 (uniform) 1.0)) (* -1 (equal 0.1 from 3) (equal 0.1 to 1)))"; clients=2; peers=2; jitter=1e-5; limit=20000; max_sync_time=10000; client_server_options="maxpoll 8"; client_peer_options="maxpoll 8"'
scenario 127-filter 'client_server_options="minpoll 4 maxpoll 4 filter 15 maxdelay 3.5e-4"; min_sync_time=710; max_sync_time=720'
scenario 106-refclock-shm 'servers=0; limit=1000; refclock_jitter=$jitter; min_sync_time=45; max_sync_time=70; client_conf="refclock SHM 0 stratum 3 delay 1e-3 refid GPS"'
scenario 133-hwts 'export CLKNETSIM_TIMESTAMPING=2 CLKNETSIM_PHC_DELAY=1e-6 CLKNETSIM_PHC_JITTER=1e-7 CLKNETSIM_PHC_JITTER_ASYM=0.4; refclock_jitter=1e-8; refclock_offset=10.0; min_sync_time=4; max_sync_time=20; time_rms_limit=1e-7; freq_rms_limit=3e-8; jitter=1e-8; freq_offset=1e-5; limit=200; server_conf="clockprecision 1e-9
hwtimestamp eth0"; client_server_options="minpoll 0 maxpoll 0 xleave"; client_conf="hwtimestamp eth0 nocrossts
clockprecision 1e-9"'

# One seed of one scenario for one daemon: prints a line per client node.
#   daemon scenario seed nodeN sync=S rms=R max=M rmsf=F maxf=G ok=0|1 n=LINES
# sync: chrony's find_sync with the test's limits (n-1 or more: never within them); ok: chrony's
# check_sync verdict without its lower bound on the sync time (syncing sooner is no failure).
run_one() {
    local daemon=$1 name=$2 seed=$3 settings=$4
    (
        cd "$sim/chrony/test/simulation" || exit 1
        export CLKNETSIM_PATH=$sim/clknetsim CLKNETSIM_RANDOM_SEED=$seed
        . ./test.common > /dev/null
        rm -rf tmp/*
        eval "$settings"
        if [ "$daemon" = ours ]; then
            export PATH=$out/bin:$PATH S1_REAL_CHRONYD=$sim/chrony/chronyd S1_HOST=$host
            export S1_FIRST_CLIENT_NODE=$((servers * server_strata + 1))
        fi
        run_test > tmp/run_test.out 2>&1
        local rc=$? i
        cp tmp/run_test.out "$out/logs/$daemon.$name.s$seed.run_test.out"
        for i in $(seq $((servers * server_strata + 1)) "$(get_chronyd_nodes)"); do
            cp "tmp/log.$i" "$out/logs/$daemon.$name.s$seed.n$i.log" 2>/dev/null
        done
        [ $rc -eq 0 ] || { echo "$daemon $name $seed run_test FAILED"; exit 0; }
        local lines st rms mx rmsf mxf ok
        lines=$(wc -l < tmp/log.offset)
        for i in $(seq $((servers * server_strata + 1)) "$(get_chronyd_nodes)"); do
            st=$(find_sync tmp/log.offset tmp/log.freq "$i" "$time_max_limit" "$freq_max_limit" 1.0)
            rms=$(get_stat 'RMS offset' "$i"); mx=$(get_stat 'Maximum absolute offset' "$i")
            rmsf=$(get_stat 'RMS frequency' "$i"); mxf=$(get_stat 'Maximum absolute frequency' "$i")
            ok=1
            check_stat "$st" 0 "$max_sync_time" || ok=0
            check_stat "$mx" 0.0 "$time_max_limit" || ok=0
            check_stat "$mxf" 0.0 "$freq_max_limit" || ok=0
            check_stat "$rms" 0.0 "$time_rms_limit" || ok=0
            check_stat "$rmsf" 0.0 "$freq_rms_limit" || ok=0
            echo "$daemon $name $seed node$i sync=$st rms=$rms max=$mx rmsf=$rmsf maxf=$mxf ok=$ok n=$lines"
        done
    )
}

for daemon in $daemons; do
    : > "$out/$daemon.txt"
    for name in "${scenario_names[@]}"; do
        [[ $name =~ $only ]] || continue
        for seed in $(seq 1 "$seeds"); do
            run_one "$daemon" "$name" "$seed" "${scenario_settings[$name]}" | tee -a "$out/$daemon.txt" >&2
        done
    done
done

[ -s "$out/chronyd.txt" ] && [ -s "$out/ours.txt" ] || exit 0
python3 - "$out/chronyd.txt" "$out/ours.txt" "$md" <<'EOF'
import sys, statistics, collections
def load(path):
    rows = collections.defaultdict(dict); failed = collections.Counter()
    for line in open(path):
        p = line.split()
        if len(p) < 4:
            continue
        if 'FAILED' in line:
            failed[p[1]] += 1
            continue
        fields = dict(x.split('=', 1) for x in p[4:] if '=' in x)
        rows[(p[1], p[3])][int(p[2])] = {k: float(v) for k, v in fields.items()}
    return rows, failed
chrony, chrony_failed = load(sys.argv[1])
ours, ours_failed = load(sys.argv[2])
md = sys.argv[3] == '1'
def med(rows, key):
    return statistics.median(r[key] for r in rows)
def never(rows):  # seeds never within the limits by the end of the run
    return sum(1 for r in rows if r['sync'] >= r['n'] - 1)
header = ['scenario', 'node', 'seeds', 'chronyd RMS', 'max', 'sync', 'pass',
          'ours RMS', 'max', 'sync', 'pass', 'never sync', 'RMS ratio', 'max ratio']
table = []
for key in list(chrony) + [k for k in ours if k not in chrony]:
    c = chrony.get(key, {}); o = ours.get(key, {})
    seeds = sorted(set(c) & set(o))
    if not seeds:
        table.append([key[0], key[1], '0'] + ['-'] * 11)
        continue
    cr = [c[s] for s in seeds]; orr = [o[s] for s in seeds]
    table.append([key[0], key[1], str(len(seeds)),
                  '%.2e' % med(cr, 'rms'), '%.2e' % med(cr, 'max'), '%.0f' % med(cr, 'sync'),
                  '%d/%d' % (sum(r['ok'] for r in cr), len(cr)),
                  '%.2e' % med(orr, 'rms'), '%.2e' % med(orr, 'max'), '%.0f' % med(orr, 'sync'),
                  '%d/%d' % (sum(r['ok'] for r in orr), len(orr)), str(never(orr)),
                  '%.2f' % (med(orr, 'rms') / med(cr, 'rms')), '%.2f' % (med(orr, 'max') / med(cr, 'max'))])
if md:
    print('| ' + ' | '.join(header) + ' |')
    print('|' + '---|' * len(header))
    for row in table:
        print('| ' + ' | '.join(row) + ' |')
else:
    widths = [max(len(r[i]) for r in table + [header]) for i in range(len(header))]
    for row in [header] + table:
        print('  '.join(x.ljust(widths[i]) for i, x in enumerate(row)))
passed = [sum(r['ok'] for rows in d.values() for r in rows.values()) for d in (chrony, ours)]
runs = [sum(len(rows) for rows in d.values()) for d in (chrony, ours)]
print('\ncheck_sync passes: chronyd %d/%d, ours %d/%d' % (passed[0], runs[0], passed[1], runs[1]))
for name, n in ours_failed.items():
    print('ours: %s run_test FAILED for %d seeds' % (name, n))
for name, n in chrony_failed.items():
    print('chronyd: %s run_test FAILED for %d seeds' % (name, n))
EOF
