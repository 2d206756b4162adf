// fp32 tile matmul-accumulate; the i-k-j loop order keeps the inner loop contiguous so it vectorises.
// target_clones picks the widest vectors the CPU has at load time (a 32-float row is two AVX-512 or four AVX2
// registers). The result does not depend on the clone: each element is the same sequence of fp32 multiplies
// and adds in k order, never contracted to FMA (-ffp-contract=off, see CMakeLists.txt).
#include "tile_math.h"

#include "numeric.h"

namespace ttemu {

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
  for (unsigned i = 0; i < n; ++i) {
    float row[kTileDim];
    for (unsigned j = 0; j < n; ++j) row[j] = c[i * n + j];
    for (unsigned k = 0; k < n; ++k) {
      const float aik = a[i * n + k];
      const float* brow = b + k * n;
      for (unsigned j = 0; j < n; ++j) row[j] += aik * brow[j];
    }
    for (unsigned j = 0; j < n; ++j) c[i * n + j] = row[j];
  }
}

}  // namespace ttemu
