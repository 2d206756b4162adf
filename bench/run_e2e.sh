#!/usr/bin/env bash
# `tt-inspect run` of the reference GEMM at N^3 (default 2048) end to end, first run (builds the generated
# program) and second run (cached build), beside one OpenBLAS sgemm of the same size measured in the same
# script. Prints both and the ratio. Usage: bash bench/run_e2e.sh [N]   (needs build/default/{tt-inspect,
# bench/tt_bench}; the build cache is a fresh temporary directory, so the first run really builds)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2048}
bin=./build/default/tt-inspect
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
wall_ms() {
  local t0 t1
  t0=$(date +%s%N)
  XDG_CACHE_HOME=$cache "$bin" run assets/examples/example_gemm.py -D M="$n" -D N="$n" -D K="$n" 2>/dev/null |
    grep -E '^matmul:' >&2
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
first=$(wall_ms)
second=$(wall_ms)
sgemm=$(./build/default/bench/tt_bench --benchmark_filter="BM_OpenBlasSgemm/$n/" --benchmark_format=csv 2>/dev/null |
  awk -F, '/BM_OpenBlasSgemm/ {print $3}')  # real time, ms (the benchmark's unit)
echo "tt-inspect run ${n}^3: first ${first} ms (builds), second ${second} ms (cached build)"
echo "OpenBLAS sgemm ${n}^3: ${sgemm} ms"
awk -v a="$second" -v b="$sgemm" 'BEGIN {printf "ratio cached run / sgemm: %.1fx (target: within 15x)\n", a / b}'
