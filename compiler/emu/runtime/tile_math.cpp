// fp32 tile matmul-accumulate. Four rows of C at a time are held in registers as 16-lane GCC vectors (eight
// independent add chains hide the adder's latency; one row at a time was latency-bound at a quarter of the
// speed) while k runs over B's rows. target_clones picks the widest vectors the CPU has at load time (a
// 32-float row is two AVX-512 or four AVX2 registers). The result does not depend on the clone or the
// blocking: each element is the same sequence of fp32 multiplies and adds in k order, never contracted to
// FMA (-ffp-contract=off, see CMakeLists.txt).
#include "tile_math.h"

#include <cstring>

#include "numeric.h"

namespace ttemu {

namespace {

using F32x16 = float __attribute__((vector_size(64)));
constexpr unsigned kRowsInRegisters = 4;

// c[R rows] += a[R rows] * b, R = kRowsInRegisters; every pointer at the start of a row of a 32-wide tile.
[[gnu::always_inline]] inline void accumulate_rows(float* __restrict c, const float* __restrict a,
                                                   const float* __restrict b) {
  constexpr unsigned n = kTileDim, R = kRowsInRegisters;
  F32x16 acc[R][2];
  for (unsigned r = 0; r < R; ++r) std::memcpy(acc[r], c + r * n, sizeof acc[r]);
  for (unsigned k = 0; k < n; ++k) {
    F32x16 brow[2];
    std::memcpy(brow, b + k * n, sizeof brow);
    for (unsigned r = 0; r < R; ++r) {
      const float ark = a[r * n + k];
      acc[r][0] += ark * brow[0];
      acc[r][1] += ark * brow[1];
    }
  }
  for (unsigned r = 0; r < R; ++r) std::memcpy(c + r * n, acc[r], sizeof acc[r]);
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void matmul_tile_accumulate(float* __restrict c,
                                                                                         const float* __restrict a,
                                                                                         const float* __restrict b,
                                                                                         bool transpose_b) {
  constexpr unsigned n = kTileDim;
  float bt[kTileElems];
  if (transpose_b) {
    for (unsigned i = 0; i < n; ++i)
      for (unsigned j = 0; j < n; ++j) bt[j * n + i] = b[i * n + j];
    b = bt;
  }
  for (unsigned i = 0; i < n; i += kRowsInRegisters) accumulate_rows(c + i * n, a + i * n, b);
}

}  // namespace ttemu
