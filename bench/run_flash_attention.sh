#!/usr/bin/env bash
# `tt-inspect run` of upstream's flash attention (examples/flash_attention/example_mha_fwd_bshd.py, unmodified,
# non-causal) at batch 1, 8 heads, seq 1024, dim 64 (issue 13's realistic size), end to end: the first run builds the
# generated programs of both instances (block 128 x 128 and the autotuner's 64 x 64), the second reuses the build
# cache. Prints each verdict (with the emulated run and kernel times) and both wall times; the issue's target is
# under a minute. Usage: bash bench/run_flash_attention.sh   (needs build/default/tt-inspect and ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/default/tt-inspect
file=../shared/corpus/tilelang/examples/flash_attention/example_mha_fwd_bshd.py
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
wall_ms() {
  local t0 t1
  t0=$(date +%s%N)
  XDG_CACHE_HOME=$cache "$bin" run "$file" -D batch=1 -D heads=8 -D seq_len=1024 -D dim=64 -D is_causal=False \
    --rtol 1e-2 --atol 2e-3 --timeout 120 2>/dev/null | grep -E '^[a-z_0-9]+: ' >&2
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
first=$(wall_ms)
second=$(wall_ms)
echo "flash attention b1 h8 s1024 d64: first ${first} ms (builds), second ${second} ms (cached build); target: under 60000 ms"
