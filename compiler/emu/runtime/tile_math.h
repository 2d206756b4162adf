// The one arithmetic kernel of the emulator: fp32 tile matmul-accumulate (compiled with -O3).
#pragma once

namespace ttemu {

// c[32x32] += a[32x32] * b[32x32], or a * b^T when transpose_b; all row-major, fp32 accumulation.
void matmul_tile_accumulate(float* c, const float* a, const float* b, bool transpose_b);

}  // namespace ttemu
