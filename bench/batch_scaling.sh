#!/usr/bin/env bash
# Whole-process `tt-inspect batch` of the reference GEMM at 1024^3 and 16384^3, run interleaved (so
# both see the same machine load), with the full artifact set written each time: process start,
# front end, pipeline, codegen and the plan (16384 work items at 16384^3). Prints medians and the ratio.
# Usage: bash bench/batch_scaling.sh [RUNS]   (default 21; needs build/default/tt-inspect)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
bin=./build/default/tt-inspect
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A times
for ((i = 0; i < runs; ++i)); do
  for n in 1024 16384; do
    t0=$(date +%s%N)
    "$bin" batch assets/examples/example_gemm.py -o "$out/$n" -D M=$n -D N=$n -D K=$n >/dev/null
    t1=$(date +%s%N)
    times[$n]+="$(((t1 - t0) / 1000)) "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
m1=$(echo "${times[1024]}" | median)
m2=$(echo "${times[16384]}" | median)
plan=$(stat -c %s "$out/16384/matmul/tt.plan.json")
echo "batch 1024^3:  median ${m1} us over $runs runs"
echo "batch 16384^3: median ${m2} us over $runs runs (tt.plan.json ${plan} bytes)"
awk -v a="$m1" -v b="$m2" 'BEGIN {printf "ratio 16384^3 / 1024^3: %.2fx (target: within 2x)\n", b / a}'
