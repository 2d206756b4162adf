#!/usr/bin/env bash
# Issue 14, acceptance 1: emulated GEMM tile matmuls/s at N^3 (cached build, emulated kernel time) against
# OpenBLAS sgemm's 32^3-tile-equivalents/s, measured back to back, ROUNDS times (the machine is shared, so one
# pair can land in a busy moment); prints each pair's ratio and the median.
# Usage: bash bench/emu_ratio.sh [N] [ROUNDS]   (default 2048 5; needs build/default/bench/tt_bench with OpenBLAS)
# The emulator's runner threads are min(2, CPUs); TTEMU_RUNNERS=1 bash bench/emu_ratio.sh measures one.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2048}
rounds=${2:-5}
ratios=()
for ((i = 0; i < rounds; ++i)); do
  # Two processes back to back (the CSV reporter wants one counter set per run).
  rate() {
    ./build/default/bench/tt_bench --benchmark_filter="$1" --benchmark_format=csv 2>/dev/null |
      awk -F, 'NR == 1 {for (i = 1; i <= NF; ++i) if ($i == "\"tile_matmuls_per_s\"") c = i} NR == 2 {print $c}'
  }
  emu=$(rate "BM_EmulatedGemm/$n/")
  blas=$(rate "BM_OpenBlasSgemm/$n/")
  ratio=$(awk -v a="$emu" -v b="$blas" 'BEGIN {printf "%.1f", 100 * a / b}')
  printf 'round %d: emulated %.0f tile matmuls/s, OpenBLAS %.0f: %s%%\n' "$i" "$emu" "$blas" "$ratio"
  ratios+=("$ratio")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
echo "emulated / OpenBLAS tile rate at ${n}^3: median ${median}% of ${rounds} rounds (target: at least 25%)"
