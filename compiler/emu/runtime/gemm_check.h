// The double-precision reference GEMM and the element-wise comparison every engine-side check uses, plus the
// plan-driven driver's input generation (seeded random tiles) and its GEMM check on emulated DRAM.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dram.h"
#include "plan.h"

namespace ttemu {

// A comparison of got with want over one output matrix.
struct Comparison {
  bool passed = false;
  double max_abs_error = 0, max_rel_error = 0;  // rel: |got-want| / max(|want|, atol)
  std::uint64_t checked = 0, mismatches = 0;
  bool has_first = false;
  std::uint32_t first_row = 0, first_col = 0;
  double first_got = 0, first_want = 0;
};

// want = A x B^T in double precision: A is M x K, Bt is N x K, both row-major; the result is M x N.
std::vector<double> reference_gemm(const std::vector<double>& A, const std::vector<double>& Bt, std::uint32_t M,
                                   std::uint32_t N, std::uint32_t K);

// |got - want| <= atol + rtol * |want| for every element of two row-major matrices with `cols` columns.
Comparison compare_dense(const std::vector<double>& got, const std::vector<double>& want, std::uint32_t cols,
                         double rtol, double atol);

// Fills every input buffer with values uniform in [-1, 1] (deterministic in `seed`), rounded to its dtype,
// and poisons the output buffer with NaN so that tiles nobody wrote show up as mismatches.
void fill_buffers(Dram& dram, std::uint64_t seed);

// Compares C = op(A) x op(B) within |got - want| <= atol + rtol * |want|.
Comparison check_gemm(Dram& dram, const GemmSpec& gemm, double rtol, double atol);

}  // namespace ttemu
