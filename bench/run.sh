#!/usr/bin/env bash
# Runs every benchmark (compile latency and scaling, per pass, batch throughput, CPU emulation, GUI
# frame time on llvmpipe) on a Release build and writes the tables with a description of the machine
# to bench/RESULTS.md. Usage: bash bench/run.sh  (builds the default preset first).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default --target tt_bench tt_gui_bench tt-inspect >/dev/null
out=bench/RESULTS.md
tmp=$(mktemp)
{
  echo "# Benchmark results"
  echo
  echo "Regenerate with \`bash bench/run.sh\` (Release build, \`cmake --preset default\`)."
  echo
  echo "## Machine"
  echo
  echo "- date: $(date -u +%Y-%m-%d)"
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)')"
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) hardware threads"
  echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- compiler: $(c++ --version | head -n1)"
  echo "- GL: Mesa llvmpipe through EGL surfaceless (no GPU)"
  echo
  echo "## Engine (\`build/default/bench/tt_bench\`)"
  echo
  echo "Targets: the reference GEMM compiles in under 5 ms; 16384^3 within 1.5x of 1024^3; cost per kernel"
  echo "flat from 1 to 100 kernels; batch throughput with 2 jobs near twice that of 1 job."
  echo
  echo '```'
  ./build/default/bench/tt_bench --benchmark_min_time=0.5 2>&1 | sed -n '/^---/,$p' | grep -v -E '_(mean|stddev|cv) '
  echo '```'
  echo
  echo "## Whole-process batch scaling (\`bench/batch_scaling.sh\`)"
  echo
  echo "Target: \`tt-inspect batch\` at 16384^3 (with its full plan) within 2x of 1024^3."
  echo
  echo '```'
  bash bench/batch_scaling.sh 21
  echo '```'
  echo
  echo "## Emulator against the CPU (issue 14)"
  echo
  echo "Targets: emulated GEMM tile matmuls/s at 2048^3 (cached build) at least 25% of OpenBLAS sgemm's"
  echo "32^3-tile-equivalents/s (both rows of the Engine table above, same run); the second \`tt-inspect run\`"
  echo "of the 2048^3 reference GEMM within 15x of one OpenBLAS 2048^3 sgemm."
  echo
  echo '```'
  bash bench/emu_ratio.sh 2048 5 2>&1
  bash bench/run_e2e.sh 2048 2>&1
  echo '```'
  echo
  echo "## Idle desktop app (\`bench/idle_cpu.sh\`, Xvfb)"
  echo
  echo "Target: under 2% of one core over 10 s."
  echo
  echo '```'
  bash bench/idle_cpu.sh 10
  echo '```'
  echo
  echo "## GUI (\`build/default/bench/tt_gui_bench\`, 1600x1000, all panels)"
  echo
  echo "Target: above 30 frames/s (below 33 ms a frame) for a 4000-line source with 100k-line IR dumps."
  echo
  echo '```'
  ./build/default/bench/tt_gui_bench --benchmark_min_time=2 2>&1 | sed -n '/^---/,$p'
  echo '```'
} > "$tmp"
mv "$tmp" "$out"
cat "$out"
