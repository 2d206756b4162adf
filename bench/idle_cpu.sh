#!/usr/bin/env bash
# CPU used by the idle desktop app: `tt-inspect open` of the reference GEMM under Xvfb, left alone for 2 s
# to settle, then its user+system CPU time over SECONDS (default 10) of wall time, as % of one core.
# Usage: bash bench/idle_cpu.sh [SECONDS]   (needs build/default/tt-inspect and xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
bin=$PWD/build/default/tt-inspect
home=$(mktemp -d)  # the app's own config (layout, recent files), not the user's
pid= app=
trap 'kill ${pid:-} "$app" 2>/dev/null || true; rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$bin" open assets/examples/example_gemm.py >/dev/null 2>&1 &
app=$!
sleep 2
pid=$(pgrep -P "$app" -f "$bin" | head -n1 || true)
[ -n "$pid" ] || pid=$(pgrep -f "^$bin open" | head -n1)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks)
sleep "$secs"
t1=$(ticks)
awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$secs" \
  'BEGIN {printf "idle app: %.2f%% of one core over %d s (target: under 2%%)\n", 100 * (b - a) / hz / s, s}'
